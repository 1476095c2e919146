"""The named date formats (core/dates.py) give the one Dutch style, in Amsterdam time."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from core import dates

WINTER = dt.datetime(2027, 12, 31, 18, 30, tzinfo=dt.UTC)  # CET, UTC+1: 19:30 in Amsterdam
ZOMER = dt.datetime(2027, 6, 1, 17, 30, tzinfo=dt.UTC)  # CEST, UTC+2: 19:30 in Amsterdam
LATE = dt.datetime(2027, 3, 1, 23, 30, tzinfo=dt.UTC)  # already 2 March in Amsterdam


@pytest.fixture(autouse=True)
def _nl():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (dates.datum, dt.date(2027, 12, 31), "31 december 2027"),
        (dates.datum, dt.date(2023, 3, 1), "1 maart 2023"),
        (dates.datum_kort, dt.date(2023, 3, 1), "01-03-2023"),
        (dates.maand, dt.date(2027, 12, 1), "december 2027"),
        (dates.datum_tijd, WINTER, "31 december 2027, 19:30"),
        (dates.datum_tijd, ZOMER, "1 juni 2027, 19:30"),
        (dates.datum_tijd_kort, WINTER, "31-12-2027 19:30"),
        (dates.datum_tijd_kort, ZOMER, "01-06-2027 19:30"),
        (dates.datum, LATE, "2 maart 2027"),
        (dates.datum_kort, LATE, "02-03-2027"),
        (dates.maand, LATE, "maart 2027"),
        (dates.datum, None, ""),
        # an ISO date from a JSON payload (the council page's tussendoel deadlines)
        (dates.datum_kort, "2027-12-31", "31-12-2027"),
        (dates.datum, "2027-12-31", "31 december 2027"),
        (dates.datum_tijd, "2027-06-01T17:30:00+00:00", "1 juni 2027, 19:30"),
        (dates.datum, "not a date", "not a date"),
        (dates.datum, "2027-02-30", "2027-02-30"),
    ],
)
def test_named_formats_give_the_dutch_style_in_amsterdam_time(function, value, expected):
    # given a date or an aware datetime in UTC
    # when formatted with a named format
    # then it is the Dutch string, the clock time in Amsterdam (winter +1, summer +2)
    assert function(value) == expected


def test_the_filters_are_builtins_and_match_the_functions():
    # given a template without {% load %}
    template = Template(
        "{{ d|datum }}|{{ d|datum_kort }}|{{ m|datum_tijd }}|{{ m|datum_tijd_kort }}|{{ d|maand }}|{{ n|datum|default:'—' }}"
    )
    # when rendered with a date, a summer datetime in UTC and nothing
    html = template.render(Context({"d": dt.date(2027, 12, 31), "m": ZOMER, "n": None}))
    # then each filter gives its named format, the time in Amsterdam
    assert html == "31 december 2027|31-12-2027|1 juni 2027, 19:30|01-06-2027 19:30|december 2027|—"


def test_a_raw_date_and_the_admin_show_the_named_formats_too():
    # given Django's own formats (a raw {{ date }}, the admin's lists), Dutch and English
    template = Template("{{ d }}|{{ m }}")
    context = Context({"d": dt.date(2027, 12, 31), "m": WINTER})
    # then they are the named long formats
    assert template.render(context) == "31 december 2027|31 december 2027, 19:30"
    with translation.override("en"):
        assert template.render(context) == "31 December 2027|31 December 2027, 19:30"
        assert dates.datum_kort(WINTER) == "31-12-2027"


def test_the_settings_put_the_clock_in_amsterdam():
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True


# Templates may not format a date ad hoc: `|date:"..."` and a bare `|date` bypass the named
# formats. The exceptions are machine formats, each listed by file with the reason.
AD_HOC = re.compile(r"\|\s*(?:date|time)(?:\s*:|\s*[|}%\s\"'])|\{%\s*now\b")
MACHINE_FORMATS: dict[str, str] = {}


def _templates() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(p for p in root.rglob("*.html") if ".venv" not in p.parts and "node_modules" not in p.parts)


def test_no_template_formats_a_date_ad_hoc():
    # given every template of the project
    root = Path(settings.BASE_DIR)
    found = []
    for path in _templates():
        name = str(path.relative_to(root))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if AD_HOC.search(line) and name not in MACHINE_FORMATS:
                found.append(f"{name}:{number}: {line.strip()}")
    # then none uses |date: they use |datum, |datum_kort, |datum_tijd, |datum_tijd_kort, |maand
    assert found == []


def test_the_scan_catches_an_ad_hoc_format():
    # the test of the test: each shape the scan must catch, and the named filters it must not
    for line in [
        '{{ x|date:"j M Y" }}',
        "{{ x|date }}",
        "{{ x | date:'Y' }}",
        "{% with d=x|date %}",
        '{{ x|time:"H:i" }}',
        '{% now "Y" %}',
    ]:
        assert AD_HOC.search(line), line
    for line in ["{{ x|datum }}", "{{ x|datum_kort }}", "{{ x|datum_tijd }}", "{{ x|maand }}", "{{ x|timesince }}"]:
        assert not AD_HOC.search(line), line
    assert _templates()


# Code may not format a date for people by hand either: it calls core.dates. The machine
# formats that remain, each with its reason (a line is allowed when it contains the text).
AD_HOC_PY = re.compile(r"\bdate_format\(|\.strftime\(|\{[^{}]*:%[a-zA-Z][^{}]*\}")
MACHINE_FORMATS_PY = {
    "core/dates.py": ["formats.date_format(value, fmt)"],  # the one place
    "dashboard/views/plannen.py": ['.strftime("%Y-%m")'],  # chart periods and a <input type=month> value
    "dashboard/charts.py": ['.strftime("%Y-%m")'],  # plotly's x values (JSON)
    "dashboard/demo/__init__.py": ['strftime("%Y%m")', "{signaal:%Y%m}"],  # a key, a decision's reference
    "participatie/views/ambtenaar.py": [
        'strftime("%Y%m%d-%H%M")',  # a file name
        'strftime("%Y-%m-%dT%H:%M")',  # the value of <input type=datetime-local>
    ],
    "bench/load_setup.py": ["time.strftime("],  # a benchmark's console line
    "bench/freshness.py": ["%Y-%m-%d %H:%M"],  # a benchmark's report
}


def test_no_code_formats_a_date_ad_hoc():
    # given every Python module outside the tests and migrations
    root = Path(settings.BASE_DIR)
    found = []
    for path in sorted(root.rglob("*.py")):
        name = str(path.relative_to(root))
        if {".venv", "node_modules", "tests", "migrations"} & set(path.parts):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            allowed = MACHINE_FORMATS_PY.get(name, [])
            if AD_HOC_PY.search(line) and not any(text in line for text in allowed):
                found.append(f"{name}:{number}: {line.strip()}")
    # then dates for people go through core.dates (datum, datum_kort, datum_tijd, ...)
    assert found == []


def test_the_code_scan_catches_an_ad_hoc_format():
    for line in ['date_format(d, "j F Y")', 'd.strftime("%d-%m-%Y")', 'f"{d:%d-%m-%Y}"']:
        assert AD_HOC_PY.search(line), line
    for line in ["dates.datum(d)", 'f"{n:.2f}"', "d.isoformat()"]:
        assert not AD_HOC_PY.search(line), line
