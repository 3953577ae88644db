"""Build today's public data dump now (what celery beat does each night)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from resources.exports.dump import public_data_dump_today


class Command(BaseCommand):
    help = (
        "Write the dated ZIP of every public list as CSV and JSON, with a README.txt, into "
        "the default storage (public-data/cwg-cop-public-data-<day>.zip). Running it again "
        "the same day rewrites that day's dump."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", help="The dump's date (YYYY-MM-DD); today by default.")

    def handle(self, *args, day=None, **options):
        when = None
        if day:
            when = parse_date(day)
            if when is None:
                raise CommandError(f"Not a date (YYYY-MM-DD): {day}")
        dump = public_data_dump_today(day=when)
        self.stdout.write(f"{dump.file.name} ({dump.size} bytes)")
