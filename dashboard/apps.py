from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from logboek.services import after_append_register

        from .services import recompute_request

        # Every appended event asks for a recompute of its plan after commit.
        after_append_register(recompute_request)
