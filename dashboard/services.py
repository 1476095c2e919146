"""Writes of the `dashboard` app."""

from __future__ import annotations


def recompute_request(*, plan_id: int) -> None:
    """Ask for a recompute of one plan's indicators (after commit). Built in the dashboard issue."""
    return None
