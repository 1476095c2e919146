"""Views of the `wup` app: thin interfaces over the services and selectors (by concern:
`plannen`, `kaders` (with the Wgiw page), `gebieden`; import from `wup.views`)."""

from .gebieden import (
    buurt_naam,
    gebied_list,
    gebied_namen_import,
    geometrie_import,
    wijk_import,
    wijk_import_confirm,
    wijk_naam,
)
from .kaders import (
    gemeente_kader_add,
    gemeente_kader_delete,
    gemeente_kader_edit,
    gemeente_kaders,
    kader_add,
    kader_delete,
    kader_edit,
    plan_kaders,
    plan_wgiw,
    plan_wgiw_update,
    wgiw_add,
    wgiw_delete,
    wgiw_edit,
)
from .plannen import (
    plan_create,
    plan_history,
    plan_list,
    plan_transition,
    plan_update,
)

__all__ = [
    "buurt_naam",
    "gebied_list",
    "gebied_namen_import",
    "gemeente_kader_add",
    "gemeente_kader_delete",
    "gemeente_kader_edit",
    "gemeente_kaders",
    "geometrie_import",
    "kader_add",
    "kader_delete",
    "kader_edit",
    "plan_create",
    "plan_history",
    "plan_kaders",
    "plan_list",
    "plan_transition",
    "plan_update",
    "plan_wgiw",
    "plan_wgiw_update",
    "wgiw_add",
    "wgiw_delete",
    "wgiw_edit",
    "wijk_import",
    "wijk_import_confirm",
    "wijk_naam",
]
