from django.core.management import call_command
from django.core.management.base import BaseCommand

from resources.models import Resource


class Command(BaseCommand):
    help = (
        "Measure the library's search on this database (generating 100,000 resources and "
        "20,000 contributions first if the benchmark rows are not there)."
    )

    def handle(self, *args, **options):
        from bench.library import measure

        if not Resource.objects.filter(slug__startswith="bench-").exists():
            call_command("generate_library", stdout=self.stdout)
        measure(write=self.stdout.write)
