from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    """After the last app's post_migrate: only then do every app's permissions exist.

    Run after core's own signal (core comes before wup in INSTALLED_APPS), the beheerder group
    lacked the permissions of every later app on a fresh database and after each flush.
    """
    from django.apps import apps

    from .services import roles_sync

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        roles_sync()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the access-policy system check

        # Infrastructure, not domain flow: the role groups exist after every migrate.
        post_migrate.connect(_sync_roles, dispatch_uid="core.roles_sync")
        from . import logs

        logs.connect_signals()
