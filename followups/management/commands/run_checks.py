"""Run the daily sweep of control rules in this process (no broker needed)."""

import datetime

from django.core.management.base import BaseCommand

from followups.control import services


class Command(BaseCommand):
    help = "Evaluate every active control rule and create the work items that are due."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Evaluate as on this date (YYYY-MM-DD).")
        parser.add_argument(
            "--seed", action="store_true", help="First create the prescribed rules if missing."
        )

    def handle(self, *args, date=None, seed=False, **options):
        if seed:
            services.seed_control_rules()
        on = datetime.date.fromisoformat(date) if date else None
        result = services.sweep(on=on)
        self.stdout.write(
            f"Sweep {result.on:%Y-%m-%d}: {result.rules} rules, {result.created} work items created"
        )
