"""Choices shared by several follow-up models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    SIGNIFICANT = "significant", _("Significant")
    SERIOUS = "serious", _("Serious")


class SignalSource(models.TextChoices):
    """Where an external signal that starts an event-driven follow-up came from."""

    IVO = "ivo", _("IVO")
    SKATTEVERKET = "skatteverket", _("Skatteverket")
    MEDIA = "media", _("Media")
    PRIVATE_PERSON = "private_person", _("Private person")
    OTHER = "other", _("Other")
