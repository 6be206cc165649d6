"""The parser's shape: pure Python, one module per stage, no cycles, short functions, every
pattern compiled once at module level, an immutable lexicon."""

import ast
import re
from pathlib import Path

import pytest

import ingest.parser
from ingest.parser import lexicon

PACKAGE = Path(ingest.parser.__file__).parent
MODULES = {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.glob("*.py"))}
# Modules that read a grammar of their own (numbers, dates, sentences, quotes, HTML) keep its patterns;
# every cue pattern of the stages is in cues.py.
GRAMMARS = {"cues", "money", "dates", "text", "quotes", "document", "lexicon", "fastre", "officials"}
RE_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield (node.module or "", node.level)


def test_the_parser_imports_nothing_from_django_or_the_apps():
    for name, tree in MODULES.items():
        for module, level in _imports(tree):
            if level == 0:
                assert not module.split(".")[0] in ("django", "pledges", "ingest", "aidtracker"), (name, module)


def _internal_graph():
    graph = {}
    for name, tree in MODULES.items():
        graph[name] = {module.split(".")[0] for module, level in _imports(tree) if level == 1 and module}
    return graph


def test_no_import_cycle_between_parser_modules():
    graph = _internal_graph()
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join(path + [nxt])
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])


def test_no_function_longer_than_80_lines():
    long = [(name, f.name, f.end_lineno - f.lineno + 1) for name, tree in MODULES.items()
            for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
            and f.end_lineno - f.lineno + 1 > 80]
    assert long == []


def _is_re_call(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_CALLS
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re")


def test_no_pattern_is_compiled_inside_a_function():
    inline = [(name, node.lineno) for name, tree in MODULES.items()
              for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
              for node in ast.walk(f) if _is_re_call(node) and f.name not in ("lower_compile", "fast_compile", "_country_regex", "__init__")]
    assert inline == []


def test_stage_modules_take_their_cue_patterns_from_cues():
    for name, tree in MODULES.items():
        if name in GRAMMARS:
            continue
        own = [node.lineno for node in tree.body if isinstance(node, ast.Assign)
               and isinstance(node.value, ast.Call) and (_is_re_call(node.value) or (
                   isinstance(node.value.func, ast.Name) and node.value.func.id in ("lower_compile", "fast_compile")))]
        assert own == [], (name, own)


def test_the_lexicon_is_read_only():
    with pytest.raises(TypeError):
        lexicon.COUNTRY_ALIASES["Atlantis"] = lexicon.Alias("ATL", "name")
    with pytest.raises(AttributeError):
        lexicon.LEXICON.aliases = {}
    assert isinstance(lexicon.LEXICON.ukrainian_officials, frozenset)
    assert isinstance(lexicon.LEXICON.systems, tuple)


def test_the_readme_maps_every_module():
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    mapped = set(re.findall(r"`(\w+)\.py`", readme))
    assert set(MODULES) - {"__init__"} <= mapped
