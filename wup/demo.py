"""Demo data of the `wup` app: the demo municipality's wijken and buurten from CBS."""

from django.conf import settings

from .services import cbs_import

CBS_FILE = settings.BASE_DIR / "data" / "provincie_utrecht_buurten_cbs.csv"


def load() -> str:
    result = cbs_import(content=CBS_FILE.read_bytes(), gemeentecode=settings.GEMEENTE_CODE)
    if not result.ok:
        raise RuntimeError("; ".join(str(e) for e in result.errors[:5]))
    return (
        f"{len(result.rows)} buurten ({result.buurten_new} new, {result.buurten_updated} updated), "
        f"{result.wijken_new} new wijken"
    )
