"""Writes of the `wup` app. Every write goes through a function in this package.

`cbs` (the CBS buurten import and the wijk facts derived from it), `geometrie` (GeoJSON
boundaries), `plannen` (plans, their lifecycle and phases), `partijen` (the plan's parties) and `kaders` (the council's
frameworks of a plan). Import from `wup.services`; the modules are its internals.
"""

from .cbs import CbsImportResult, cbs_import, cbs_parse, wijk_recompute_facts
from .geometrie import FeatureError, GeometrieImportResult, geometrie_import
from .kaders import (
    ambitie_create,
    ambitie_delete,
    ambitie_update,
    kernwaarde_create,
    kernwaarde_delete,
    kernwaarde_update,
    techniekkader_create,
    techniekkader_delete,
    techniekkader_update,
    tussendoel_create,
    tussendoel_delete,
    tussendoel_update,
)
from .namen import NamenImportResult, buurt_update_naam, gebied_namen_import, wijk_update_naam
from .partijen import PARTIJ_FIELDS, partij_create, partij_delete, partij_update
from .plannen import (
    PLAN_EDITABLE_FIELDS,
    fase_create,
    fase_delete,
    fase_update,
    plan_allowed_transitions,
    plan_create,
    plan_timeline,
    plan_transition,
    plan_update,
)

__all__ = [
    "NamenImportResult",
    "PARTIJ_FIELDS",
    "PLAN_EDITABLE_FIELDS",
    "CbsImportResult",
    "FeatureError",
    "GeometrieImportResult",
    "ambitie_create",
    "ambitie_delete",
    "ambitie_update",
    "buurt_update_naam",
    "cbs_import",
    "cbs_parse",
    "fase_create",
    "fase_delete",
    "fase_update",
    "gebied_namen_import",
    "geometrie_import",
    "kernwaarde_create",
    "kernwaarde_delete",
    "kernwaarde_update",
    "partij_create",
    "partij_delete",
    "partij_update",
    "plan_allowed_transitions",
    "plan_create",
    "plan_timeline",
    "plan_transition",
    "plan_update",
    "techniekkader_create",
    "techniekkader_delete",
    "techniekkader_update",
    "tussendoel_create",
    "tussendoel_delete",
    "tussendoel_update",
    "wijk_recompute_facts",
    "wijk_update_naam",
]
