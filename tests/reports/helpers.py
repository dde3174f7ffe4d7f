import hashlib
import io
import re

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from reports.models import Report, ReportFile, ReportKind, ReportStatus


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace (incl. non-breaking spaces) collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def pdf_pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", p.extract_text().replace("\xa0", " ")) for p in reader.pages]


def finalised_report(board, user, title, reference, pages, content=b"%PDF-1.4 test"):
    """A finalised yearly report with its frozen file, without rendering a PDF (the board's
    pages only list and hand out the file)."""
    year = int(title[-4:])
    report = Report.objects.create(
        kind=ReportKind.ANNUAL,
        board=board,
        title=title,
        period_start=f"{year}-01-01",
        period_end=f"{year}-12-31",
        registry_reference=reference,
        created_by=user,
    )
    file = ReportFile(
        report=report,
        version=1,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        pages=pages,
        revision=report.revision,
        generated_by=user,
    )
    file.file.save(f"annual-{year}.pdf", ContentFile(content), save=False)
    file.save()
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.FINALISED,
        final_file=file,
        finalised_by=user,
        finalised_at=timezone.now(),
    )
    return Report.objects.get(pk=report.pk)
