"""Template helpers of the routekaart: the derived planning status as a labelled badge."""

from django import template

from routekaart.constants import PlanningStatus

register = template.Library()

# Bootstrap's text-bg-* classes pair each background with a text colour of enough contrast.
BADGE_CLASS = {
    PlanningStatus.GEPLAND: "text-bg-secondary",
    PlanningStatus.VERWACHT_TE_LAAT: "text-bg-warning",
    PlanningStatus.OVER_TIJD: "text-bg-danger",
    PlanningStatus.OP_TIJD: "text-bg-success",
    PlanningStatus.TE_LAAT: "text-bg-warning",
    PlanningStatus.GEMIST: "text-bg-danger",
}


@register.inclusion_tag("routekaart/includes/status_badge.html")
def planning_badge(status: str):
    return {"label": PlanningStatus(status).label, "css": BADGE_CLASS.get(status, "text-bg-secondary")}
