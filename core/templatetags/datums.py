"""The named date formats as template filters (core/dates.py says which is for what).

A template builtin (settings TEMPLATES), so no template needs `{% load %}`:
`{{ plan.startdatum|datum }}`, `{{ m.prognose|datum_kort }}`, `{{ b.datum|datum_tijd }}`,
`{{ v.op|datum_tijd_kort }}`, `{{ periode|maand }}`. Empty values give "", so
`|default:"—"` still works after them.
"""

from django import template

from core import dates

register = template.Library()

for _name in ("datum", "datum_kort", "datum_tijd", "datum_tijd_kort", "maand"):
    # expects_localtime: Django hands an aware datetime over in the current time zone.
    register.filter(_name, getattr(dates, _name), expects_localtime=True)
