"""Admin pages every package may build on."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Evidence: shown in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserReadOnlyAdmin(ReadOnlyAdmin):
    """A record only superusers read (the audit log, report jobs, tasks waiting for the
    queue); `fields` are all shown read-only."""

    actions = None

    def get_readonly_fields(self, request, obj=None):
        return self.fields or ()

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
