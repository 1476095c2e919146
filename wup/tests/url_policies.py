"""Declared access policy per URL of the `wup` app (format: core/tests/url_policies.py)."""

POLICIES = {
    "wup:plan_list": "internal_read",
}

SAMPLE_KWARGS: dict = {}
