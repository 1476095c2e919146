"""Combined pages, at the addresses they always had (printed letters and links keep working)."""

from django.urls import path

from . import views

app_name = "portaal"
urlpatterns = [
    path("plannen/<int:pk>/", views.plan_document, name="plan_document"),
    path("plannen/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("plannen/<int:pk>/versies/<int:nummer>/", views.plan_versie, name="plan_versie"),
    path("plannen/<int:pk>/versies/<int:nummer>/pdf/", views.plan_versie_pdf, name="plan_versie_pdf"),
    path("plannen/<int:pk>/vergelijken/", views.plan_vergelijken, name="plan_vergelijken"),
    path("participatie/wijk/<int:plan_pk>/", views.publiek, name="publiek"),
    path("participatie/wijk/<int:plan_pk>/plan.pdf", views.publiek_pdf, name="publiek_pdf"),
    path("participatie/wijk/<int:plan_pk>/agenda.ics", views.agenda_publiek, name="agenda_publiek"),
    # The parties' feed: the token is the key (portaal.models.AgendaToken), policy `token`.
    path("agenda/<str:token>.ics", views.agenda_partijen, name="agenda_partijen"),
    path("plannen/<int:pk>/agenda-links/", views.agenda_tokens, name="agenda_tokens"),
    path(
        "plannen/<int:pk>/agenda-links/<int:token_pk>/intrekken/",
        views.agenda_token_revoke,
        name="agenda_token_revoke",
    ),
]
