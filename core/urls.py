from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("twee-factor/", views.two_factor_overview, name="two_factor"),
    path("twee-factor/instellen/", views.two_factor_setup, name="two_factor_setup"),
    path("twee-factor/controleren/", views.two_factor_verify, name="two_factor_verify"),
    path("twee-factor/herstelcodes/", views.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("health/", views.health, name="health"),
    path("thema.css", views.theme_css, name="theme_css"),
    path("favicon.ico", views.favicon, name="favicon"),
]
