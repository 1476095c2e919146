"""The event log in Django admin: read-only (the log is append-only; a withdrawal is an event)."""

from django.contrib import admin

from .models import Gebeurtenis


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin):
    list_display = ("id", "plan", "type", "datum", "hoeveelheid", "bron", "extern_id")
    list_filter = ("type", "bron")
    search_fields = ("extern_id",)
    list_select_related = ("plan",)
    ordering = ("-id",)
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
