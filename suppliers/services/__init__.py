"""Every write to the register. Import from here: `from suppliers.services import ...`.

`register` creates and changes the register's rows; `decisions` carries the board's
decisions on them (ending a contract, starting and lifting an exclusion).
"""

from .decisions import contract_end, exclusion_lift, exclusion_start
from .register import (
    agreement_create,
    agreement_update,
    board_create,
    board_update,
    contract_create,
    contract_update,
    purchase_create,
    purchase_update,
    representative_create,
    representative_update,
    rows_bulk_create,
    supplier_create,
    supplier_update,
    unit_create,
    unit_update,
)

__all__ = [
    "agreement_create",
    "agreement_update",
    "board_create",
    "board_update",
    "contract_create",
    "contract_end",
    "contract_update",
    "exclusion_lift",
    "exclusion_start",
    "purchase_create",
    "purchase_update",
    "representative_create",
    "representative_update",
    "rows_bulk_create",
    "supplier_create",
    "supplier_update",
    "unit_create",
    "unit_update",
]
