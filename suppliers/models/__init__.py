"""The register: boards, framework agreements, suppliers and their contracts."""

from .agreements import Board, FrameworkAgreement, ProcurementType, TargetGroup
from .contracts import Contract, ContractEndReason, ContractStatus
from .exclusions import Exclusion, ExclusionLiftReason, ExclusionReason
from .placement_checks import (
    ImmutableError,
    PlacementCheck,
    PlacementCheckLevel,
    PlacementSupportReading,
)
from .purchases import Purchase
from .suppliers import IvoPermitStatus, Representative, RepresentativeRole, Supplier, Unit

__all__ = [
    "Board",
    "Contract",
    "ContractEndReason",
    "ContractStatus",
    "Exclusion",
    "ExclusionLiftReason",
    "ExclusionReason",
    "FrameworkAgreement",
    "ImmutableError",
    "IvoPermitStatus",
    "PlacementCheck",
    "PlacementCheckLevel",
    "PlacementSupportReading",
    "ProcurementType",
    "Purchase",
    "Representative",
    "RepresentativeRole",
    "Supplier",
    "TargetGroup",
    "Unit",
]
