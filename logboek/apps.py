from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogboekConfig(AppConfig):
    """The event log (logboek): append-only facts of every plan, read by the dashboard."""

    name = "logboek"
    verbose_name = _("Event log")
