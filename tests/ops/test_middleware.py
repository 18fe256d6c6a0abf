import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from ops.middleware import DatabaseUnavailableMiddleware
from tests.html_tags import texts


def _middleware():
    return DatabaseUnavailableMiddleware(lambda request: None)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_database_error_in_view_becomes_503_with_retry_after(error, caplog):
    request = RequestFactory().get("/events/")

    response = _middleware().process_exception(request, error)

    assert (response.status_code, response["Retry-After"]) == (503, "10")
    assert "no-store" in response["Cache-Control"]
    assert texts(response.content, "h1") == ["Temporarily unavailable"]
    assert [r.levelname for r in caplog.records if r.name == "ops.middleware"] == ["ERROR"]


def test_other_errors_are_left_to_django(caplog):
    request = RequestFactory().get("/events/")

    assert _middleware().process_exception(request, ValueError("bug")) is None


def test_database_unavailable_middleware_is_installed_innermost(settings):
    assert settings.MIDDLEWARE[-1] == "ops.middleware.DatabaseUnavailableMiddleware"
