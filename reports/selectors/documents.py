"""Per-follow-up documents: the report to the board and the feedback letter to the supplier."""

from django.utils.translation import gettext as _

from suppliers.services import DomainError


def document_context(report) -> dict:
    raise DomainError(_("Follow-up documents are not available yet."))


def followup_document_context(kind: str, followup_id: int) -> dict:
    raise DomainError(_("Follow-up documents are not available yet."))
