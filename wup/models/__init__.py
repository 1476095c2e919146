"""Wijken (neighbourhoods), buurten (sub-neighbourhoods), plans (WUP) and the council's kaders.

Facts are NULL when CBS does not know them (suppressed), never 0.
"""

from .gebieden import AreaFacts, Buurt, Gemeente, Wijk
from .kaders import Ambitie, Kernwaarde, TechniekKader, Tussendoel
from .plannen import Fase, Partij, Plan, PlanBuurt, PlanStatusWijziging
from .versies import PlanVersie
from .wgiw import GasEinddatumBuurt, GelijkwaardigAlternatief, Investering, Maatregel, OverwogenAlternatief, Waarborg

__all__ = [
    "AreaFacts",
    "Buurt",
    "Gemeente",
    "Wijk",
    "Fase",
    "Partij",
    "Plan",
    "PlanBuurt",
    "PlanStatusWijziging",
    "PlanVersie",
    "Ambitie",
    "Kernwaarde",
    "TechniekKader",
    "Tussendoel",
    "GasEinddatumBuurt",
    "GelijkwaardigAlternatief",
    "Investering",
    "Maatregel",
    "OverwogenAlternatief",
    "Waarborg",
]
