"""Write a document to a PDF file from the shell, for scripting and scheduled generation.

    python manage.py make_report annual --year 2024 --output rapport.pdf
    python manage.py make_report followup --id 12 --output uppfoljning.pdf
    python manage.py make_report feedback --id 12 --output aterkoppling.pdf

A finalised report is written exactly as it was finalised; otherwise the latest draft's texts
(or the defaults) are rendered from today's data, as the "Create PDF" button does.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import rendering
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import report_period
from reports.selectors import annual_report_context
from reports.selectors.documents import followup_document_context
from suppliers.models import Board, Supplier
from suppliers.services import DomainError


class Command(BaseCommand):
    help = "Render the annual report, a follow-up report or a feedback letter to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "followup", "feedback"])
        parser.add_argument("--year", type=int, help="annual: the year the period ends")
        parser.add_argument("--board", type=int, help="annual: board id (default: the only one)")
        parser.add_argument("--id", type=int, help="followup/feedback: the follow-up's id")
        parser.add_argument("--supplier", type=int, help="feedback: the supplier's id")
        parser.add_argument("--output", required=True, help="the PDF file to write")
        parser.add_argument("--html", action="store_true", help="write the HTML instead")

    def handle(self, *args, kind, year, board, id, supplier, output, html, **options):
        if kind == "annual":
            content, pages = self._annual(year, board, html)
        else:
            content, pages = self._document(kind, id, supplier, html)
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes" + (f", {pages} pages" if pages else ""))

    def _annual(self, year, board_id, html):
        if not year:
            raise CommandError("--year is required for the annual report")
        boards = Board.objects.all()
        if board_id:
            boards = boards.filter(pk=board_id)
        if len(boards) != 1:
            raise CommandError("Give --board: there is not exactly one board")
        board = boards[0]
        period = report_period(board, year)
        report = (
            Report.objects.filter(
                kind=ReportKind.ANNUAL,
                board=board,
                period_start=period.start,
                period_end=period.end,
            )
            .order_by("-version")
            .first()
        )
        if report and report.status == ReportStatus.FINALISED and not html:
            return report.final_file.file.read(), report.final_file.pages
        ctx = annual_report_context(board, period, report=report)
        return self._render("annual", ctx, html)

    def _document(self, kind, followup_id, supplier_id, html):
        if not followup_id:
            raise CommandError("--id (the follow-up) is required")
        supplier = Supplier.objects.filter(pk=supplier_id).first() if supplier_id else None
        try:
            ctx = followup_document_context(kind, followup_id, supplier=supplier)
        except DomainError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        return self._render(kind, ctx, html)

    def _render(self, kind, ctx, html):
        if html:
            return rendering.render_html(kind, ctx).encode(), None
        pdf = rendering.render_pdf(kind, ctx)
        return pdf.content, pdf.pages
