"""Short forms of texts shown in lists and histories."""

from __future__ import annotations

ELLIPS = "…"


def inkorten(tekst: str, lengte: int = 60) -> str:
    """`tekst` in at most `lengte` characters, cut at a word boundary with an ellipsis when it is
    longer (never mid-word, unless a single word is longer than `lengte`)."""
    tekst = " ".join((tekst or "").split())
    if len(tekst) <= lengte:
        return tekst
    ruimte = tekst[: lengte - len(ELLIPS) + 1]
    kort = ruimte.rsplit(" ", 1)[0] if " " in ruimte else ruimte[: lengte - len(ELLIPS)]
    return kort.rstrip(" ,.;:-–") + ELLIPS
