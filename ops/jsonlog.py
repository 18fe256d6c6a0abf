"""One JSON object per log line, for log collectors (Loki, CloudWatch, journald, ELK...).

python-json-logger does the work (extras, tracebacks, serialisation); `JSONFormatter`
only fixes the field names and formats, so that a line reads

    {"time": "2026-11-02T10:15:03.412Z", "level": "INFO", "logger": "django.request",
     "message": "...", "status_code": 404}

Fields: `time` (UTC, ISO 8601, milliseconds), `level`, `logger`, `message`, `exc_info`
(the formatted traceback) when there is one, and every `extra=` attribute the caller
passed (values JSON cannot hold are written with `repr()`; Django's `request` becomes its
method and path). Gunicorn's access log records are recognised by their logger name
`gunicorn.access` and written as fields (`remote_addr`, `method`, `path`, `query`,
`status`, `bytes`, `duration_ms`, `user_agent`, `referer`) instead of one text line.
"""

import time

from pythonjsonlogger.json import JsonFormatter

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
    """json.dumps' `default`: an HttpRequest as its method and path, anything else repr()."""
    if hasattr(value, "method") and hasattr(value, "get_full_path"):
        return {"method": value.method, "path": value.get_full_path()}
    return repr(value)


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


class JSONFormatter(JsonFormatter):
    """Format each record as one line of JSON (see the module docstring for the fields).
    Takes python-json-logger's keyword arguments; the defaults give the fields above."""

    # "2026-11-02T10:15:03.412Z": logging.Formatter.formatTime in UTC with milliseconds.
    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "{asctime}{levelname}{name}{message}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("json_default", _jsonable)
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            log_data["message"] = "request"
            log_data.update(_access_fields(record.args))
