"""Shares of homes and gas use per home are unknown (NULL), not 0 %, in a buurt without homes.

The CBS import now stores them so; this corrects buurten imported before. Wijk facts already
left such buurten out of their weighted means (weight 0 or unknown).
"""

from django.db import migrations
from django.db.models import Q

FIELDS = ("pct_koopwoningen", "pct_meergezinswoningen", "pct_bouwjaar_vanaf_2000", "gem_aardgasverbruik_m3")


def forwards(apps, schema_editor):
    Buurt = apps.get_model("wup", "Buurt")
    Buurt.objects.filter(Q(woningvoorraad__isnull=True) | Q(woningvoorraad=0)).update(**dict.fromkeys(FIELDS))


class Migration(migrations.Migration):
    dependencies = [("wup", "0006_ambitie_partijen_naar_rijen")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
