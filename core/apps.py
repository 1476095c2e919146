from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from .services import roles_sync

    roles_sync()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the access-policy system check

        # Infrastructure, not domain flow: the role groups exist after every migrate.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="core.roles_sync")
        from . import logs

        logs.connect_signals()
