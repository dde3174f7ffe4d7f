"""Declarative list, detail and edit views shared by the register and the follow-up pages.

Each concrete view names its model, columns, filter and form; permissions are the
model's Django permissions, which uppfoljning.roles grants per role.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
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
        ctx["history"] = history_entries(self.object)
        ctx["can_change"] = self.request.user.has_perm(perm_name(self.model, "change"))
        return ctx


class ObjectEditMixin(ModelPermissionMixin):
    """Create or update with a crispy form; nothing is saved unless all of it is valid."""

    template_name = "generic/object_form.html"
    success_message = None

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = super().form_valid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return response

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


class ObjectCreateView(ObjectEditMixin, CreateView):
    action = "add"


class ObjectUpdateView(ObjectEditMixin, UpdateView):
    action = "change"
