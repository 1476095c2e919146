"""Demo data of the `dashboard` app (a year of events)."""


def load() -> str:
    return "nothing yet"
