"""Demo data of the `participatie` app (surveys, responses, meetings)."""


def load() -> str:
    return "nothing yet"
