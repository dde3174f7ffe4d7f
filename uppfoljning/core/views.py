"""Declarative list, detail and edit views shared by the register and the follow-up pages.

Each concrete view names its model, columns, filter and form; permissions are the
model's Django permissions, which uppfoljning.core.roles grants per role.
"""

import datetime
import re

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView

from .formatting import format_date
from .forms import (
    VERSION_FIELD,
    add_version_field,
    fingerprint,
    parse_version_token,
    version_token,
)
from .history import history_entries


def perm_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class ModelPermissionMixin(PermissionRequiredMixin):
    """Requires the model permission for `action`; logged-in users without it get 403."""

    action = "view"
    raise_exception = True

    def get_permission_required(self):
        return (perm_name(self.model, self.action),)


class ObjectListView(ModelPermissionMixin, FilterView):
    """A searchable, filterable, paginated list."""

    template_name = "generic/object_list.html"
    paginate_by = 25
    columns: list[tuple[str, str]] = []  # (attribute or callable name, label)
    title = None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["columns"] = self.columns
        ctx["title"] = self.title or self.model._meta.verbose_name_plural.capitalize()
        ctx["can_add"] = self.request.user.has_perm(perm_name(self.model, "add"))
        ctx["add_url_name"] = getattr(self, "add_url_name", None)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query_string"] = query.urlencode()
        return ctx


