#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copportal.settings")
    from django.core.management import execute_from_command_line

    if os.environ.get("DATABASE_URL", "").strip() or os.environ.get("COPPORTAL_DEVDB_HELD"):
        execute_from_command_line(sys.argv)
        return
    # No DATABASE_URL: the embedded server (copportal/devdb/), started for the command if
    # nothing holds it, and stopped after it unless another run still does. Every command
    # needs it: the system checks ask the server its version (generated columns).
    from copportal.devdb import postgres

    with postgres.server():
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
