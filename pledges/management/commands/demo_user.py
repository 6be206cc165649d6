import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.conf import settings


class Command(BaseCommand):
    help = "Create (or reset) the 'demo' staff account for local demos and print its password. DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_user is for local demos: it refuses to run with DEBUG off.")
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(username="demo")
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Admin login for this demo: user 'demo', password '{password}' (/admin/)")
