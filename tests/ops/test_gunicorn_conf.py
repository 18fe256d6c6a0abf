import multiprocessing
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


def test_gunicorn_conf_defaults(monkeypatch):
    conf = _load(monkeypatch)

    assert conf["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert (conf["bind"], conf["threads"], conf["timeout"]) == ("127.0.0.1:8000", 64, 30)
    assert conf["worker_class"] == "gthread"
    assert (conf["accesslog"], conf["errorlog"]) == ("-", "-")
    assert conf["control_socket_disable"] is True


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
    assert cfg.workers == multiprocessing.cpu_count() * 2 + 1
