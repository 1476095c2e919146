"""Set up and check the load tests (issue 11) on the load database (`wp_h_load`).

    .venv/bin/python bench/load_setup.py residents OUT.json [codes]   a fresh code survey (with
        `codes` invite codes, default 5000) and a fresh open-link survey; writes what locust needs
    .venv/bin/python bench/load_setup.py verify OUT.json OUTCOMES.json  zero lost, zero doubled
    .venv/bin/python bench/load_setup.py trivial                      the bench-only table (and empties it)
    .venv/bin/python bench/load_setup.py trivial-count                rows in it
    .venv/bin/python bench/load_setup.py council OUT.json [members]    council accounts with a session each

Run with the same environment as gunicorn (bench/load.sh sets it): the council sessions are
signed with DJANGO_SECRET_KEY and must be valid for the web processes.
"""

import json
import sys
import time
from pathlib import Path

import _setup  # noqa: F401
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from core.constants import Role
from logboek.models import Gebeurtenis
from participatie import services
from participatie.constants import Dimensie, Toegang, VraagType, VragenlijstStatus
from participatie.models import Antwoord, Respons, Uitnodigingscode, Vragenlijst
from wup import services as wup_services
from wup.models import Plan

TRIVIAL_TABLE = "bench_load_trivial"  # only in the load database, never a model of the app

# Eight questions, two pages of four (participatie.views.bewoner.PER_PAGINA): the resident
# answers page 1, then page 2 is the final submit.
QUESTIONS = [
    (VraagType.LIKERT, Dimensie.VERTROUWEN),
    (VraagType.LIKERT, Dimensie.LEGITIMITEIT),
    (VraagType.LIKERT, Dimensie.BETROKKENHEID),
    (VraagType.ENKELE_KEUZE, Dimensie.GEEN),
    (VraagType.LIKERT, Dimensie.RENDEMENT),
    (VraagType.LIKERT, Dimensie.VERTROUWEN),
    (VraagType.JA_NEE, Dimensie.GEEN),
    (VraagType.KORTE_TEKST, Dimensie.GEEN),
]


