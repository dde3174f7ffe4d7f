"""Checks on the register's pages (supplier, unit, representative), filtered by who looks."""

from django import template

from followups.checks import audit_reads
from followups.checks import selectors as check_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def checks_for(context, obj):
    """The latest checks of `obj` the user may see, or None without the right to see checks."""
    user = context["request"].user
    if not user.has_perm("followups.view_check"):
        return None
    context["object_checks_param"] = obj._meta.model_name
    checks = list(check_selectors.checks_of(user, obj))
    audit_reads.record_listed(context["request"], checks, page=obj._meta.model_name, obj=obj)
    return checks
