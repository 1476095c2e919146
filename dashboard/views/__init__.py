"""Views of the `dashboard` app: thin, every one declares its access policy. By concern:
`plannen` (overview, plan page with what-ifs and scenarios, CSV), `gebeurtenissen` (log,
import, list, withdraw), `besluiten` (council decisions), `stuuracties` (steering actions)."""

from .besluiten import raadsbesluit_create
from .gebeurtenissen import event_create, event_import, event_withdraw, import_status, plan_events
from .plannen import indicator_csv, overview, plan_detail, scenario_delete, scenario_save
from .stuuracties import stuuractie_cancel, stuuractie_create, stuuractie_done, stuuractie_update

__all__ = [
    "event_create",
    "event_import",
    "event_withdraw",
    "import_status",
    "indicator_csv",
    "overview",
    "plan_detail",
    "plan_events",
    "raadsbesluit_create",
    "scenario_delete",
    "scenario_save",
    "stuuractie_cancel",
    "stuuractie_create",
    "stuuractie_done",
    "stuuractie_update",
]
