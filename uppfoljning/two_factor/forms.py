"""The code a user types: six digits from the authenticator app, or a backup code."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import normalise

TOTP_CODE = re.compile(r"^\d{6}$")
APP, BACKUP = "app", "backup"


class CodeForm(forms.Form):
    """A one-time code, from the app or a backup code (`kind`: which field the page showed);
    the view checks it against the user's device of that kind."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        error_messages={"required": _("Enter the code.")},
    )
    kind = forms.ChoiceField(choices=[(APP, APP), (BACKUP, BACKUP)], required=False)

    def clean_kind(self):
        return self.cleaned_data.get("kind") or APP

    def clean(self):
        cleaned = super().clean()
        code = normalise(cleaned.get("code", ""))
        if "code" in cleaned:
            cleaned["code"] = code
            if cleaned["kind"] == APP and not TOTP_CODE.match(code):
                self.add_error(
                    "code", _("Enter the six digits that the app shows, for example 123456.")
                )
        return cleaned

    @property
    def kind_shown(self) -> str:
        """Which field the errors belong to (the one the user filled in)."""
        return BACKUP if self.data.get("kind") == BACKUP else APP
