"""The form kit every page uses: a date picker, and forms crispy renders inside the page's own
<form> tag (so one page can hold several forms and its own buttons)."""

from crispy_forms.helper import FormHelper
from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker, in ISO dates (2024-12-20) whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class _Crispy:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()


class CrispyForm(_Crispy, forms.Form):
    """A plain form rendered by crispy without its own <form> tag; dates get a date picker."""


class CrispyModelForm(_Crispy, forms.ModelForm):
    """A model form rendered by crispy without its own <form> tag; dates get a date picker."""