class ObjectDetailView(ModelPermissionMixin, DetailView):
    """An object's page with its change history."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["history"] = history_entries(self.object, self.request.user)
        ctx["can_change"] = self.request.user.has_perm(perm_name(self.model, "change"))
        return ctx


class StaleEdit(Exception):
    """The record changed after the edit form was shown (see EditVersionMixin)."""

    def __init__(self, current: dict, changed: list[str], seen: dict):
        super().__init__(", ".join(changed))
        self.current = current
        self.changed = changed
        self.seen = seen


class EditVersionMixin:
    """Optimistic concurrency for every form that edits a stored record.

    The form carries the version it was opened at (a hidden field with a fingerprint of each
    edited value, uppfoljning.core.forms.version_token); `save_versioned` locks the record
    (SELECT ... FOR UPDATE), compares, and saves in that same transaction. A stale save is
    refused: the form shows which fields changed (the user's value -> the value saved now),
    keeps what the user typed, takes the saved value into the fields the user did not touch,
    and carries the current version, so saving again is a decision made seeing the change.

    A view names the object (`version_object`) and its edited values (`version_values`; by
    default the form's fields that are fields of the model).
    """

    def version_object(self):
        """The edited record, or None while creating (nothing to compare)."""
        obj = getattr(self, "object", None)
        return obj if obj is not None and obj.pk is not None else None

    def version_values(self, obj, form) -> dict:
        """Field name -> the value stored in `obj` that the form edits."""
        return model_values(obj, [name for name in form.fields if name != VERSION_FIELD])

    def lock_version_object(self, obj):
        return type(obj)._base_manager.select_for_update().get(pk=obj.pk)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        obj = self.version_object()
        if obj is not None:
            add_version_field(form, {} if form.is_bound else self.version_values(obj, form))
        return form

    def save_versioned(self, form, save):
        """Check the form's version against the locked record, then `save()`, atomically.
        Raises StaleEdit, and saves nothing, when the record changed meanwhile."""
        # The token is no data of the record: what a service receives never holds it.
        seen = parse_version_token(form.cleaned_data.pop(VERSION_FIELD, None))
        with transaction.atomic():
            obj = self.version_object()
            if obj is not None:
                current = self.version_values(self.lock_version_object(obj), form)
                changed = [n for n, v in current.items() if seen.get(n) != fingerprint(v)]
                if changed:
                    raise StaleEdit(current, changed, seen)
            return save()

    def refuse_stale(self, form, stale: StaleEdit):
        """Answer a stale save: the form again, with what changed and the user's input."""
        seen = stale.seen
        data = form.data.copy()
        lines = []
        for name in stale.changed:
            field = form.fields.get(name)
            current = stale.current[name]
            if field is None:
                continue
            yours = form.cleaned_data.get(name)
            lines.append(
                _("%(field)s: “%(yours)s” → “%(current)s”")
                % {
                    "field": field.label or name,
                    "yours": display_value(field, yours),
                    "current": display_value(field, current),
                }
            )
            if seen.get(name) is not None and fingerprint(yours) == seen[name]:
                # The user left this field as it was: show the saved value, so that saving
                # again keeps the other person's change.
                _set_data(form, data, name, current)
        data[form.add_prefix(VERSION_FIELD)] = version_token(stale.current)
        form.data = data
        form.add_error(
            None,
            ValidationError(
                [
                    _(
                        "Someone else saved this while you were editing it, so nothing was "
                        "saved. Changed since you opened the page (your value → the saved "
                        "value):"
                    ),
                    *lines,
                    _(
                        "Your input is kept in the form; the fields you did not change now "
                        "show the saved value. Check them and save again."
                    ),
                ]
            ),
        )
        return self.form_invalid(form)


def model_values(obj, names) -> dict:
    """The stored values of the named model fields of `obj` (other names are left out)."""
    values = {}
    for name in names:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:  # a field of the form only
            continue
        if field.many_to_many:
            values[name] = list(getattr(obj, name).all()) if obj.pk else []
        elif field.concrete:
            values[name] = getattr(obj, name)
    return values


def display_value(field, value) -> str:
    """A stored or typed value as a reader knows it, shortened."""
    if isinstance(value, models.Manager):
        value = list(value.all())
    if value is None or value == "" or value == [] or value == {}:
        return _("(empty)")
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return ", ".join(display_value(field, v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(field, django_forms.ChoiceField) and not isinstance(
        field, django_forms.ModelChoiceField
    ):
        value = dict(field.flatchoices if hasattr(field, "flatchoices") else field.choices).get(
            value, value
        )
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text if len(text) <= 80 else text[:79] + "…"


def _set_data(form, data, name, value) -> None:
    key = form.add_prefix(name)
    field = form.fields[name]
    prepared = field.prepare_value(value)
    if isinstance(field, django_forms.BooleanField):
        if prepared:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif isinstance(prepared, (list, tuple)) and hasattr(data, "setlist"):
        data.setlist(key, [str(v) for v in prepared])
    elif prepared is None:
        data[key] = ""
    elif isinstance(prepared, datetime.date):
        data[key] = prepared.isoformat()
    else:
        data[key] = str(prepared)


class ObjectEditMixin(EditVersionMixin, ModelPermissionMixin):
    """Create or update with a crispy form; nothing is saved unless all of it is valid, and
    an update is refused when the record changed after the form was shown."""

    template_name = "generic/object_form.html"
    success_message = None

    def form_valid(self, form):
        try:
            self.object = self.save_versioned(form, lambda: self.save_object(form))
        except StaleEdit as stale:
            return self.refuse_stale(form, stale)
        except ValidationError as exc:
            add_form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return HttpResponseRedirect(self.get_success_url())

    def save_object(self, form):
        """Write the valid form and return the object; a view whose writes go through a
        service calls it here. A ValidationError it raises is shown on the form."""
        return form.save()

    def get_success_message(self):
        return _("%(object)s was saved.") % {"object": self.object}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        verbose = self.model._meta.verbose_name
        if getattr(self, "object", None) and self.object.pk:
            ctx["title"] = _("Edit %(name)s") % {"name": self.object}
        else:
            ctx["title"] = _("New %(model)s") % {"model": verbose}
        return ctx


def add_form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: each field's errors on that field, and
    an error on a field the form lacks (a service validates the whole row) on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class ObjectCreateView(ObjectEditMixin, CreateView):
    action = "add"


class ObjectUpdateView(ObjectEditMixin, UpdateView):
    action = "change"


class PermissionFirstMixin(PermissionRequiredMixin):
    """Permission first, then the objects: a user who may not act learns nothing about which
    objects exist. `load()` fetches what the view works on (404 when missing) and may answer
    instead of the view, e.g. with a redirect when the object is closed."""

    raise_exception = True

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        response = self.load(request, **kwargs)
        if response is not None:
            return response
        return super().dispatch(request, *args, **kwargs)

    def load(self, request, **kwargs):
        """Fetch the view's objects; return a response to answer instead, or None."""
        return None


class ServiceFormView(EditVersionMixin, PermissionFirstMixin, FormView):
    """A form whose valid data goes to a service (`act`); a DomainError becomes a form error.

    With `model` set, the object named by the URL's pk is loaded (after the permission) as
    `self.object`, and the user returns to it when done or cancelled. A form that edits the
    object's stored values sets `edits_object`: it is then saved against the version it was
    opened at (EditVersionMixin). An action form (start, lift, verify) leaves it unset: its
    service checks the status under a row lock (check_transition), so a second lift or
    verification is refused there.
    """

    model = None
    title = ""
    intro = ""
    success_message = ""
    edits_object = False

    def version_object(self):
        return super().version_object() if self.edits_object else None

    def load(self, request, **kwargs):
        if self.model is not None:
            self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = getattr(self, "object", None)
        ctx["title"] = self.title
        ctx["intro"] = self.intro
        ctx["cancel_url"] = self.get_cancel_url()
        return ctx

    def get_cancel_url(self):
        obj = getattr(self, "object", None)
        return obj.get_absolute_url() if obj is not None else "/"

    def act(self, data):
        """Call the service with the form's cleaned data; return what was made or changed."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.save_versioned(form, lambda: self.act(form.cleaned_data))
        except StaleEdit as stale:
            return self.refuse_stale(form, stale)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url_for(result))

    def get_success_url_for(self, result):
        obj = getattr(self, "object", None)
        return (obj if obj is not None else result).get_absolute_url()


class ChoiceFirstMixin:
    """A form in two steps that needs no script: a small choice form first (its value travels
    in the address, then in the form), then the real form built for that choice, so the
    server validates exactly the fields the user saw. A POST without a valid choice is
    refused (400) and saves nothing. `self.chosen` is the choice, or None."""

    choice_form_class = None
    choice_field = ""

    def load_choice(self, data):
        self.choice = self.choice_form_class(data if self.choice_field in data else None)
        self.chosen = (
            self.choice.cleaned_data[self.choice_field] if self.choice.is_valid() else None
        )

    def get(self, request, *args, **kwargs):
        if self.chosen is None:
            return self.render_to_response(self.get_context_data(form=None))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.chosen is None:
            return self.render_to_response(self.get_context_data(form=None), status=400)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["choice"] = self.choice
        return ctx
