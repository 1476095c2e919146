"""Writes of the routekaart (import from `routekaart.services`; the modules are its internals). Every change that affects the schedule appends its typed event in
the same transaction (bron `routekaart`, extern_id from `constants.EXTERN_*`), exactly once:
the row is locked, the change compared with what is stored, and the event log's idempotency
key makes a second append of the same fact a no-op (double submit, second tab, retry).
"""

from .afspraken import AFSPRAAK_FIELDS, afspraak_create, afspraak_delete, afspraak_update
from .fasen import fasen_vastleggen, fasen_voorstel
from .koppelkansen import (
    KOPPELKANS_FIELDS,
    VERGUNNING_FIELDS,
    koppelkans_create,
    koppelkans_delete,
    koppelkans_update,
    vergunning_create,
    vergunning_delete,
    vergunning_update,
)
from .mijlpalen import MIJLPAAL_FIELDS, mijlpaal_create, mijlpaal_delete, mijlpaal_update
from .rol import ROUTEKAART_FIELDS, routekaart_opslaan
from .voortgang import afronden, prognose_verplaatsen

__all__ = [
    "AFSPRAAK_FIELDS",
    "KOPPELKANS_FIELDS",
    "MIJLPAAL_FIELDS",
    "ROUTEKAART_FIELDS",
    "VERGUNNING_FIELDS",
    "afronden",
    "afspraak_create",
    "afspraak_delete",
    "afspraak_update",
    "fasen_vastleggen",
    "fasen_voorstel",
    "koppelkans_create",
    "koppelkans_delete",
    "koppelkans_update",
    "mijlpaal_create",
    "mijlpaal_delete",
    "mijlpaal_update",
    "prognose_verplaatsen",
    "routekaart_opslaan",
    "vergunning_create",
    "vergunning_delete",
    "vergunning_update",
]
