from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    """Top layer: pages and documents that combine several apps, each read through its selectors."""

    name = "portaal"
    verbose_name = _("Plan documents and public pages")

    def ready(self):
        from wup import services as wup_services

        from .services import plan_vaststelling_vastleggen

        # Adopting a plan freezes its whole document, which only this layer can assemble.
        wup_services.vaststelling_register(plan_vaststelling_vastleggen)
