"""`manage.py scan_personal_data`: which stored texts hold a client's personal identity number.

Lists the record type, id and field of each hit, never the text, so that data stored before
the forms refused such numbers can be found and cleaned. History tables are scanned too: they
keep every old version of a text.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from uppfoljning.core.personal_data import contains_personal_number

# The project's own apps; the rest (auth, sessions, Celery beat) hold no typed free text.
APPS = ("suppliers", "followups", "reports")

# Every personal identity number has at least six digits in a row (its date).
CANDIDATE_REGEX = r"[0-9]{6}"


def _exempt(model) -> set[str]:
    """Fields that hold a number on purpose (Supplier.personal_data_exempt); a history model
    keeps the fields of the model it copies."""
    source = getattr(model, "instance_type", model)
    return set(getattr(source, "personal_data_exempt", ()))


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if field.choices:
            continue  # codes from a fixed list, not typed text
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            yield field


def _json_hits(value, path: str, exempt_keys: set[str]):
    """The paths (snapshot.reasons[0].text) of the strings in a JSON value that hold a
    number; keys such as org_number are a copy of an exempt field and are skipped."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in exempt_keys:
                yield from _json_hits(item, f"{path}.{key}", exempt_keys)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_hits(item, f"{path}[{index}]", exempt_keys)
    elif isinstance(value, str) and contains_personal_number(value):
        yield path


def scan():
    """(model, pk, field or JSON path) of every stored text that holds a number."""
    scanned = [m for label in APPS for m in apps.get_app_config(label).get_models()]
    exempt_keys = set().union(*(_exempt(m) for m in scanned))
    for model in scanned:
        exempt = _exempt(model)
        for field in _text_fields(model):
            if field.name in exempt:
                continue
            rows = model._default_manager.order_by("pk")
            if isinstance(field, models.JSONField):
                for pk, value in rows.values_list("pk", field.name).iterator(chunk_size=500):
                    for path in _json_hits(value, field.name, exempt_keys):
                        yield model, pk, path
                continue
            # The database picks the few rows with a run of digits; Python checks them.
            candidates = rows.filter(**{f"{field.name}__regex": CANDIDATE_REGEX})
            for pk, value in candidates.values_list("pk", field.name).iterator(chunk_size=500):
                if contains_personal_number(value):
                    yield model, pk, field.name


class Command(BaseCommand):
    help = (
        "List the record type, id and field of every stored text (history included) that "
        "contains a personal identity or co-ordination number. The texts are never printed."
    )

    def handle(self, *args, **options):
        count = 0
        for model, pk, field in scan():
            if not count:
                self.stdout.write("\t".join([_("Record type"), _("Id"), _("Field")]))
            count += 1
            self.stdout.write(f"{model._meta.label_lower}\t{pk}\t{field}")
        self.stdout.write(
            ngettext(
                "%(count)d stored text contains a personal identity or co-ordination number.",
                "%(count)d stored texts contain a personal identity or co-ordination number.",
                count,
            )
            % {"count": count}
        )
