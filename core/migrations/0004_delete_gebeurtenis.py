# The event log moved to the logboek app (logboek 0001 takes over the model and its table).

from django.db import migrations

OLD_TRIGGER = "pgtrigger_gebeurtenis_append_only_a2f32"


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_gebeurtenis_plan_id_index'),
        ('logboek', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Gebeurtenis')],
            # Only the old name of the append-only trigger goes; logboek 0001 installed it anew.
            database_operations=[
                migrations.RunSQL(
                    f"DROP TRIGGER IF EXISTS {OLD_TRIGGER} ON core_gebeurtenis; DROP FUNCTION IF EXISTS {OLD_TRIGGER}();",
                    reverse_sql=migrations.RunSQL.noop,
                )
            ],
        ),
    ]
