"""Writes of the `dashboard` app. Every write goes through a function in this package.

`recompute` (indicator snapshots per plan, all plans nightly, the reconcile, failures),
`gebeurtenissen` (events from civil servants: the form, the CSV import now or queued),
`besluiten` (council decisions), `stuuracties` (steering actions), `scenarios` (saved what-ifs). Import from `dashboard.services`; patch a module inside it
(e.g. `dashboard.services.recompute`) where a test must replace an internal.
"""

from ..csv_import import ImportResult, events_csv_import, progress_set
from .besluiten import indicator_snapshot_for_decision, raadsbesluit_record
from .gebeurtenissen import (
    SYNC_IMPORT_MAX_LINES,
    events_import_run,
    events_import_start,
    future_date_error,
    gebeurtenis_record,
    typed_in_type_error,
)
from .recompute import (
    FAILURE_MAX_LENGTH,
    MAX_FAILED_ATTEMPTS,
    PENDING_KEY,
    PENDING_TTL,
    plan_recompute,
    plans_recompute_all,
    plans_reconcile,
    recompute_failure_record,
    recompute_forced_request,
    recompute_pending_clear,
    recompute_request,
)
from .scenarios import scenario_opslaan, scenario_parameters_check, scenario_verwijderen
from .stuuracties import stuuractie_cancel, stuuractie_create, stuuractie_mark_done, stuuractie_update

__all__ = [
    "FAILURE_MAX_LENGTH",
    "MAX_FAILED_ATTEMPTS",
    "PENDING_KEY",
    "PENDING_TTL",
    "SYNC_IMPORT_MAX_LINES",
    "ImportResult",
    "events_csv_import",
    "events_import_run",
    "events_import_start",
    "future_date_error",
    "gebeurtenis_record",
    "indicator_snapshot_for_decision",
    "plan_recompute",
    "plans_recompute_all",
    "plans_reconcile",
    "progress_set",
    "raadsbesluit_record",
    "recompute_failure_record",
    "recompute_forced_request",
    "recompute_pending_clear",
    "recompute_request",
    "scenario_opslaan",
    "scenario_parameters_check",
    "scenario_verwijderen",
    "stuuractie_cancel",
    "stuuractie_create",
    "stuuractie_mark_done",
    "stuuractie_update",
    "typed_in_type_error",
]
