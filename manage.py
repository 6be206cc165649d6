#!/usr/bin/env python
import os
import sys

# Commands that never sign, serve or store anything: they run without a
# configured SECRET_KEY so the parser can be evaluated on any checkout.
OFFLINE_COMMANDS = {"parse_articles"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aidtracker.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("SECRET_KEY", "offline-command-signs-nothing")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
