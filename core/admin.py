"""The functional administrator's user admin: the second factor's status and its reset.

django-otp's own device admins are not registered: a functional administrator neither sees
nor edits anyone's authenticator key or recovery codes; the reset action is the one thing
they do with them (BIO2 5.18.01: the change is recorded in the admin's history).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .constants import ACCOUNT_ROLES

User = get_user_model()

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
if admin.site.is_registered(User):
    admin.site.unregister(User)


class OneRoleUserChangeForm(UserChangeForm):
    """An account has exactly one role (ambtenaar, raadslid or beheerder): BIO 5.16/5.18."""

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        roles = [g for g in groups if g.name in {r.value for r in ACCOUNT_ROLES}] if groups is not None else []
        if groups is not None and (len(roles) != 1 or len(groups) != 1):
            raise ValidationError(_("Choose exactly one role for this account: ambtenaar, raadslid or beheerder."))
        return groups


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = OneRoleUserChangeForm
    list_display = (*DjangoUserAdmin.list_display, "two_factor_on")
    actions = ["two_factor_reset"]
    # A role is a group (one per account); no permissions per account, so access stays what the
    # role's policy says. Plain multiple selects instead of Django's JavaScript filter widget,
    # whose labels carry ARIA attributes axe refuses; login dates are facts, not input (their
    # split date/time inputs had no labels).
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and access"), {"fields": ("is_active", "is_staff", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        confirmed_app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(two_factor_on=Exists(confirmed_app))

    @admin.display(boolean=True, description=_("Two-factor authentication"), ordering="two_factor_on")
    def two_factor_on(self, obj) -> bool:
        return obj.two_factor_on

    @admin.action(description=_("Reset two-factor authentication"), permissions=["change"])
    def two_factor_reset(self, request, queryset):
        """Remove the selected accounts' devices, after a confirmation page (like delete)."""
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Reset two-factor authentication"),
                "opts": self.model._meta,
                "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/core/two_factor_reset_confirmation.html", context)
        for user in queryset:
            two_factor.two_factor_reset(user=user)
            self.log_change(request, user, [{"changed": {"fields": ["two-factor authentication (reset)"]}}])
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "Two-factor authentication was reset for %(count)s account; it sets it up again at its next login.",
                "Two-factor authentication was reset for %(count)s accounts; they set it up again at their next login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return None
