"""The yearly report of the synthetic municipality, timed end to end (context, template, PDF).

`python -m tests.bench.annual_report` prints the fuller profile: pages, wall time, peak memory
and the share of time spent outside WeasyPrint, for the synthetic municipality and the demo.
"""

from tests.bench.registry import measurement

SYNTHETIC_MUNICIPALITY = "Syntetkommun"
YEAR = 2025


@measurement(
    "annual_report_pdf",
    description="the synthetic municipality's yearly report 2025, context + template + PDF",
    iterations=3,
)
def annual_report_pdf(ctx):
    from reports.periods import report_period
    from reports.rendering import render_pdf
    from reports.selectors import annual_report_context
    from suppliers.models import Board

    board = Board.objects.filter(municipality=SYNTHETIC_MUNICIPALITY).first()
    if board is None:
        return None
    period = report_period(board, YEAR)

    def render():
        return render_pdf("annual", annual_report_context(board, period))

    return render
