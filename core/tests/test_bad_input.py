"""Bad-input sweep: every form the URLconf serves, every field, every kind of bad value.

For each URL whose policy lets someone write, the page is opened as that role, its POST
forms are read from the HTML (fields, current values, choices) and sent back with one field
at a time replaced by an oversize, NUL, script, wrong-type, out-of-range or extreme-date
value (files: empty, binary, NUL, CR-only, deeply nested). Never a 500. The URLs and their
sample objects come from the same policy table as the permission test.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.constants import Role
from core.permissions import policy_of

from .policy_table import policy_table, routes

WRITER = {"ambtenaar": Role.AMBTENAAR, "resident": Role.RESIDENT, "public": Role.ANONYMOUS}
BAD_VALUES = [
    "x" * 100_001,
    "a\x00b",
    "<script>alert('x')</script>",
    "-1",
    "2147483648",
    "9" * 40,
    "1e309",
    "0001-01-01",
    "0001-01-01T00:00",
    "2101-01-01",
    "abc",
    "",
]
BAD_FILES = [
    b"",
    b"\x00\x01\x02\xff\xfe",
    b"plan_id,type,datum\x00\n",
    b"a;b;c\r1;2;3\r",
    b"[" * 100_000,
    ("\ufeff" + "x," * 5000 + "\n").encode(),
]


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields with their current value and choices."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}, "files": set(), "choices": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self._form["files"].add(a["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[a["name"]] = a.get("value", "on")
                self._form["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            fields.setdefault(a["name"], "")
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a or not fields.get(self._select):
                fields[self._select] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields[a["name"]] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _writable_routes():
    found = []
    for route in routes():
        if route.is_admin or not route.name:
            continue
        policy = policy_of(route.callback, route.namespace)
        if policy is not None and policy.name in WRITER and policy.allows(frozenset({WRITER[policy.name]}), "POST"):
            found.append(route)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("route", _writable_routes(), ids=lambda r: r.key)
def test_no_input_to_any_form_gives_a_server_error(route, client_for, settings):
    settings.PARTICIPATIE_MIN_FILL_SECONDS = 0
    _, samples = policy_table()
    kwargs = samples[route.key]() if route.has_arguments else {}
    url = reverse(route.name, kwargs=kwargs)
    policy = policy_of(route.callback, route.namespace).name
    client = client_for(WRITER[policy])
    client.raise_request_exception = False
    if policy == "resident" and "slug" in kwargs:
        # A resident who entered a valid code: the survey's pages show their questions.
        from participatie import services as participatie_services
        from participatie.models import Vragenlijst

        vragenlijst = Vragenlijst.objects.get(slug=kwargs["slug"])
        if vragenlijst.toegang == "codes":
            [code] = participatie_services.codes_generate(vragenlijst=vragenlijst, n=1)
            client.post(reverse("participatie:vragenlijst_code", args=[vragenlijst.slug]), {"code": code})
    page = client.get(url, follow=True)
    assert page.status_code < 500, f"GET {url}: {page.status_code}"
    parser = _Forms()
    parser.feed(page.content.decode(errors="replace"))
    path = page.wsgi_request.path
    forms = [f for f in parser.forms if f["action"] in ("", url, path)] or [{"fields": {}, "files": set()}]
    failures = []
    for form in forms:
        baseline = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
        names = list(baseline) + [n for n in form.get("choices", {}) if n not in baseline] + sorted(form["files"])
        if not names:
            names = ["x"]
        for name in names:
            values = BAD_FILES if name in form["files"] else BAD_VALUES
            for value in values:
                data = dict(baseline)
                data[name] = SimpleUploadedFile("bad.csv", value) if isinstance(value, bytes) else value
                response = client.post(url, data)
                if response.status_code >= 500:
                    failures.append(f"POST {url} {name}={value[:30]!r}: {response.status_code}")
    # and whatever was saved, the page still loads (a stored value never breaks a reader)
    after = client.get(url, follow=True)
    if after.status_code >= 500:
        failures.append(f"GET {url} after the sweep: {after.status_code}")
    assert not failures, "\n".join(failures[:20])
