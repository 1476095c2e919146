from django.shortcuts import render

from core.permissions import INTERNAL_READ, access

from . import selectors


@access(INTERNAL_READ)
def plan_list(request):
    plans = selectors.plan_list()
    return render(request, "wup/plan_list.html", {"plans": plans})
