from django.shortcuts import render

from core.permissions import INTERNAL_READ, access
from wup import selectors as wup_selectors


@access(INTERNAL_READ)
def overview(request):
    return render(request, "dashboard/overview.html", {"plans": wup_selectors.plan_list()})
