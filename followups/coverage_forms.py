"""The filter of the coverage page: which agreements to show."""

from django import forms
from django.utils.translation import gettext_lazy as _

ALL = "all"


class CoverageFilterForm(forms.Form):
    """A year (the agreements in force in it, and those that ended the year before) or all.

    A plain GET form: it works without JavaScript and the choice stays in the address.
    """

    show = forms.ChoiceField(label=_("Agreements to show"), required=False)

    def __init__(self, *args, years: list[int], default_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_year = default_year
        field = self.fields["show"]
        field.choices = [
            (
                str(y),
                _("%(year)s: in force, or ended in %(previous)s") % {"year": y, "previous": y - 1},
            )
            for y in years
        ] + [(ALL, _("All agreements"))]
        field.initial = str(default_year)

    def selected_year(self) -> int | None:
        """The chosen year, None for all agreements; the default year when nothing (valid)
        was chosen."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data["show"]:
            return self.default_year
        show = self.cleaned_data["show"]
        return None if show == ALL else int(show)
