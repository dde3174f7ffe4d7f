"""The audit log's rows for criminal-record checks shown or exported (issue 14).

Every page and export that shows a criminal-record check calls one of these with the checks
it has already loaded, so the log costs no query unless such a check is shown: one row per
page or export, naming the checks (their ids, never their result).
"""

from followups.models.checks import CONFIDENTIAL_KINDS
from uppfoljning import audit

# An export of a whole register names at most this many check ids in its row.
MAX_IDS = 1000


def is_confidential(check) -> bool:
    return check.kind in CONFIDENTIAL_KINDS


def record_viewed(request, check, page: str) -> None:
    """A criminal-record check's own page (`page`: "detail", "edit") was shown."""
    if is_confidential(check):
        audit.record(request, audit.Action.CHECK_VIEWED, check, page=page)


def record_listed(request, checks, page: str, obj=None) -> None:
    """A page showed these checks (the check list, or the page of `obj`: a supplier, unit,
    representative or follow-up); one row if any is a criminal-record check."""
    ids = [check.pk for check in checks if is_confidential(check)]
    if ids:
        audit.record(request, audit.Action.CHECK_VIEWED, obj, page=page, checks=ids[:MAX_IDS])


def record_exported(request, ids: list[int], fmt: str) -> None:
    """An export held the criminal-record checks `ids`; one row if it held any."""
    if ids:
        audit.record(
            request,
            audit.Action.CHECK_EXPORTED,
            format=fmt,
            count=len(ids),
            checks=ids[:MAX_IDS],
        )
