import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the 'demo' staff account for local demos and print its login. DEBUG only. "
        "The password is DEMO_ADMIN_PASSWORD (bin/demo keeps one in .env), so it stays the same "
        "on every run; without it a new one is made and printed."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_user is for local demos: it refuses to run with DEBUG off.")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "").strip()
        kept = bool(password)
        password = password or secrets.token_urlsafe(9)
        user, created = get_user_model().objects.get_or_create(username="demo")
        unchanged = not created and user.is_superuser and user.check_password(password)
        if not unchanged:
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
        where = " (kept in .env: the same on every run)" if kept else ""
        state = "created" if created else "unchanged" if unchanged else "set"
        self.stdout.write(f"Admin login {state}: user 'demo', password '{password}'{where}, at /admin/")
