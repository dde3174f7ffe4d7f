"""Seed the default assessment template (the areas of the 2024 special follow-up)."""

from django.db import migrations


def seed(apps, schema_editor):
    from followups.cases.presets import DEFAULT

    AssessmentArea = apps.get_model("followups", "AssessmentArea")
    for order, name in enumerate(DEFAULT, start=1):
        AssessmentArea.objects.get_or_create(agreement=None, name=name, defaults={"order": order})


def unseed(apps, schema_editor):
    from followups.cases.presets import DEFAULT

    AssessmentArea = apps.get_model("followups", "AssessmentArea")
    AssessmentArea.objects.filter(agreement=None, name__in=DEFAULT).delete()


class Migration(migrations.Migration):
    dependencies = [("followups", "0005_followups")]

    operations = [migrations.RunPython(seed, unseed)]
