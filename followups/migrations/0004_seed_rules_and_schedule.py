"""Seed the controls the plans prescribe, and put the sweep and digest on beat's schedule.

The schedule lives in the database (django-celery-beat), so it can be changed in the
admin without a deploy. Agreements are linked by `seed_control_rules` (the demo calls it).
"""

import json

from django.db import migrations

SWEEP = "Daglig genomgång av kontrollregler"
DIGEST = "Veckosammanställning till strateger"


def seed(apps, schema_editor):
    from followups.control.services import SEED_RULES

    ControlRule = apps.get_model("followups", "ControlRule")
    for spec in SEED_RULES:
        spec = {k: v for k, v in spec.items() if k != "agreement_names"}
        code = spec.pop("code")
        ControlRule.objects.get_or_create(code=code, defaults={**spec, "kind": str(spec["kind"])})

    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="5", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Europe/Stockholm",
    )
    weekly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="1", day_of_month="*", month_of_year="*",
        timezone="Europe/Stockholm",
    )
    PeriodicTask.objects.get_or_create(
        name=SWEEP, defaults={"task": "followups.sweep", "crontab": daily, "args": json.dumps([])}
    )
    PeriodicTask.objects.get_or_create(
        name=DIGEST,
        defaults={"task": "followups.weekly_digest", "crontab": weekly, "args": json.dumps([])},
    )


def unseed(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[SWEEP, DIGEST]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0003_control"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
