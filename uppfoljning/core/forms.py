"""The form kit every page uses: a date picker, the refusal of client personal identity
numbers in typed text, and forms crispy renders inside the page's own <form> tag (so one page
can hold several forms and its own buttons)."""

import hashlib
import json
from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import pretty_name

from .personal_data import check_free_text


class DateInput(forms.DateInput):
    """The browser's date picker, in ISO dates (2024-12-20) whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NoPersonalDataMixin:
    """Refuses a personal identity or co-ordination number in every text field of the form,
    with a message naming the field, so no form can store client data by forgetting a check.

    Fields that hold such a number on purpose (a sole trader's organisation number is the
    owner's personal identity number) are named in `personal_data_exempt`, on the form or, for
    a model form, on the model, where `manage.py scan_personal_data` reads it too.
    """

    personal_data_exempt: tuple[str, ...] = ()

    def _personal_data_exempt(self) -> set[str]:
        model = getattr(getattr(self, "_meta", None), "model", None)
        return {*self.personal_data_exempt, *getattr(model, "personal_data_exempt", ())}

    def clean(self):
        cleaned = super().clean()
        exempt = self._personal_data_exempt()
        for name, field in self.fields.items():
            if name in exempt or not isinstance(field, forms.CharField):
                continue
            if name not in self.cleaned_data:
                continue  # already refused for another reason
            try:
                check_free_text(self.cleaned_data[name], str(field.label or pretty_name(name)))
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class _Crispy(NoPersonalDataMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()


class CrispyForm(_Crispy, forms.Form):
    """A plain form rendered by crispy without its own <form> tag; dates get a date picker;
    no text field takes a personal identity number."""


class CrispyModelForm(_Crispy, forms.ModelForm):
    """A model form rendered by crispy without its own <form> tag; dates get a date picker;
    no text field takes a personal identity number."""


class NoPersonalDataModelForm(NoPersonalDataMixin, forms.ModelForm):
    """A model form that refuses personal identity numbers and renders as Django's own; for
    the admin (`ModelAdmin.form`), which builds its forms from this class."""


# --- The version an edit form was opened at -------------------------------------------------
#
# Every edit form carries, in a hidden field, a fingerprint of each value it edits as the
# record held it when the page was shown; the save compares them with the record locked in
# its own transaction (uppfoljning.core.views.EditVersionMixin). Fingerprints of the edited
# values rather than a version column or `updated_at`: no migration on any model, no writer
# (service, import, admin, sweep) that must remember to bump a counter, no refusal because a
# field the form does not show was changed (a sweep's status), and the refusal can name
# exactly the fields that changed since the page was shown.

VERSION_FIELD = "edit_version"


class VersionField(forms.Field):
    """The hidden version token; not a CharField, so no text check reads it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, label="", **kwargs)

    def has_changed(self, initial, data):
        return False  # never among the fields a user changed (form.changed_data)


def _normal(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, (list, tuple, set, frozenset, models.QuerySet)):
        return sorted((_normal(v) for v in value), key=str)
    if isinstance(value, str):  # as a form cleans it: no \r, no outer whitespace
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def fingerprint(value) -> str:
    """A short, exact fingerprint of one stored value (a related row by its key)."""
    text = json.dumps(_normal(value), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def version_token(values: dict) -> str:
    """The token for a form showing `values` (field name -> stored value)."""
    return ",".join(f"{name}:{fingerprint(value)}" for name, value in sorted(values.items()))


def parse_version_token(token) -> dict[str, str]:
    """Field name -> fingerprint; an empty dict for a missing or mangled token."""
    seen = {}
    for part in str(token or "").split(","):
        name, sep, digest = part.partition(":")
        if not sep:
            return {}
        seen[name] = digest
    return seen


def add_version_field(form, values: dict) -> None:
    """Give the form its hidden version field, set to the version of `values`."""
    form.fields[VERSION_FIELD] = VersionField(initial=version_token(values))
