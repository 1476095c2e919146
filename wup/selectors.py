"""Reads of the `wup` app."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Plan


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.select_related("wijk").order_by("titel")


def plans_with_kaders(*, plan_ids: list[int] | None = None) -> QuerySet[Plan]:
    """Plans with wijk, kernwaarden, tussendoelen and fasen prefetched (dashboard reads)."""
    qs = Plan.objects.select_related("wijk").prefetch_related("kernwaarden", "tussendoelen", "fasen")
    if plan_ids is not None:
        qs = qs.filter(id__in=plan_ids)
    return qs.order_by("titel", "id")
