"""gunicorn.conf.py is read by gunicorn: every name it sets must be a gunicorn setting
(a misspelt one would be ignored without a word), and the environment overrides it."""

import runpy

from gunicorn.config import Config

from .servers import BASE_DIR

CONF = str(BASE_DIR / "gunicorn.conf.py")


def _load(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_THREADS", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(CONF)
    return {k: v for k, v in namespace.items() if not k.startswith("_") and k.islower()}


def test_gunicorn_conf_reads_environment(monkeypatch):
    conf = _load(
        monkeypatch, WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:8080", GUNICORN_TIMEOUT="60"
    )

    assert (conf["workers"], conf["bind"], conf["timeout"]) == (3, "0.0.0.0:8080", 60)


def test_gunicorn_conf_sets_only_valid_gunicorn_settings(monkeypatch):
    conf = _load(monkeypatch)
    cfg = Config()
    settings = {k: v for k, v in conf.items() if k not in ("os", "multiprocessing")}

    unknown = sorted(set(settings) - set(cfg.settings))
    for name, value in settings.items():
        if name in cfg.settings:
            cfg.set(name, value)  # runs gunicorn's validator; raises on a bad value

    assert unknown == []
