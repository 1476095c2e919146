from django.conf import settings

from .constants import Role
from .permissions import roles_of


def site(request):
    roles = roles_of(request)
    return {
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "is_ambtenaar": Role.AMBTENAAR in roles,
        "is_raadslid": Role.RAADSLID in roles,
        "is_beheerder": Role.BEHEERDER in roles,
    }
