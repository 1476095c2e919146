"""A Redis that stalls must not stall the site.

Redis carries the cache (rate limits, coalescing keys, import progress) and the Celery broker;
none of it is needed to answer a request. Each call from a request goes through here:

- `call(fn, fallback=...)`: a cache call (the cache's own socket timeouts are 0.5 s). When it
  fails, the fallback is returned and the breaker opens.
- `enqueue(fn)`: a task publish, waited for at most ENQUEUE_WAIT seconds in a small thread pool
  (the publish goes on in the background); a failure or timeout raises `RedisUnavailable` and
  opens the breaker.
- While the breaker is open (BREAK_SECONDS after a failure, per process) both skip Redis at once:
  a stalled or stopped Redis costs one request at most ENQUEUE_WAIT or one socket timeout, and
  the others nothing. What was skipped is caught up by the periodic reconcile (recomputes)
  or refused with a message (a large import).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

BREAK_SECONDS = 10.0
ENQUEUE_WAIT = 0.5

_lock = threading.Lock()
_down_until = 0.0
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="redis-enqueue")


class RedisUnavailable(Exception):
    """Redis did not answer in time (or recently failed): the call was not (known to be) done."""


def available() -> bool:
    return time.monotonic() >= _down_until


def _open(what: str) -> None:
    global _down_until
    with _lock:
        _down_until = time.monotonic() + BREAK_SECONDS
    logger.warning("redis: %s failed; skipping Redis for %.0f s in this process", what, BREAK_SECONDS)


def reset() -> None:
    """Close the breaker (tests, and nothing else)."""
    global _down_until
    with _lock:
        _down_until = 0.0


def call(fn: Callable[[], T], *, fallback: T, what: str) -> T:
    """Run one cache call; on failure, or while the breaker is open, return `fallback`."""
    if not available():
        return fallback
    try:
        return fn()
    except Exception:  # noqa: BLE001 - Redis is optional for every request
        _open(what)
        logger.debug("redis: %s", what, exc_info=True)
        return fallback


def enqueue(fn: Callable[[], T], *, what: str) -> T:
    """Publish a task, waiting at most ENQUEUE_WAIT seconds; raise RedisUnavailable otherwise."""
    if not available():
        raise RedisUnavailable(f"{what}: Redis recently failed")
    future = _pool.submit(fn)
    try:
        return future.result(timeout=ENQUEUE_WAIT)
    except FutureTimeout as exc:
        _open(what)
        raise RedisUnavailable(f"{what}: no answer within {ENQUEUE_WAIT} s (left to finish)") from exc
    except Exception as exc:
        _open(what)
        raise RedisUnavailable(f"{what}: {exc}") from exc
