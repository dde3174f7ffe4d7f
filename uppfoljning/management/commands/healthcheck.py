"""`manage.py healthcheck`: the /healthz checks for containers without HTTP (Celery beat)."""

import json

from django.core.management.base import BaseCommand, CommandError

from uppfoljning.health import run_checks


class Command(BaseCommand):
    help = "Check the database and, when configured, Redis and the Celery broker."

    def handle(self, *args, **options):
        results, healthy = run_checks()
        self.stdout.write(json.dumps(results))
        if not healthy:
            down = [name for name, result in results.items() if result != "ok"]
            raise CommandError("unhealthy: " + ", ".join(down))
