"""Declarative list, detail and edit views shared by the register and the follow-up pages.

Each concrete view names its model, columns, filter and form; permissions are the
model's Django permissions, which uppfoljning.core.roles grants per role.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView

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


class ObjectEditMixin(ModelPermissionMixin):
    """Create or update with a crispy form; nothing is saved unless all of it is valid."""

    template_name = "generic/object_form.html"
    success_message = None

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save_object(form)
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


class ServiceFormView(PermissionFirstMixin, FormView):
    """A form whose valid data goes to a service (`act`); a DomainError becomes a form error.

    With `model` set, the object named by the URL's pk is loaded (after the permission) as
    `self.object`, and the user returns to it when done or cancelled.
    """

    model = None
    title = ""
    intro = ""
    success_message = ""

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
            result = self.act(form.cleaned_data)
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
