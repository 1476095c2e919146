"""Combined pages, at the addresses they always had (printed letters and links keep working)."""

from django.urls import path

from . import views

app_name = "portaal"
urlpatterns = [
    path("plannen/<int:pk>/", views.plan_document, name="plan_document"),
    path("plannen/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("participatie/wijk/<int:plan_pk>/", views.publiek, name="publiek"),
]
