"""Tasks waiting for the broker (uppfoljning.core.dispatch), and their dispatcher on beat's
schedule: every minute, like the reports' recovery sweep."""

import json

from django.db import migrations, models

DISPATCH = "Utskick av väntande uppgifter"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=DISPATCH,
        defaults={"task": "core.dispatch_pending", "interval": minute, "args": json.dumps([])},
    )


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=DISPATCH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("uppfoljning", "0001_create_role_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="PendingDispatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "key",
                    models.CharField(blank=True, db_index=True, max_length=200, verbose_name="key"),
                ),
                ("task", models.CharField(max_length=200, verbose_name="task")),
                ("args", models.JSONField(default=list, verbose_name="arguments")),
                ("kwargs", models.JSONField(default=dict, verbose_name="keyword arguments")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
                ("attempts", models.PositiveIntegerField(default=1, verbose_name="attempts")),
                ("error", models.TextField(blank=True, verbose_name="error")),
            ],
            options={
                "verbose_name": "task waiting for the queue",
                "verbose_name_plural": "tasks waiting for the queue",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.RunPython(schedule, unschedule),
    ]
