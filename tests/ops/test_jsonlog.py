import json
import logging
import sys

from django.test import RequestFactory

from ops.jsonlog import JSONFormatter


def _record(name="webinar", msg="hello %s", args=("world",), exc_info=None, **extra):
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_json_formatter_writes_one_line_with_standard_fields_and_extras():
    line = JSONFormatter().format(_record(msg="Réunion\n%s", args=("سلام",), status_code=503))
    entry = json.loads(line)

    assert "\n" not in line
    assert entry["time"].endswith("Z")
    assert {k: v for k, v in entry.items() if k != "time"} == {
        "level": "WARNING",
        "logger": "webinar",
        "message": "Réunion\nسلام",
        "status_code": 503,
    }


def test_json_formatter_includes_traceback_of_exception():
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        record = _record(exc_info=sys.exc_info())

    entry = json.loads(JSONFormatter().format(record))

    assert entry["exc_info"].splitlines()[-1] == "ZeroDivisionError: division by zero"


def test_json_formatter_turns_request_and_objects_into_json():
    request = RequestFactory().get("/events/?page=2")

    entry = json.loads(JSONFormatter().format(_record(request=request, thing=object)))

    assert entry["request"] == {"method": "GET", "path": "/events/?page=2"}
    assert entry["thing"] == "<class 'object'>"


def test_json_formatter_gives_gunicorn_access_atoms_as_fields():
    atoms = {
        "h": "127.0.0.1", "m": "GET", "U": "/events/", "q": "page=2", "s": "200",
        "B": 2087, "M": 41, "a": "curl/7.88.1", "f": "-", "r": "GET /events/?page=2 HTTP/1.1",
    }  # fmt: skip
    record = _record(name="gunicorn.access", msg='%(h)s "%(r)s" %(s)s', args=(atoms,))

    entry = json.loads(JSONFormatter().format(record))

    assert {k: v for k, v in entry.items() if k != "time"} == {
        "level": "WARNING",
        "logger": "gunicorn.access",
        "message": "request",
        "remote_addr": "127.0.0.1",
        "method": "GET",
        "path": "/events/",
        "query": "page=2",
        "status": 200,
        "bytes": 2087,
        "duration_ms": 41,
        "user_agent": "curl/7.88.1",
    }
