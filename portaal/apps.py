from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    """Top layer: pages and documents that combine several apps, each read through its selectors."""

    name = "portaal"
    verbose_name = _("Plan documents and public pages")
