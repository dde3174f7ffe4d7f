"""The one error a service raises when a rule of the domain is broken."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain was broken; the message is shown to the user."""
