"""WhiteNoise alone: the ceiling `make bench` measures the site against.

A WSGI app that is only `WhiteNoise(not_found, root=STATIC_ROOT)`: no Django, no middleware,
the same collected files. `gunicorn --pythonpath scripts static_ceiling` with STATIC_ROOT in
the environment (scripts/bench.py starts it under the same gunicorn settings as the site).
"""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"Not found\n"]


application = WhiteNoise(not_found, root=os.environ["DJANGO_STATIC_ROOT"], prefix="static/")
