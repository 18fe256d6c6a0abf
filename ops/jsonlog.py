"""One JSON object per log line, for log collectors (Loki, CloudWatch, journald, ELK...).

`JSONFormatter` turns a `logging.LogRecord` into a single line such as

    {"time": "2026-11-02T10:15:03.412Z", "level": "INFO", "logger": "django.request",
     "message": "...", "status_code": 404}

Fields: `time` (UTC, ISO 8601, milliseconds), `level`, `logger`, `message`, `exc_info`
(the formatted traceback) when there is one, and every `extra=` attribute the caller
passed that JSON can hold (others are written with `repr()`; Django's `request` becomes
its method and path). Gunicorn's access log records are recognised by their logger name
`gunicorn.access` and written as fields (`remote_addr`, `method`, `path`, `query`,
`status`, `bytes`, `duration_ms`, `user_agent`, `referer`) instead of one text line.
"""

import datetime
import json
import logging

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime"}
)

# Gunicorn access-log atoms (see gunicorn.glogging.Logger.atoms) and the names we give them.
_ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
    "f": "referer",
}


def _jsonable(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "method") and hasattr(value, "get_full_path"):  # an HttpRequest
        return {"method": value.method, "path": value.get_full_path()}
    return repr(value)


class JSONFormatter(logging.Formatter):
    """Format each record as one line of JSON (see the module docstring for the fields)."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            entry.update(self._access_fields(record.args))
        else:
            entry["message"] = record.getMessage()
        for name, value in vars(record).items():
            if name not in _RECORD_ATTRIBUTES and name not in entry:
                entry[name] = _jsonable(value)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=repr)

    @staticmethod
    def _access_fields(atoms):
        fields = {}
        for atom, name in _ACCESS_FIELDS.items():
            value = atoms.get(atom)
            if value in (None, "-", ""):
                continue
            if name == "status":
                value = int(value) if str(value).isdigit() else value
            fields[name] = value
        return fields
