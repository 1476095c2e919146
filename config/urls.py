from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Wijkproces: functioneel beheer"
admin.site.site_title = "Wijkproces beheer"

# 503 "temporarily unavailable" when the database is down, else the 500 page (core/views.py).
handler500 = "core.views.server_error"

urlpatterns = [
    path("", include("core.urls")),
    # Combined pages (plan document, PDF, public page) before the apps whose prefixes they share.
    path("", include("portaal.urls")),
    path("plannen/", include("wup.urls")),
    path("routekaart/", include("routekaart.urls")),
    path("participatie/", include("participatie.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("beheer/", admin.site.urls),
]
