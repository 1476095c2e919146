"""The routekaart app is registered and namespaced; its screens come with the routekaart issue."""

from django.apps import apps
from django.urls import get_resolver


def test_routekaart_app_is_installed_and_namespaced():
    assert apps.is_installed("routekaart")
    assert "routekaart" in get_resolver().namespace_dict
