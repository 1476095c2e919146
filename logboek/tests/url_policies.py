"""The `logboek` app has no URLs of its own (events are logged through dashboard's pages)."""

POLICIES: dict[str, str] = {}
SAMPLE_KWARGS: dict = {}
