"""What each role may do with the board's documents."""

from uppfoljning.core.roles import BOARD_READER, STRATEGIST

ROLE_PERMISSIONS = {
    STRATEGIST: {
        "reports.view_report",
        "reports.add_report",
        "reports.change_report",
        "reports.finalise_report",
        "reports.view_finalised_report",
    },
    # The board reads finalised documents and nothing else.
    BOARD_READER: {"reports.view_finalised_report"},
}
