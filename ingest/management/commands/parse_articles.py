"""Print what the parser reads in article files; writes nothing to the database.

    python manage.py parse_articles PATH... [--format json]

The JSON output (one object keyed by file name, in the gold shape of
EXTRACTION.md) is what ../shared/tools/score_extraction.py scores.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.parser import parse, read_document

# Output fields: the gold shape only (the writer's extra fields stay out of it).
# Files taken from a folder (a named file is always read, whatever its name).
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".md", ""}
_PLEDGE_FIELDS = ("donor", "kind", "amount", "currency", "category", "items", "coalition", "evidence")


def article_dict(result) -> dict:
    data = result.to_dict()
    data["pledges"] = [
        {**{k: p[k] for k in _PLEDGE_FIELDS},
         "items": [{"system": i["system"], "quantity": i["quantity"]} for i in p["items"]]}
        for p in data["pledges"]
    ]
    return data


class Command(BaseCommand):
    help = "Parse article files (text or HTML) and print pledges, meetings and coalitions."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="article files (plain text or HTML)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        out = {}
        failed = []
        for raw in options["paths"]:
            path = Path(raw)
            if path.is_dir():
                files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            elif path.is_file():
                files = [path]
            else:
                raise CommandError(f"no such file: {raw}")
            for file in files:
                try:
                    doc = read_document(file.read_bytes(), file.name)
                except OSError as exc:
                    self.stderr.write(f"{file}: {exc}")
                    continue
                try:
                    result = parse(doc.text, doc.published)
                except Exception as exc:  # a parser bug: report it, read the other files, exit 1
                    self.stderr.write(f"{file}: parser error: {type(exc).__name__}: {exc}")
                    failed.append(file.name)
                    continue
                if doc.title:
                    result.title = doc.title  # a page's own <title>/og:title beats a guessed heading
                out[file.name] = article_dict(result)
        if options["format"] == "json":
            # one write: OutputWrapper would end every chunk of json.dump with a newline
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
        else:
            self._print_text(out)
        if failed:
            raise CommandError(f"the parser failed on {len(failed)} file(s): {', '.join(failed)}")

    def _print_text(self, out):
        for name, data in out.items():
            self.stdout.write(f"== {name}  published {data['published']}  title {data['title']!r}")
            for p in data["pledges"]:
                amount = f"{p['amount']:,} {p['currency']}" if p["amount"] is not None else "-"
                items = ", ".join(f"{i['system']}" + (f" x{i['quantity']}" if i["quantity"] else "") for i in p["items"])
                self.stdout.write(f"  {p['donor']:5s} {p['kind']:10s} {amount:>22s}  {p['category']:18s} {items}"
                                  + (f"  [{p['coalition']}]" if p["coalition"] else ""))
            for m in data["meetings"]:
                self.stdout.write(f"  meeting {m['name']} #{m['number']} {m['date']} {m['location']} "
                                  f"virtual={m['virtual']} {','.join(m['participants'])}")
            for c in data["coalitions"]:
                self.stdout.write(f"  coalition {c['name']} leaders={','.join(c['leaders'])} members={','.join(c['members'])}")
        sys.stdout.flush()
