"""Imports run one way: `common` uses none of the site's apps, and the speakers' models do
not use events (the events rule reaches the speaker pages as an argument)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUR_APPS = {"events", "speakers", "timezones", "httpcache", "ops", "webinar_site"}


def imported_packages(path):
    """The top-level package of every absolute import in the Python file `path` (a set)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path", sorted((ROOT / "common").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_common_imports_none_of_our_apps(path):
    assert imported_packages(path) & OUR_APPS == set()


@pytest.mark.parametrize("module", ["models.py", "photos.py", "admin.py"])
def test_speaker_models_do_not_import_events(module):
    assert "events" not in imported_packages(ROOT / "speakers" / module)
