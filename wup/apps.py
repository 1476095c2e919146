from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WupConfig(AppConfig):
    name = "wup"
    verbose_name = _("Neighbourhood implementation plans")
