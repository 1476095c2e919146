"""Declared access policy per URL of the `routekaart` app (format: core/tests/url_policies.py)."""

POLICIES: dict = {}

SAMPLE_KWARGS: dict = {}
