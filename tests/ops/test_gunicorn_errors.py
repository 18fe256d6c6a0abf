"""What gunicorn answers by itself, before Django sees a request (issue 9, item 5).

A request line over gunicorn's limit (414), a header over its limit (431) or a request it
cannot parse (400) is answered by gunicorn directly: those responses carry none of the
site's security headers (CSP, HSTS, nosniff, frame denial), and gunicorn has no setting to
add headers to them. The README ("Reverse proxy") says what the proxy adds to them; this
test pins the behaviour that paragraph describes, so a gunicorn upgrade that changes it is
noticed.
"""

import socket

import pytest

pytestmark = pytest.mark.servers

SECURITY_HEADERS = (
    "content-security-policy",
    "strict-transport-security",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
)


def _raw(port, request):
    """Send `request` (bytes) as it is and return (status, {lower-case header: value})."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in head[1:])
    }
    return status, headers


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 431),
        (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n", 400),
    ],
    ids=["414-request-line", "431-header-field", "400-malformed"],
)
def test_gunicorns_own_responses_carry_no_security_headers(instances, request_bytes, expected):
    server = instances[0]
    status, headers = _raw(server.port, request_bytes)
    page_status, page_headers = _raw(
        server.port, f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
    )

    assert status == expected
    assert [name for name in SECURITY_HEADERS if name in headers] == []
    # Django's own responses do carry them: only the proxy can cover gunicorn's.
    assert page_status == 200
    assert {"content-security-policy", "x-content-type-options"} <= set(page_headers)
