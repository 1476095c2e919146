from django.conf import settings

from .constants import Role
from .permissions import roles_of
from .two_factor import two_factor_pending


def site(request):
    roles = roles_of(request)
    # Before its second factor an account sees no menu: every page but the 2FA step sends it back.
    pending = two_factor_pending(request)
    return {
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "two_factor_pending": pending,
        "is_ambtenaar": Role.AMBTENAAR in roles and not pending,
        "is_raadslid": Role.RAADSLID in roles and not pending,
        "is_beheerder": Role.BEHEERDER in roles and not pending,
    }
