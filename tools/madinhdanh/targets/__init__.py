"""Target databases: connections, locks, the ledger, and the one workflow that plans, applies
and rolls back a bundle part (connect → lock → read state → execute → postconditions → ledger).
Only this package talks to a database; a dialect overrides only what differs (:mod:`.engines`)."""

from .base import Outcome, Target
from .connection import open_target
from .errors import ConnectError, LockBusy, Refused, TargetError
from .part import Part, StepInfo

__all__ = ["ConnectError", "LockBusy", "Outcome", "Part", "Refused", "StepInfo", "Target", "TargetError",
           "open_target"]
