"""Readers of payload values that never raise (logboek.selectors: SQL_DATE, SQL_SCORE).

A bare cast such as '2099-02-30'::date or 'x'::float8 raises, and one such value in the
append-only log failed every recompute of its plan for good (issue 11). Plain SQL, one SELECT,
no regular expression on the hot path (bench/RESULTS.md, issue 11: a regex per row cost more
than the rest of the reader): the planner inlines them, so they cost what the expression costs.

- logboek_payload_date(text): exactly YYYY-MM-DD (ASCII digits) naming a day that exists, year
  0001-9999, as a date; anything else NULL. No to_date: on PG15 it raises on 2099-02-30. The
  final cast runs only after every part was checked. STABLE, not IMMUTABLE: text -> date is
  STABLE (DateStyle), although for this ISO shape DateStyle does not matter.
- logboek_payload_score(jsonb): a JSON number, or a string of plain decimal digits (bounded
  length, so numeric input cannot overflow), on the 1-5 scale of logboek/payloads.py; anything
  else NULL.
"""

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION logboek_payload_date(value text) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT CASE WHEN translate(value, '0123456789', '9999999999') = '9999-99-99' AND left(value, 4) <> '0000' THEN
    CASE WHEN right(value, 2) COLLATE "C" BETWEEN '01' AND
        CASE substr(value, 6, 2)
            WHEN '01' THEN '31' WHEN '03' THEN '31' WHEN '04' THEN '30' WHEN '05' THEN '31'
            WHEN '06' THEN '30' WHEN '07' THEN '31' WHEN '08' THEN '31' WHEN '09' THEN '30'
            WHEN '10' THEN '31' WHEN '11' THEN '30' WHEN '12' THEN '31'
            WHEN '02' THEN CASE WHEN left(value, 4)::int % 4 = 0
                                 AND (left(value, 4)::int % 100 <> 0 OR left(value, 4)::int % 400 = 0)
                                THEN '29' ELSE '28' END
        END
    THEN value::date END
END
$$;

CREATE OR REPLACE FUNCTION logboek_payload_score(value jsonb) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE jsonb_typeof(value)
    WHEN 'number' THEN CASE WHEN value::numeric BETWEEN 1 AND 5 THEN value::double precision END
    WHEN 'string' THEN
        CASE WHEN (value #>> '{}') ~ '^[0-9]{1,20}([.][0-9]{1,100})?$' THEN
            CASE WHEN (value #>> '{}')::numeric BETWEEN 1 AND 5 THEN (value #>> '{}')::double precision END
        END
END
$$;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS logboek_payload_date(text);
DROP FUNCTION IF EXISTS logboek_payload_score(jsonb);
"""


class Migration(migrations.Migration):

    dependencies = [("logboek", "0003_intrekking")]

    operations = [migrations.RunSQL(FUNCTIONS, reverse_sql=DROP_FUNCTIONS)]
