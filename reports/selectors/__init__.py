"""Read side of the documents: each builds one document's context from the data."""

from .annual import annual_report_context

__all__ = ["annual_report_context"]
