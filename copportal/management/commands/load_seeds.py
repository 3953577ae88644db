from importlib import import_module

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from copportal import seed_translations

# Each app seeds its own nouns through `<app>.seeds.load(*, demo) -> list[str]`, in this
# order (an app may rely on the data of those before it).
SEEDED_APPS = ["copportal.accounts", "meetings", "contributions", "resources"]


class Command(BaseCommand):
    help = (
        "Load the seeds' data (Member States, roadmap, meetings 19 and 20, outcomes, liaison "
        "notes) and, when DEBUG is on, the demo meeting and demo accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo", action="store_true", help="Skip the demo meeting and demo accounts."
        )

    @transaction.atomic
    def handle(self, *args, no_demo=False, **options):
        demo = settings.DEMO_DATA and not no_demo
        # Seeds look rows up by their English names: modeltranslation reads the active
        # language's column, so English is active while seeding. The seeds' rows are no
        # officer's edit: the audit log (copportal/audit/) does not record them.
        with translation.override("en"), disable_auditlog():
            for app in SEEDED_APPS:
                for line in import_module(f"{app}.seeds").load(demo=demo):
                    self.stdout.write(line)
            filled = sum(len(pks) for pks in seed_translations.fill().values())
        self.stdout.write(f"Seeded texts translated into the six languages: {filled} rows.")
