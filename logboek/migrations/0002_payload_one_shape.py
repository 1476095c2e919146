"""One payload shape per event type (logboek/payloads.py), for data written before the schemas.

Survey responses of the older flat shape {"vertrouwen": 4} (demo data and early imports) get the
shape the participatie app writes: {"dimensies": {"vertrouwen": {"gemiddelde": 4, "items": 1}}};
a flat value that is not a number is dropped (no reader could use it). The event log is
append-only: its trigger is lifted inside this migration only, because this one-off rewrite
changes the shape of a fact, not the fact, and there is no production data yet.
"""

from django.db import migrations

TRIGGER = "pgtrigger_gebeurtenis_append_only_9ac9f"

FORWARD = f"""
ALTER TABLE core_gebeurtenis DISABLE TRIGGER {TRIGGER};
UPDATE core_gebeurtenis
   SET payload = CASE WHEN jsonb_typeof(payload -> 'vertrouwen') = 'number'
                      THEN (payload - 'vertrouwen') || jsonb_build_object('dimensies', jsonb_build_object(
                           'vertrouwen', jsonb_build_object('gemiddelde', payload -> 'vertrouwen', 'items', 1)))
                      ELSE payload - 'vertrouwen' END
 WHERE type = 'enquete_respons' AND payload ? 'vertrouwen' AND NOT payload ? 'dimensies';
ALTER TABLE core_gebeurtenis ENABLE TRIGGER {TRIGGER};
"""


class Migration(migrations.Migration):

    dependencies = [("logboek", "0001_initial"), ("core", "0004_delete_gebeurtenis")]

    operations = [migrations.RunSQL(FORWARD, reverse_sql=migrations.RunSQL.noop)]
