"""Generated documents for the board: the report, its stored PDF files and generation jobs."""

from .files import ReportFile, ReportJob, ReportJobStatus
from .reports import Report, ReportKind, ReportStatus

__all__ = ["Report", "ReportFile", "ReportJob", "ReportJobStatus", "ReportKind", "ReportStatus"]
