from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("plan/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plan/<int:plan_id>/<str:indicator>.csv", views.indicator_csv, name="indicator_csv"),
    path("plan/<int:plan_id>/raadsbesluit/", views.raadsbesluit_create, name="raadsbesluit_create"),
    path("plan/<int:plan_id>/stuuracties/nieuw/", views.stuuractie_create, name="stuuractie_create"),
    path("stuuractie/<int:stuuractie_id>/wijzigen/", views.stuuractie_update, name="stuuractie_update"),
    path("stuuractie/<int:stuuractie_id>/afronden/", views.stuuractie_done, name="stuuractie_done"),
    path("stuuractie/<int:stuuractie_id>/vervallen/", views.stuuractie_cancel, name="stuuractie_cancel"),
    path("plan/<int:plan_id>/gebeurtenissen/", views.plan_events, name="plan_events"),
    path("plan/<int:plan_id>/scenario/opslaan/", views.scenario_save, name="scenario_save"),
    path("scenario/<int:scenario_id>/verwijderen/", views.scenario_delete, name="scenario_delete"),
    path("gebeurtenissen/nieuw/", views.event_create, name="event_create"),
    path("gebeurtenissen/import/", views.event_import, name="event_import"),
    path("gebeurtenissen/import/<str:job>/", views.import_status, name="import_status"),
    path("gebeurtenissen/<int:gebeurtenis_id>/intrekken/", views.event_withdraw, name="event_withdraw"),
]
