"""Roles and other shared choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Who a request comes from. Residents have no account: a session marks them."""

    ANONYMOUS = "anoniem", _("Anonymous visitor")
    RESIDENT = "bewoner", _("Resident (survey session)")
    RAADSLID = "raadslid", _("Council member")  # reads plans and dashboard, never writes
    AMBTENAAR = "ambtenaar", _("Civil servant")  # edits plans, logs events
    BEHEERDER = "beheerder", _("Functional administrator")  # Django admin: users, roles


# Roles that are Django groups (residents and anonymous visitors have no account).
ACCOUNT_ROLES = (Role.RAADSLID, Role.AMBTENAAR, Role.BEHEERDER)
# Session key set when a resident has exchanged an invite code or opened a survey link.
RESIDENT_SESSION_KEY = "bewoner_vragenlijst"
