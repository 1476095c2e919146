from django.urls import path

from . import views

app_name = "routekaart"

urlpatterns = [
    path("plan/<int:pk>/", views.routekaart, name="routekaart"),
    path("plan/<int:pk>/rol/", views.routekaart_opslaan, name="routekaart_opslaan"),
    path("plan/<int:pk>/fasen/", views.fasen_voorstel, name="fasen_voorstel"),
    path("plan/<int:pk>/tijdlijn/", views.tijdlijn, name="tijdlijn"),
    path("plan/<int:pk>/afspraken/", views.afspraken_matrix, name="afspraken_matrix"),
    path("plan/<int:pk>/<slug:soort>/toevoegen/", views.item_add, name="item_add"),
    path("plan/<int:pk>/<slug:soort>/<int:item_pk>/wijzigen/", views.item_edit, name="item_edit"),
    path("plan/<int:pk>/<slug:soort>/<int:item_pk>/verwijderen/", views.item_delete, name="item_delete"),
    path(
        "plan/<int:pk>/<slug:soort>/<int:item_pk>/verschuiven/", views.prognose_verschuiven, name="prognose_verschuiven"
    ),
    path("plan/<int:pk>/<slug:soort>/<int:item_pk>/afronden/", views.afronden, name="afronden"),
]
