"""Declared access policy per URL name of the `core` app (see core/tests/test_url_policies.py).

Every app keeps such a table in `<app>/tests/url_policies.py`:
- POLICIES: URL name -> policy name (core/permissions.py: public, resident, authenticated,
  internal_read, ambtenaar, beheer);
- SAMPLE_KWARGS: URL name -> function(db) returning the kwargs to reverse a URL that has
  arguments (objects are made with factories).
A URL without an entry makes the permission test fail.
"""

POLICIES = {
    "core:home": "authenticated",
    "core:login": "public",
    "core:logout": "authenticated",
    "core:health": "public",
    "core:theme_css": "public",
    "core:favicon": "public",
}

SAMPLE_KWARGS: dict = {}
