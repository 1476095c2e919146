"""Celery tasks of the `dashboard` app: thin wrappers around services (STYLE.md, Celery)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from core.tasks import BoundedRedeliveryTask

from . import services

# Only transient database errors are retried, with exponential backoff; anything else
# (a bug, bad data) fails loudly and the periodic reconcile tries again later.
RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="dashboard.tasks.plan_recompute", base=BoundedRedeliveryTask, ignore_result=True, **RETRY)
def plan_recompute_task(*, plan_id: int, force: bool = False) -> bool:
    # Clear the coalescing key first: an event committed from now on asks for a new run.
    services.recompute_pending_clear(plan_id=plan_id)
    return services.plan_recompute(plan_id=plan_id, force=force)


@shared_task(name="dashboard.tasks.reconcile", base=BoundedRedeliveryTask, ignore_result=True, **RETRY)
def reconcile_task() -> list[int]:
    return services.plans_reconcile()


@shared_task(name="dashboard.tasks.recompute_all", base=BoundedRedeliveryTask, ignore_result=True, **RETRY)
def recompute_all_task() -> int:
    return services.plans_recompute_all(force=True)


# No automatic retry: the import is all-or-nothing and the civil servant sees its outcome (or
# its failure) on the progress page, and can upload again.
@shared_task(name="dashboard.tasks.events_csv_import", base=BoundedRedeliveryTask, ignore_result=True)
def events_csv_import_task(*, path: str, job: str, user_id: int | None = None) -> dict:
    return services.events_import_run(path=path, job=job, user_id=user_id)
