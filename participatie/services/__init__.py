"""Writes of the `participatie` app: surveys, questions, invite codes, responses, meetings.

Every write is a keyword-only service in its own transaction; facts that reach the dashboard
(a response, a meeting held) are appended to the event log in that same transaction.

One module per concern; callers keep using `from participatie import services` and
`services.<name>`, so every public name is re-exported here:

- `vragenlijsten`: surveys and their questions (create, edit, open/close, reorder);
- `sjablonen`: the template "Waardendriehoek en vertrouwen" and applying it;
- `codes`: invite codes (printed form, generation, check, single use);
- `antwoorden`: validating answers, submitting a response and its event;
- `pulsrondes`: the civil servants' pulse round (fixed statements, codes, its own event);
- `invullen`: a resident filling in a survey (session state, honeypot, fill time, rate limit);
- `bijeenkomsten`: meetings and their attendance event;
- `retentie`: the AVG retention period and purge.
"""

from .antwoorden import VERPLICHT, VRAGENLIJST_GESLOTEN, antwoord_clean, dimensie_scores, respons_submit
from .bijeenkomsten import (
    BIJEENKOMST_FIELDS,
    bijeenkomst_annuleren,
    bijeenkomst_create,
    bijeenkomst_mark_held,
    bijeenkomst_update,
)
from .codes import (
    CODE_ALPHABET,
    CODE_GROUP,
    CODE_ONGELDIG,
    CODE_SYMBOLS,
    MAX_CODES_PER_RUN,
    code_check,
    code_format,
    code_hash,
    code_hashes,
    code_new,
    code_normalise,
    codes_generate,
)
from .invullen import (
    CODE_FOUT_KEY,
    KLAAR_KEY,
    Refusal,
    RefusalReason,
    code_poging_mislukt,
    code_poging_wacht,
    fout_pagina,
    invulsessie_antwoorden,
    invulsessie_antwoorden_bewaar,
    invulsessie_begin,
    invulsessie_code_fout_pop,
    invulsessie_code_fout_set,
    invulsessie_fouten_bewaar,
    invulsessie_fouten_pop,
    invulsessie_gestart_op,
    invulsessie_get,
    invulsessie_is_klaar,
    invulsessie_submit,
    min_fill_seconds,
    rate_limit,
    respons_refusal,
)
from .pulsrondes import PULS_VAST, PULS_VRAGEN, is_pulsronde, puls_score, pulsronde_create
from .retentie import retention_days, retention_purge
from .sjablonen import TEMPLATE_TITEL, TEMPLATE_VRAGEN, vragenlijst_from_template
from .vragenlijsten import (
    DEFAULT_PRIVACYTEKST,
    HAS_RESPONSES,
    VRAAG_FIELDS,
    VRAGENLIJST_FIELDS,
    vraag_create,
    vraag_delete,
    vraag_move,
    vraag_update,
    vragenlijst_create,
    vragenlijst_is_open,
    vragenlijst_status_set,
    vragenlijst_update,
)

__all__ = [
    "fout_pagina",
    "BIJEENKOMST_FIELDS",
    "CODE_ALPHABET",
    "CODE_FOUT_KEY",
    "CODE_GROUP",
    "CODE_ONGELDIG",
    "CODE_SYMBOLS",
    "DEFAULT_PRIVACYTEKST",
    "HAS_RESPONSES",
    "KLAAR_KEY",
    "MAX_CODES_PER_RUN",
    "PULS_VAST",
    "PULS_VRAGEN",
    "TEMPLATE_TITEL",
    "TEMPLATE_VRAGEN",
    "VERPLICHT",
    "VRAAG_FIELDS",
    "VRAGENLIJST_FIELDS",
    "VRAGENLIJST_GESLOTEN",
    "Refusal",
    "RefusalReason",
    "antwoord_clean",
    "bijeenkomst_create",
    "bijeenkomst_annuleren",
    "bijeenkomst_mark_held",
    "bijeenkomst_update",
    "code_check",
    "code_format",
    "code_hash",
    "code_new",
    "code_normalise",
    "codes_generate",
    "dimensie_scores",
    "invulsessie_antwoorden",
    "invulsessie_antwoorden_bewaar",
    "invulsessie_begin",
    "invulsessie_code_fout_pop",
    "invulsessie_code_fout_set",
    "code_poging_mislukt",
    "code_poging_wacht",
    "code_hashes",
    "invulsessie_fouten_bewaar",
    "invulsessie_fouten_pop",
    "invulsessie_gestart_op",
    "invulsessie_get",
    "invulsessie_is_klaar",
    "invulsessie_submit",
    "is_pulsronde",
    "min_fill_seconds",
    "puls_score",
    "pulsronde_create",
    "rate_limit",
    "respons_refusal",
    "respons_submit",
    "retention_days",
    "retention_purge",
    "vraag_create",
    "vraag_delete",
    "vraag_move",
    "vraag_update",
    "vragenlijst_create",
    "vragenlijst_from_template",
    "vragenlijst_is_open",
    "vragenlijst_status_set",
    "vragenlijst_update",
]
