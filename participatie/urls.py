"""Participatie: surveys (vragenlijsten), invite codes, meetings. Built in the participatie issue."""

from django.urls import path

from .views import ambtenaar, bewoner

app_name = "participatie"

urlpatterns = [
    # Residents (no account)
    path("v/<slug:slug>/", bewoner.vragenlijst_start, name="vragenlijst_start"),
    path("v/<slug:slug>/code/", bewoner.vragenlijst_code, name="vragenlijst_code"),
    path("v/<slug:slug>/vragen/<int:pagina>/", bewoner.vragenlijst_pagina, name="vragenlijst_pagina"),
    path("v/<slug:slug>/bedankt/", bewoner.vragenlijst_bedankt, name="vragenlijst_bedankt"),
    # Civil servants
    path("", ambtenaar.overzicht, name="overzicht"),
    path("plan/<int:plan_pk>/", ambtenaar.vragenlijst_list, name="vragenlijst_list"),
    path("plan/<int:plan_pk>/pulsronde/", ambtenaar.pulsronde_create, name="pulsronde_create"),
    path("plan/<int:plan_pk>/bijeenkomst/nieuw/", ambtenaar.bijeenkomst_create, name="bijeenkomst_create"),
    path("vragenlijst/<int:pk>/", ambtenaar.vragenlijst_detail, name="vragenlijst_detail"),
    path("vragenlijst/<int:pk>/status/", ambtenaar.vragenlijst_status, name="vragenlijst_status"),
    path("vragenlijst/<int:pk>/vraag/nieuw/", ambtenaar.vraag_create, name="vraag_create"),
    path("vragenlijst/<int:pk>/codes/", ambtenaar.codes_generate, name="codes_generate"),
    path("vragenlijst/<int:pk>/resultaten/", ambtenaar.vragenlijst_resultaten, name="vragenlijst_resultaten"),
    path("vragenlijst/<int:pk>/antwoorden.csv", ambtenaar.vragenlijst_export, name="vragenlijst_export"),
    path("vraag/<int:pk>/", ambtenaar.vraag_update, name="vraag_update"),
    path("vraag/<int:pk>/verwijderen/", ambtenaar.vraag_delete, name="vraag_delete"),
    path("vraag/<int:pk>/verplaatsen/", ambtenaar.vraag_move, name="vraag_move"),
    path("bijeenkomst/<int:pk>/", ambtenaar.bijeenkomst_update, name="bijeenkomst_update"),
    path("bijeenkomst/<int:pk>/gehouden/", ambtenaar.bijeenkomst_gehouden, name="bijeenkomst_gehouden"),
    path("bijeenkomst/<int:pk>/annuleren/", ambtenaar.bijeenkomst_annuleren, name="bijeenkomst_annuleren"),
]
