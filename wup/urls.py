from django.urls import path

from . import views

app_name = "wup"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nieuw/", views.plan_create, name="plan_create"),
    path("<int:pk>/wijzigen/", views.plan_update, name="plan_update"),
    path("<int:pk>/status/", views.plan_transition, name="plan_transition"),
    path("<int:pk>/wijzigingsvoorstel/", views.plan_wijzigingsvoorstel, name="plan_wijzigingsvoorstel"),
    path("<int:pk>/wijziging-vaststellen/", views.plan_wijziging_vaststellen, name="plan_wijziging_vaststellen"),
    path("<int:pk>/kaders/", views.plan_kaders, name="plan_kaders"),
    path("<int:pk>/kaders/<slug:soort>/toevoegen/", views.kader_add, name="kader_add"),
    path("<int:pk>/kaders/<slug:soort>/<int:item_pk>/wijzigen/", views.kader_edit, name="kader_edit"),
    path("<int:pk>/kaders/<slug:soort>/<int:item_pk>/verwijderen/", views.kader_delete, name="kader_delete"),
    path("<int:pk>/wgiw/", views.plan_wgiw, name="plan_wgiw"),
    path("<int:pk>/wgiw/plan/", views.plan_wgiw_update, name="plan_wgiw_update"),
    path("<int:pk>/wgiw/<slug:soort>/toevoegen/", views.wgiw_add, name="wgiw_add"),
    path("<int:pk>/wgiw/<slug:soort>/<int:item_pk>/wijzigen/", views.wgiw_edit, name="wgiw_edit"),
    path("<int:pk>/wgiw/<slug:soort>/<int:item_pk>/verwijderen/", views.wgiw_delete, name="wgiw_delete"),
    path("kaders/", views.gemeente_kaders, name="gemeente_kaders"),
    path("kaders/<slug:soort>/toevoegen/", views.gemeente_kader_add, name="gemeente_kader_add"),
    path("kaders/<slug:soort>/<int:item_pk>/wijzigen/", views.gemeente_kader_edit, name="gemeente_kader_edit"),
    path("kaders/<slug:soort>/<int:item_pk>/verwijderen/", views.gemeente_kader_delete, name="gemeente_kader_delete"),
    path("<int:pk>/geschiedenis/", views.plan_history, name="plan_history"),
    path("wijken/import/", views.wijk_import, name="wijk_import"),
    path("wijken/import/bevestigen/", views.wijk_import_confirm, name="wijk_import_confirm"),
    path("wijken/grenzen/", views.geometrie_import, name="geometrie_import"),
    path("wijken/", views.gebied_list, name="gebied_list"),
    path("wijken/<int:pk>/naam/", views.wijk_naam, name="wijk_naam"),
    path("buurten/<int:pk>/naam/", views.buurt_naam, name="buurt_naam"),
    path("wijken/namen/import/", views.gebied_namen_import, name="gebied_namen_import"),
]
