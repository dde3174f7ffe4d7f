"""A heartbeat on each PDF job, and the recovery sweep on beat's schedule: every minute.

Jobs unfinished when this runs beat from their request, so the sweep judges them too (a job
stuck before the heartbeat existed is failed at its first run).
"""

import json

from django.db import migrations, models
from django.db.models import F

RECOVER = "Återställning av PDF-jobb"


def beat_from_request(apps, schema_editor):
    ReportJob = apps.get_model("reports", "ReportJob")
    ReportJob.objects.filter(status__in=["queued", "running"]).update(
        heartbeat_at=F("requested_at")
    )


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=RECOVER,
        defaults={"task": "reports.recover_jobs", "interval": minute, "args": json.dumps([])},
    )


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=RECOVER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_plan"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportjob",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last heartbeat"),
        ),
        migrations.AddField(
            model_name="reportjob",
            name="requeued",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="sent again"),
        ),
        migrations.RunPython(beat_from_request, migrations.RunPython.noop),
        migrations.RunPython(schedule, unschedule),
    ]
