"""Every figure says what it is, every status says why (issue 10): the sentences beside a value.

The pure functions store the figures and a reason as plain data in the snapshot's details
(`details["reden"]`: a code and its numbers), never as text, so the page speaks the reader's
language; this module turns them into sentences with gettext and formats numbers the way the
active locale writes them (Dutch: thousands dot, decimal comma: "1.640", "4,5"). Django's
USE_THOUSAND_SEPARATOR is off (it would also group years and ids in templates), so grouping is
asked for here with `force_grouping`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import dates

from .constants import MIN_RESPONSES, Indicator, Status


def getal(value: float | int | None, decimalen: int = 0) -> str:
    """A number as the active locale writes it, grouped and rounded half up: 1640 -> "1.640",
    4.5 -> "4,5", 3.67 -> "3,7" (Django's number_format alone cuts the decimals off)."""
    if value is None:
        return "–"
    afgerond = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    return formats.number_format(afgerond, decimal_pos=decimalen, use_l10n=True, force_grouping=True)


def _decimalen(value: float | int | None) -> int:
    return 0 if value is None or float(value).is_integer() else 1


def _pct(value: float | int | None) -> str:
    return getal(value, _decimalen(value))


def status_woord(status: str) -> str:
    """The status as the first word of its reason; an unknown status judges nothing."""
    return {
        Status.OP_KOERS: _("on track"),
        Status.AANDACHT: _("attention"),
        Status.UIT_KOERS: _("off track"),
    }.get(status, _("no judgement"))


def badge_label(status: str) -> str:
    """The badge text: an unknown status says there is no judgement, not "unknown"."""
    return str(Status(status).label) if status != Status.ONBEKEND else _("No judgement")


# --- The figure -------------------------------------------------------------------------------


def figuur(indicator: str, *, waarde: float | None, n: int, details: dict, periode: dt.date | None = None) -> str:
    """What the value is, with its unit and definition, in one sentence."""
    reden = details.get("reden") or {}
    if indicator == Indicator.VERTROUWEN:
        if waarde is None:
            if reden.get("code") == "onderdrukt" or details.get("onderdrukt"):
                return _("no figure: fewer than %(minimum)s responses") % {"minimum": reden.get("minimum", 10)}
            return _("no figure: no survey responses yet")
        return _("%(waarde)s on a scale of 1 to 5 (n = %(n)s responses)") % {
            "waarde": getal(waarde, 1),
            "n": getal(n),
        }
    if indicator == Indicator.BEWEGING:
        if waarde is None:
            return _("no figure: no participation or action recorded yet")
        if details.get("venster") == "30_dagen":
            return _("%(n)s participations and actions in the last %(dagen)s days") % {
                "n": getal(waarde),
                "dagen": details.get("dagen", 30),
            }
        maand = dates.maand(periode)
        return _("%(n)s participations and actions in %(maand)s") % {"n": getal(waarde), "maand": maand}
    if indicator == Indicator.RESULTATEN:
        if waarde is None:
            return _("no figure")
        if details.get("woningen"):
            # Never more than the plan area holds: the surplus is a data error the civil
            # servant is shown (details["boven_plangebied"]), never a share above 100 %.
            return _("%(n)s homes gas-free of %(totaal)s in the plan area (%(pct)s %%)") % {
                "n": getal(min(waarde, details["woningen"])),
                "totaal": getal(details["woningen"]),
                "pct": getal(details.get("pct_aardgasvrij"), 1),
            }
        return _("%(n)s homes gas-free; the number of homes in the plan area is unknown") % {"n": getal(waarde)}
    if indicator == Indicator.SCHEMA:
        if waarde is None:
            return _("no figure: no milestone or agreement completed or due yet")
        return _("%(pct)s %% on time (%(op_tijd)s of %(n)s milestones and agreements)") % {
            "pct": _pct(waarde),
            "op_tijd": getal(details.get("op_tijd", 0)),
            "n": getal(n),
        }
    if indicator == Indicator.KOERS:
        if waarde is None:
            return _("no figure: no core values or interim goals yet")
        return _(
            "%(pct)s %% coherence (mean of: core values with a goal, goals tied to a core value, goals on track)"
        ) % {"pct": _pct(waarde)}
    if indicator == Indicator.STURING:
        if waarde is None:
            return _("no figure: no red signal whose term has ended")
        return _("%(pct)s %% of red signals followed by a council decision in time (%(beantwoord)s of %(n)s)") % {
            "pct": _pct(waarde),
            "beantwoord": getal(details.get("beantwoord", 0)),
            "n": getal(n),
        }
    return getal(waarde, _decimalen(waarde))


def kort(indicator: str, *, waarde: float | None, details: dict) -> str:
    """The figure in a few words, for the overview's cells."""
    if waarde is None:
        return _("no figure")
    if indicator == Indicator.RESULTATEN and details.get("woningen"):
        return _("%(n)s of %(totaal)s homes (%(pct)s %%)") % {
            "n": getal(min(waarde, details["woningen"])),
            "totaal": getal(details["woningen"]),
            "pct": getal(details.get("pct_aardgasvrij"), 1),
        }
    if indicator == Indicator.RESULTATEN:
        return _("%(n)s homes") % {"n": getal(waarde)}
    if indicator == Indicator.BEWEGING:
        if details.get("venster") == "30_dagen":
            return _("%(n)s in %(dagen)s days") % {"n": getal(waarde), "dagen": details.get("dagen", 30)}
        return _("%(n)s in the month") % {"n": getal(waarde)}
    if indicator == Indicator.VERTROUWEN:
        return _("%(waarde)s of 5") % {"waarde": getal(waarde, 1)}
    if indicator == Indicator.SCHEMA:
        return _("%(pct)s %% on time") % {"pct": _pct(waarde)}
    return f"{_pct(waarde)} %"


# --- The reason -------------------------------------------------------------------------------


def _reden_tekst(indicator: str, reden: dict) -> str:  # noqa: C901, PLR0911, PLR0912 - one branch per code
    code = reden.get("code")
    if indicator == Indicator.VERTROUWEN:
        if code == "onderdrukt":
            return _("fewer than %(minimum)s responses, so nothing is published") % {"minimum": reden["minimum"]}
        if code == "geen_reacties":
            return _("no survey responses yet")
        if code == "norm":
            args = {"waarde": getal(reden["waarde"], 1), "norm": getal(reden["norm"], 1)}
            return (
                _("%(waarde)s is at least %(norm)s")
                if reden["waarde"] >= reden["norm"]
                else _("%(waarde)s is below %(norm)s")
            ) % args
    if indicator == Indicator.BEWEGING:
        if code == "geen_acties":
            return _("no participation or action recorded yet")
        dagen = reden.get("venster") == "30_dagen"
        if code == "stil":
            return _("nothing moved in the last 90 days") if dagen else _("nothing moved in the last three months")
        args = {"laatste": getal(reden.get("laatste")), "ervoor": getal(reden.get("ervoor"))}
        if code == "eerste":
            if dagen:
                return _("%(laatste)s in the last 90 days, nothing before to compare with") % args
            return _("%(laatste)s in the last three months, nothing before to compare with") % args
        if dagen:
            tekst = _("%(laatste)s in the last 90 days against %(ervoor)s in the 90 days before") % args
        else:
            tekst = _("%(laatste)s in the last three months against %(ervoor)s in the three before") % args
        pct = getal(abs(reden.get("groei") or 0) * 100)
        if code == "gestegen":
            return tekst + " " + _("(%(pct)s %% more)") % {"pct": pct}
        if code == "gedaald":
            return tekst + " " + _("(%(pct)s %% fewer)") % {"pct": pct}
        return tekst
    if indicator == Indicator.RESULTATEN:
        if code == "geen_woningen":
            return _("the number of homes in the plan area is unknown")
        if code == "geen_doeljaar":
            return _("the plan has no target year")
        if code == "geen_acties":
            return _("no home measure recorded yet")
        nodig = ""
        if reden.get("nodig") is not None:
            args = {"gehaald": getal(reden["gehaald"]), "nodig": getal(reden["nodig"])}
            if reden["gehaald"] < reden["nodig"]:
                nodig = (
                    "; " + _("%(gehaald)s of the %(nodig)s that should be gas-free by now on a straight line") % args
                )
            else:
                nodig = "; " + _("%(gehaald)s, at least the %(nodig)s needed by now on a straight line") % args
        if code == "geen_tempo":
            return _("no home went gas-free in the last 12 months, target %(doel)s") % {"doel": reden["doel"]} + nodig
        if code == "projectie":
            return (
                _("at this pace gas-free in %(jaar)s, target %(doel)s")
                % {
                    "jaar": reden["jaar"],
                    "doel": reden["doel"],
                }
                + nodig
            )
    if indicator == Indicator.SCHEMA:
        if code == "geen_items":
            return _("no milestone or agreement completed or due yet")
        if code == "schema":
            delen = []
            if reden.get("over_tijd"):
                delen.append(
                    ngettext(
                        "%(n)s milestone or agreement overdue",
                        "%(n)s milestones and agreements overdue",
                        reden["over_tijd"],
                    )
                    % {"n": getal(reden["over_tijd"])}
                )
            if reden.get("gemist"):
                delen.append(_("%(n)s missed") % {"n": getal(reden["gemist"])})
            if reden.get("te_laat"):
                delen.append(_("%(n)s completed late") % {"n": getal(reden["te_laat"])})
            norm = _("norm %(norm)s %% on time") % {"norm": reden["norm"]}
            if not delen:
                return _("nothing overdue, missed or late (%(norm)s)") % {"norm": norm}
            return ", ".join(delen) + f" ({norm})"
    if indicator == Indicator.KOERS:
        if code == "geen_kaders":
            return _("no core values or interim goals recorded")
        if code == "koers":
            delen = []
            zonder = reden.get("kernwaarden", 0) - reden.get("kernwaarden_met_doel", 0)
            los = reden.get("doelen", 0) - reden.get("doelen_met_kernwaarde", 0)
            if zonder > 0:
                delen.append(
                    _("%(zonder)s of %(totaal)s core values without a goal")
                    % {"zonder": zonder, "totaal": reden["kernwaarden"]}
                )
            if los > 0:
                delen.append(
                    _("%(los)s of %(totaal)s goals not tied to a core value") % {"los": los, "totaal": reden["doelen"]}
                )
            if not delen:
                delen.append(_("every core value has a goal and every goal a core value"))
            if reden.get("doelen_bekend"):
                delen.append(
                    _("%(op)s of %(totaal)s goals on track")
                    % {"op": reden.get("doelen_op_koers", 0), "totaal": reden["doelen_bekend"]}
                )
            return "; ".join(delen)
    if indicator == Indicator.STURING:
        if code == "geen_signalen":
            return _("no red signal yet")
        if code == "open":
            return ngettext(
                "%(open)s red signal awaits a council decision (term of %(dagen)s days still running)",
                "%(open)s red signals await a council decision (term of %(dagen)s days still running)",
                reden["open"],
            ) % {"open": reden["open"], "dagen": reden["dagen"]}
        if code == "sturing":
            tekst = _("%(beantwoord)s of %(n)s red signals followed by a council decision within %(dagen)s days") % {
                "beantwoord": reden["beantwoord"],
                "n": reden["n"],
                "dagen": reden["dagen"],
            }
            if reden.get("open"):
                tekst += "; " + _("%(open)s still within the term") % {"open": reden["open"]}
            return tekst
    return ""


def reden(indicator: str, *, status: str, details: dict | None) -> str:
    """Why the status is what it is: "uit koers: in dit tempo aardgasvrij in 2041, doel 2035".

    Empty for a snapshot computed before reasons were stored (the nightly run adds them)."""
    tekst = _reden_tekst(indicator, (details or {}).get("reden") or {})
    return f"{status_woord(status)}: {tekst}" if tekst else ""


# --- The civil servants' pulse (beside "Sturen we goed bij?") --------------------------------


def puls_zin(details: dict | None, *, minimum: int = MIN_RESPONSES) -> str:
    """The pulse in one sentence: its mean and n once published, else that there are too few.

    Below the minimum the snapshot holds no pulse at all (`indicators.puls_publiceerbaar`), so
    this sentence never tells how many answered: not 0, not 9.
    """
    details = details or {}
    puls, n = details.get("puls"), details.get("puls_n") or 0
    if puls is None or n < minimum:
        return _("Pulse of the civil servants: too few answers yet to show (fewer than %(minimum)s)") % {
            "minimum": minimum
        }
    return _("Pulse of the civil servants: %(waarde)s on a scale of 1 to 5 (n = %(n)s answers)") % {
        # Rounded first: number_format cuts decimals off (3.67 would read "3,6").
        "waarde": getal(round(puls, 1), 1),
        "n": getal(n),
    }


# --- The steering loop (issue 10): red signals followed up, actions done on time --------------


def opvolging_zin(details: dict | None) -> str:
    """'3 of the 4 red signals got a decision and an action within 60 days', with its n.

    Empty for a snapshot computed before the steering loop was counted (the next run adds it)."""
    o = (details or {}).get("opvolging")
    if not o:
        return ""
    if not o.get("n"):
        tekst = _("No red signal whose term of %(dagen)s days has ended yet.") % {"dagen": o.get("dagen", 60)}
    else:
        tekst = ngettext(
            "%(opgevolgd)s of %(n)s red signal got a council decision and a steering action within %(dagen)s days.",
            "%(opgevolgd)s of the %(n)s red signals got a council decision and a steering action within "
            "%(dagen)s days.",
            o["n"],
        ) % {"opgevolgd": getal(o["opgevolgd"]), "n": getal(o["n"]), "dagen": o.get("dagen", 60)}
    if o.get("lopend"):
        tekst += " " + ngettext(
            "%(n)s red signal is still within its term.", "%(n)s red signals are still within their term.", o["lopend"]
        ) % {"n": getal(o["lopend"])}
    return tekst


def acties_zin(details: dict | None) -> str:
    """'2 of the 3 steering actions due were done on time', with its n and the overdue ones."""
    a = (details or {}).get("acties")
    if not a:
        return ""
    if not a.get("verwacht"):
        return _("No steering action due yet.")
    tekst = ngettext(
        "%(op_tijd)s of %(n)s steering action due was done on time.",
        "%(op_tijd)s of the %(n)s steering actions due were done on time.",
        a["verwacht"],
    ) % {"op_tijd": getal(a["op_tijd"]), "n": getal(a["verwacht"])}
    if a.get("over_tijd"):
        tekst += " " + ngettext(
            "%(n)s is overdue and still open.", "%(n)s are overdue and still open.", a["over_tijd"]
        ) % {"n": getal(a["over_tijd"])}
    return tekst


def waarde_met_status(waarde: float | None, status: str | None) -> str:
    """A stored figure and its status in words, for the decision's then-and-now table."""
    if status is None:
        return _("not computed")
    label = badge_label(status if status in Status.values else Status.ONBEKEND)
    if waarde is None:
        return _("no figure (%(status)s)") % {"status": label}
    return f"{getal(waarde, _decimalen(waarde))} ({label})"
