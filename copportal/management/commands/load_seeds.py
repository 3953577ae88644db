from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from contributions import seeds as contribution_seeds
from copportal.accounts import seeds as account_seeds
from meetings import seeds as meeting_seeds
from resources import seeds as resource_seeds


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
        states = account_seeds.load_organizations()
        account_seeds.ensure_role_groups()
        meetings = meeting_seeds.load_meetings(demo=demo)
        self.stdout.write(f"Loaded {states} Member States and {len(meetings)} meetings.")
        self.stdout.write(resource_seeds.load(demo=demo))
        if not demo:
            return
        accounts = account_seeds.create_demo_accounts()
        demo_meeting = next(meeting for meeting in meetings if meeting.is_demo)
        count = contribution_seeds.load_demo_contributions(demo_meeting)
        self.stdout.write(f"Demo meeting {demo_meeting.number}: {count} demo contributions.")
        self.stdout.write(f"Demo accounts (password: {account_seeds.DEMO_PASSWORD}):")
        for email, what in accounts:
            self.stdout.write(f"  {email:<26} {what}")