def _survey(plan: Plan, toegang: str, label: str) -> dict:
    vragenlijst = services.vragenlijst_create(plan=plan, titel=f"Load {label} ({toegang})", toegang=toegang)
    pages: list[dict[str, object]] = [{}, {}]
    for i, (type_, dimensie) in enumerate(QUESTIONS):
        opties = ["Warmtenet", "Warmtepomp", "Weet ik niet"] if type_ == VraagType.ENKELE_KEUZE else None
        vraag = services.vraag_create(
            vragenlijst=vragenlijst,
            type=type_,
            tekst=f"Vraag {i + 1}",
            verplicht=True,
            dimensie=dimensie,
            opties=opties,
        )
        answer = {
            VraagType.LIKERT: str(1 + i % 5),
            VraagType.ENKELE_KEUZE: str(vraag.opties.first().pk) if opties else "",
            VraagType.JA_NEE: "ja",
            VraagType.KORTE_TEKST: "Graag eerst isoleren",
        }[type_]
        pages[i // 4][f"vraag_{vraag.pk}"] = answer
    services.vragenlijst_status_set(vragenlijst=vragenlijst, status=VragenlijstStatus.OPEN)
    return {"id": vragenlijst.pk, "slug": vragenlijst.slug, "pages": pages}


def residents(out: str, n_codes: int) -> None:
    label = Path(out).stem
    plan = Plan.objects.filter(titel="Load: bewoners").first() or wup_services.plan_create(titel="Load: bewoners")
    codes_survey = _survey(plan, Toegang.CODES, label)
    codes: list[str] = []
    vragenlijst = Vragenlijst.objects.get(pk=codes_survey["id"])
    while len(codes) < n_codes:
        codes += services.codes_generate(vragenlijst=vragenlijst, n=min(5000, n_codes - len(codes)))
    data = {"codes_survey": {**codes_survey, "codes": codes}, "open_survey": _survey(plan, Toegang.OPEN_LINK, label)}
    Path(out).write_text(json.dumps(data))
    print(f"surveys {codes_survey['id']} (codes, {len(codes)} codes) and {data['open_survey']['id']} (open link)")


def verify(setup_file: str, outcomes_file: str) -> int:
    """Compare what locust saw with the database: zero lost, zero doubled.

    Responses carry no code (privacy), so:
    - lost: a code whose final submit was thanked but which is not marked used (a code is
      used in the response's own transaction), or fewer open-link responses than open-link
      sessions thanked;
    - doubled: more code-survey responses than codes used (responses == distinct codes used),
      more open-link responses than open-link sessions that sent the last page, or a
      duplicate-code pair in which both were thanked;
    and every response has its 8 answers and exactly one enquete_respons event.
    """
    setup = json.loads(Path(setup_file).read_text())
    outcomes = json.loads(Path(outcomes_file).read_text())
    cs, os_ = setup["codes_survey"]["id"], setup["open_survey"]["id"]
    thanked_codes, sent_codes = set(outcomes["thanked_codes"]), set(outcomes["sent_codes"])
    used_hashes = set(
        Uitnodigingscode.objects.filter(vragenlijst_id=cs, used_at__isnull=False).values_list("code_hash", flat=True)
    )
    lost_codes = sum(1 for c in thanked_codes if services.code_hash(c) not in used_hashes)
    used_not_thanked = sum(1 for c in sent_codes - thanked_codes if services.code_hash(c) in used_hashes)
    resp_codes = Respons.objects.filter(vragenlijst_id=cs).count()
    resp_open = Respons.objects.filter(vragenlijst_id=os_).count()
    answers = Antwoord.objects.filter(respons__vragenlijst_id__in=[cs, os_]).count()
    events = Gebeurtenis.objects.filter(type="enquete_respons", payload__vragenlijst_id__in=[cs, os_]).count()
    thanked_open, sent_open = len(outcomes["thanked_open"]), len(outcomes["sent_open"])
    lost = lost_codes + max(0, thanked_open - resp_open)
    doubled = max(0, resp_codes - len(used_hashes)) + max(0, resp_open - sent_open) + outcomes["duplicate_both_thanked"]
    result = {
        "code_responses": resp_codes,
        "codes_used": len(used_hashes),
        "codes_thanked": len(thanked_codes),
        "codes_sent_not_thanked": len(sent_codes - thanked_codes),
        "of_which_used": used_not_thanked,
        "open_responses": resp_open,
        "open_thanked": thanked_open,
        "open_sent": sent_open,
        "answers": answers,
        "answers_expected": 8 * (resp_codes + resp_open),
        "events": events,
        "duplicate_pairs": outcomes["duplicate_pairs"],
        "duplicate_both_thanked": outcomes["duplicate_both_thanked"],
        "duplicate_none_thanked": outcomes["duplicate_none_thanked"],
        "double_submits": outcomes["double_submits"],
        "unexpected": outcomes["unexpected"],
        "lost": lost,
        "doubled": doubled,
    }
    result["ok"] = (
        len(thanked_codes) > 0
        and thanked_open > 0
        and lost == 0
        and doubled == 0
        and resp_codes == len(used_hashes) == len(thanked_codes) + used_not_thanked
        and answers == result["answers_expected"]
        and events == resp_codes + resp_open
        and outcomes["duplicate_none_thanked"] == 0
    )
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def trivial() -> None:
    with connection.cursor() as cur:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {TRIVIAL_TABLE} "
            "(id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), note text NOT NULL)"
        )
        cur.execute(f"TRUNCATE {TRIVIAL_TABLE}")


def trivial_count() -> None:
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {TRIVIAL_TABLE}")  # noqa: S608 - constant table name
        print(cur.fetchone()[0])


def council(out: str, members: int) -> None:
    """Council accounts (raadslid, no second factor: optional for them) with a session each.

    Logged in here (django's login() through the test client) instead of through /inloggen/
    during the run: production's PBKDF2 (1,000,000 iterations) would put 50 logins of CPU on
    the web workers exactly when the readers start.
    """
    from django.conf import settings

    group, _ = Group.objects.get_or_create(name=Role.RAADSLID.value)
    sessions = []
    for i in range(members):
        user, created = get_user_model().objects.get_or_create(username=f"load-raadslid-{i:02d}")
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    plan_ids = list(Plan.objects.filter(titel__startswith="Bench plan").order_by("id").values_list("id", flat=True))
    assert plan_ids, "run bench/generate_events.py first"
    data = {"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions, "plan_ids": plan_ids}
    Path(out).write_text(json.dumps(data))
    print(f"{members} council sessions, {len(plan_ids)} bench plans, {time.strftime('%H:%M:%S')}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "residents":
        residents(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5000)
    elif command == "verify":
        sys.exit(verify(sys.argv[2], sys.argv[3]))
    elif command == "trivial":
        trivial()
    elif command == "trivial-count":
        trivial_count()
    elif command == "council":
        council(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 50)
    else:
        sys.exit(__doc__)
