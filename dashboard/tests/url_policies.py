"""Declared access policy per URL of the `dashboard` app (format: core/tests/url_policies.py)."""

POLICIES = {
    "dashboard:overview": "internal_read",
}

SAMPLE_KWARGS: dict = {}
