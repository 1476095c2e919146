"""The client's IP address behind the configured number of reverse proxies.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
with `PROXY_COUNT` proxies the client is the `PROXY_COUNT`-th entry from the right; entries
further left were written by the client and are never trusted. Without proxies (or with a
header shorter than the count: a request that bypassed them) it is REMOTE_ADDR. Used for the
login throttle (django-axes, `AXES_CLIENT_IP_CALLABLE`); the address is never stored
elsewhere or logged by this application.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return remote
    chain = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(chain) < count:
        return remote
    return _valid(chain[-count]) or remote
