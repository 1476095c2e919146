"""The shared ambitions' free-text parties become the plan's parties, once.

"Netbeheerder Stedin, woningcorporatie Portaal en bewoners" becomes three parties of the plan
(kind guessed from the words, "overig" when nothing fits), each linked to the ambition; the
text is emptied where every name found its party. Municipality-wide ambitions (no plan) keep
their text: they have no plan whose parties they could name.
"""

import re

from django.db import migrations

SOORTEN = (
    ("netbeheer", "netbeheerder"),
    ("stedin", "netbeheerder"),
    ("enexis", "netbeheerder"),
    ("liander", "netbeheerder"),
    ("corporatie", "woningcorporatie"),
    ("warmte", "warmtebedrijf"),
    ("eneco", "warmtebedrijf"),
    ("vattenfall", "warmtebedrijf"),
    ("coöperatie", "bewonersinitiatief"),
    ("cooperatie", "bewonersinitiatief"),
    ("initiatief", "bewonersinitiatief"),
    ("bewoners", "bewoners"),
    ("vve", "vve"),
    ("gemeente", "gemeente"),
    ("waterschap", "waterschap"),
)


def namen(tekst: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|/|\+|&|\s+en\s+)\s*", tekst or "")
    return [p.strip()[:200] for p in parts if p.strip()]


def soort_van(naam: str) -> str:
    laag = naam.lower()
    for woord, soort in SOORTEN:
        if woord in laag:
            return soort
    return "overig"


def forwards(apps, schema_editor):
    Ambitie = apps.get_model("wup", "Ambitie")
    Partij = apps.get_model("wup", "Partij")
    for ambitie in Ambitie.objects.filter(plan__isnull=False).exclude(partijen=""):
        for naam in namen(ambitie.partijen):
            partij = Partij.objects.filter(plan_id=ambitie.plan_id, naam__iexact=naam).first()
            if partij is None:
                partij = Partij.objects.create(plan_id=ambitie.plan_id, naam=naam, soort=soort_van(naam))
            ambitie.betrokken_partijen.add(partij)
        ambitie.partijen = ""
        ambitie.save(update_fields=["partijen"])


def backwards(apps, schema_editor):
    Ambitie = apps.get_model("wup", "Ambitie")
    for ambitie in Ambitie.objects.filter(plan__isnull=False):
        gekoppeld = ", ".join(p.naam for p in ambitie.betrokken_partijen.order_by("naam"))
        if gekoppeld:
            ambitie.partijen = ", ".join(x for x in (gekoppeld, ambitie.partijen) if x)[:300]
            ambitie.save(update_fields=["partijen"])


class Migration(migrations.Migration):
    dependencies = [("wup", "0005_partijen")]
    operations = [migrations.RunPython(forwards, backwards)]
