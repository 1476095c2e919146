"""System check: every URL pattern's view declares an access policy (default deny)."""

from django.core import checks
from django.urls import URLPattern, URLResolver, get_resolver

from .permissions import policy_of


def iter_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """Yield (route, full name, namespace, callback) for every URL pattern, recursively."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, namespace, entry.callback


@checks.register(checks.Tags.security)
def check_access_policies(app_configs, **kwargs):
    errors = []
    for route, name, namespace, callback in iter_patterns():
        if policy_of(callback, namespace) is None:
            errors.append(
                checks.Error(
                    f"URL {route!r} ({name}) has no access policy.",
                    hint="Decorate the view with @access(...) or set access_policy.",
                    id="core.E001",
                )
            )
    return errors
