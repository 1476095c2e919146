"""Reference data in Django admin for the functional administrator: names of gemeenten, wijken
and buurten. The areas themselves come from the CBS import (codes, figures, boundaries): they
are neither added nor deleted here, and their codes and figures are read-only."""

from django.contrib import admin

from .models import Buurt, Gemeente, Wijk


class _NamesOnly(admin.ModelAdmin):
    search_fields = ("code", "naam")
    ordering = ("code",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.concrete_fields if f.name not in ("naam", "id")]

    def get_fields(self, request, obj=None):
        return ["naam", *self.get_readonly_fields(request, obj)]


@admin.register(Gemeente)
class GemeenteAdmin(_NamesOnly):
    list_display = ("code", "naam")


@admin.register(Wijk)
class WijkAdmin(_NamesOnly):
    list_display = ("code", "naam", "gemeente")
    list_select_related = ("gemeente",)


@admin.register(Buurt)
class BuurtAdmin(_NamesOnly):
    list_display = ("code", "naam", "wijk")
    list_select_related = ("wijk",)
