"""Structured logs: one JSON object a line, saying who did what, through which interface.

Every line carries `time` (UTC), `level`, `logger`, `message` and the context bound for the
work at hand: `request_id` and `interface` (`web`, `worker` or `command`), and for a request
also `actor` (user id and role, `bewoner` for a resident session, `anoniem` otherwise). The
web records each write (every request that is not GET/HEAD/OPTIONS), each refusal (401/403,
a policy denial) and each login, logout and failed login as an `event` line with `action`
(the view's name), `object` (the URL's ids), `result` (the status code, or ok/failed).

Never in a line: an IP address, a query string, a username, an e-mail address, a password,
an invite code or any answer text. Only ids, names of views and status codes are logged;
`core/tests/test_logs.py` runs a resident's and a civil servant's journey and scans every line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from contextvars import ContextVar

from django.contrib.auth import signals as auth_signals

from .constants import Role
from .permissions import roles_of

logger = logging.getLogger("wijkproces.audit")

_context: ContextVar[dict | None] = ContextVar("wijkproces_log_context", default=None)
_DEFAULT = {"interface": "command"}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def context() -> dict:
    return _context.get() or _DEFAULT


def bind(**values):
    """Bind values to every log line of the current request or task; returns a reset token."""
    return _context.set({**context(), **values})


def unbind(token) -> None:
    _context.reset(token)


def event(action: str, *, result, object: dict | None = None, level: int = logging.INFO) -> None:
    """One audit line: what was done, to which ids, with what result (no content, ever)."""
    logger.log(level, action, extra={"event": {"action": action, "object": object or {}, "result": result}})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "log_context", context()),
            **getattr(record, "event", {}),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def _actor(request) -> dict:
    user = getattr(request, "user", None)
    roles = roles_of(request)
    if user is not None and user.is_authenticated:
        return {"user_id": user.pk, "role": ",".join(sorted(r.value for r in roles))}
    return {"role": "bewoner" if Role.RESIDENT in roles else "anoniem"}


class RequestLogMiddleware:
    """Bind a request id and the interface, and record every write and refusal (after auth)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = bind(request_id=request_id, interface="web")
        try:
            response = self.get_response(request)
            denied = getattr(request, "denied_by_access_policy", False) or response.status_code in (401, 403)
            if request.method not in _SAFE_METHODS or denied:
                match = getattr(request, "resolver_match", None)
                action = match.view_name if match else "unresolved"
                object_ids = {k: v for k, v in (match.kwargs if match else {}).items() if isinstance(v, int)}
                bind(actor=_actor(request))
                event(
                    action,
                    object=object_ids,
                    result="denied" if denied else response.status_code,
                    level=logging.WARNING if denied else logging.INFO,
                )
            response["X-Request-ID"] = request_id
            return response
        finally:
            unbind(token)


def _logged_in(sender, request, user, **kwargs):
    bind(actor={"user_id": user.pk})
    event("login", result="ok")


def _logged_out(sender, request, user, **kwargs):
    event("logout", result="ok", object={"user_id": getattr(user, "pk", None)})


def _login_failed(sender, credentials, request=None, **kwargs):
    # The username is not logged: it may be an e-mail address, or a password typed in the
    # wrong field. django-axes counts the failures.
    event("login", result="failed", level=logging.WARNING)


def _install_record_factory() -> None:
    """Stamp each record with the context at the moment it is logged (not when formatted)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "wijkproces", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.log_context = context()
        return record

    factory.wijkproces = True
    logging.setLogRecordFactory(factory)


def connect_signals() -> None:
    _install_record_factory()
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="core.logs.login")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="core.logs.logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="core.logs.login_failed")


def connect_celery(app) -> None:
    """Bind the worker interface and the task id to every line of a task, and log its end."""
    from celery import signals

    tokens: dict[str, object] = {}

    @signals.task_prerun.connect(weak=False)
    def _start(task_id=None, task=None, **kwargs):
        tokens[task_id] = bind(interface="worker", request_id=task_id, task=getattr(task, "name", ""))

    @signals.task_postrun.connect(weak=False)
    def _end(task_id=None, task=None, state=None, **kwargs):
        event(getattr(task, "name", "task"), result=state or "")
        token = tokens.pop(task_id, None)
        if token is not None:
            unbind(token)
