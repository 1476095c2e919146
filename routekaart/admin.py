"""The routekaart in Django admin: read-only for the functional administrator.

Milestones and agreements change through the routekaart's services only, because every change
appends its event to the log in the same transaction; an edit in the admin would bypass that.
"""

from django.contrib import admin

from .models import Afspraak, Koppelkans, Mijlpaal, Routekaart, Vergunning, Verschuiving


class _ReadOnly(admin.ModelAdmin):
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Routekaart)
class RoutekaartAdmin(_ReadOnly):
    list_display = ("plan", "rol_gemeente")
    list_select_related = ("plan",)


@admin.register(Mijlpaal)
class MijlpaalAdmin(_ReadOnly):
    list_display = ("naam", "plan", "basisdatum", "prognose", "afgerond_op", "uitkomst")
    list_filter = ("uitkomst", "besluitmoment")
    list_select_related = ("plan",)


@admin.register(Afspraak)
class AfspraakAdmin(_ReadOnly):
    list_display = ("wat", "plan", "leverancier", "ontvanger", "basisdatum", "prognose", "status")
    list_filter = ("status",)
    list_select_related = ("plan", "leverancier", "ontvanger")


@admin.register(Verschuiving)
class VerschuivingAdmin(_ReadOnly):
    list_display = ("op", "mijlpaal", "afspraak", "van", "naar", "door")
    list_select_related = ("mijlpaal", "afspraak", "door")


@admin.register(Koppelkans)
class KoppelkansAdmin(_ReadOnly):
    list_display = ("omschrijving", "plan", "soort", "venster_van", "venster_tot")
    list_select_related = ("plan",)


@admin.register(Vergunning)
class VergunningAdmin(_ReadOnly):
    list_display = ("omschrijving", "plan", "soort", "status", "verwachte_beslisdatum")
    list_select_related = ("plan",)
