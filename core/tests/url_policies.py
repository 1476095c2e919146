"""Declared access policy per URL name of the `core` app (see core/tests/test_url_policies.py).

Every app keeps such a table in `<app>/tests/url_policies.py`:
- POLICIES: URL name -> policy name (core/permissions.py: public, resident, resource,
  authenticated, two_factor, internal_read, ambtenaar, beheer, token);
- SAMPLE_KWARGS: URL name -> function(db) returning the kwargs to reverse a URL that has
  arguments (objects are made with factories).
A URL without an entry makes the permission test fail.
"""

POLICIES = {
    "core:home": "authenticated",
    "core:login": "public",
    "core:logout": "two_factor",
    "core:two_factor": "authenticated",
    "core:two_factor_setup": "two_factor",
    "core:two_factor_verify": "two_factor",
    "core:two_factor_recovery_codes": "authenticated",
    "core:health": "resource",
    "core:theme_css": "resource",
    "core:favicon": "resource",
}

SAMPLE_KWARGS: dict = {}
