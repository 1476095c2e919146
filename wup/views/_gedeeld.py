"""What the views of `wup` share: service errors onto forms, the plan or a 404, page sizes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from core.forms import form_add_service_errors

from .. import selectors
from ..constants import PlanStatus
from ..models import (
    Plan,
)

PAGE_SIZE = 20
WGIW_CHECK_STATUSES = (PlanStatus.CONCEPT, PlanStatus.IN_CONSULTATIE)
CBS_SESSION_KEY = "wup_cbs_upload"


def _apply(form, call):
    """Run a service; map its ValidationError onto the form's fields. None when refused."""
    try:
        return call()
    except ValidationError as exc:
        form_add_service_errors(form, exc)
        return None


def _plan_or_404(request, pk: int) -> Plan:
    try:
        return selectors.plan_get(pk=pk, user=request.user)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
