"""Write a document to a PDF file from the shell, for scripting and scheduled generation.

    python manage.py make_report annual --year 2024 --output rapport.pdf
    python manage.py make_report followup --id 12 --output uppfoljning.pdf
    python manage.py make_report feedback --id 12 --output aterkoppling.pdf
    python manage.py make_report plan --year 2025 --output plan.pdf

A finalised report is written exactly as it was finalised; otherwise the latest draft's texts
(or the defaults) are rendered from today's data, as the "Create PDF" button does.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from followups.models import FollowUpPlan
from reports import rendering
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import report_period
from reports.selectors import annual_report_context
from reports.selectors.documents import document_supplier, followup_document_context
from reports.selectors.plan import plan_report_context
from suppliers.models import Board, Supplier
from uppfoljning.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Render the annual report, the yearly follow-up plan, a follow-up report or a feedback "
        "letter to a PDF file."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual", "plan", "followup", "feedback"])
        parser.add_argument(
            "--year", type=int, help="annual: the year the period ends; plan: the plan's year"
        )
        parser.add_argument(
            "--board", type=int, help="annual/plan: board id (default: the only one)"
        )
        parser.add_argument("--id", type=int, help="followup/feedback: the follow-up's id")
        parser.add_argument("--supplier", type=int, help="feedback: the supplier's id")
        parser.add_argument("--output", required=True, help="the PDF file to write")
        parser.add_argument("--html", action="store_true", help="write the HTML instead")

    def handle(self, *args, kind, year, board, id, supplier, output, html, **options):
        if kind == "annual":
            content, pages = self._annual(year, board, html)
        elif kind == "plan":
            content, pages = self._plan(year, board, html)
        else:
            content, pages = self._document(kind, id, supplier, html)
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes" + (f", {pages} pages" if pages else ""))

    def _board(self, kind, year, board_id):
        if not year:
            raise CommandError(f"--year is required for the {kind}")
        boards = Board.objects.all()
        if board_id:
            boards = boards.filter(pk=board_id)
        if len(boards) != 1:
            raise CommandError("Give --board: there is not exactly one board")
        return boards[0]

    def _plan(self, year, board_id, html):
        board = self._board("plan", year, board_id)
        plan = FollowUpPlan.objects.filter(board=board, year=year).first()
        if plan is None:
            raise CommandError(
                f"There is no follow-up plan for {year}: propose it on the plan page first"
            )
        report = Report.objects.filter(kind=ReportKind.PLAN, plan=plan).order_by("-version").first()
        if report and report.status == ReportStatus.FINALISED and not html:
            return self._frozen(report)
        return self._render("plan", plan_report_context(plan, report=report), html)

    def _annual(self, year, board_id, html):
        board = self._board("annual report", year, board_id)
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
            return self._frozen(report)
        ctx = annual_report_context(board, period, report=report)
        return self._render("annual", ctx, html)

    def _document(self, kind, followup_id, supplier_id, html):
        if not followup_id:
            raise CommandError("--id (the follow-up) is required")
        supplier = Supplier.objects.filter(pk=supplier_id).first() if supplier_id else None
        try:
            supplier = document_supplier(kind, followup_id, supplier)
        except DomainError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        report = (
            Report.objects.filter(kind=kind, followup_id=followup_id, supplier=supplier)
            .order_by("-version")
            .first()
        )
        if report and report.status == ReportStatus.FINALISED and not html:
            return self._frozen(report)
        try:
            ctx = followup_document_context(kind, followup_id, supplier=supplier, report=report)
        except DomainError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        return self._render(kind, ctx, html)

    def _frozen(self, report):
        """The file the board received, byte for byte."""
        with report.final_file.file.open("rb") as stored:
            return stored.read(), report.final_file.pages

    def _render(self, kind, ctx, html):
        if html:
            return rendering.render_html(kind, ctx).encode(), None
        pdf = rendering.render_pdf(kind, ctx)
        return pdf.content, pdf.pages
