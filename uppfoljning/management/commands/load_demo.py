"""`python manage.py load_demo`: load the demo of 004_…; running it again changes nothing."""

import datetime

from django.core.management.base import BaseCommand

from uppfoljning.demo import content
from uppfoljning.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo data (the board, agreements and suppliers of the 2024 report)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Place the live checks and exclusions relative to this date (YYYY-MM-DD).",
        )

    def handle(self, *args, today=None, **options):
        result = load_demo(today=today)
        if result.changed:
            created = ", ".join(f"{n} {what}" for what, n in sorted(result.created.items()) if n)
            self.stdout.write(self.style.SUCCESS(f"Demo loaded: {created}."))
        else:
            self.stdout.write("Demo already loaded; nothing changed.")
        self.stdout.write("Demo users (one per role), all with the password:")
        self.stdout.write(f"    {content.DEMO_PASSWORD}")
        for username, _first, _last, role in content.DEMO_USERS:
            self.stdout.write(f"    {username:<18} {role or 'superuser (admin)'}")
        if not result.users_created:
            self.stdout.write("(The users existed already; their passwords were not changed.)")
