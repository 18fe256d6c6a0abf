"""The translation catalogues in locale/: complete, well-formed and in step with the source.

After adding or changing a string, `make messages` refreshes the catalogues; these tests then
name every entry still to translate.
"""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
#: Plural forms per language (CLDR / GNU gettext): Arabic has six, Russian three, Chinese one.
NPLURALS = {"ar": 6, "zh_Hans": 1, "fr": 2, "ru": 3, "es": 2}
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def catalogue(locale):
    return ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"


def test_every_language_but_english_has_a_catalogue():
    assert sorted(LOCALES) == sorted(NPLURALS)
    assert all(catalogue(locale).is_file() for locale in LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete(locale):
    po = polib.pofile(str(catalogue(locale)))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert (untranslated, fuzzy, bool(po.metadata_is_fuzzy)) == ([], [], False)
    assert po.percent_translated() == 100


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_the_language_plural_forms(locale):
    po = polib.pofile(str(catalogue(locale)))
    header = po.metadata["Plural-Forms"]
    assert re.match(rf"nplurals={NPLURALS[locale]}; plural=", header)
    plurals = [entry for entry in po if entry.msgid_plural]
    assert plurals, "the site has plural messages (the list's result count)"
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == list(range(NPLURALS[locale])), entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    po = polib.pofile(str(catalogue(locale)))
    for entry in po.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A form may spell its number out ("ندوتان") or give it where English says
            # "One" (msgfmt wants it in every form that covers several numbers), but
            # invent nothing.
            wanted |= set(PLACEHOLDER.findall(entry.msgid_plural))
            for text in entry.msgstr_plural.values():
                assert set(PLACEHOLDER.findall(text)) <= wanted, (entry.msgid, text)
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == wanted, entry.msgid


@pytest.mark.parametrize("locale", LOCALES)
def test_msgfmt_check_passes(locale, tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: `make test` installs Debian's gettext"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(catalogue(locale))],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr) == (0, "")


#: What `make messages` does not read (the Makefile's MESSAGES_IGNORE).
NOT_SOURCE = {".venv", "node_modules", "staticfiles", "media", "tests", "scripts", "backups"}


def test_catalogues_hold_every_string_of_the_source(tmp_path, settings, monkeypatch):
    """makemessages over a copy of the French catalogue finds nothing new and nothing gone:
    a string added to a template or to Python without `make messages` fails here.

    It runs in a directory of links to the project's source, so that it writes only the copy.
    """
    for entry in ROOT.iterdir():
        if entry.name not in NOT_SOURCE | {"locale"} and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    copy = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    copy.mkdir(parents=True)
    shutil.copy(catalogue("fr"), copy / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command(
        "makemessages",
        locale=["fr"],
        symlinks=True,
        ignore_patterns=sorted(NOT_SOURCE),
        no_obsolete=True,
        verbosity=0,
    )

    before = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue("fr")))}
    after = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "django.po"))}
    new, gone = sorted(m for _c, m in after - before), sorted(m for _c, m in before - after)
    assert (new, gone) == ([], []), "run `make messages` and translate the new strings"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ar", 0, "لا توجد ندوات (0)"),
        ("ar", 1, "ندوة واحدة (1)"),
        ("ar", 2, "ندوتان (2)"),
        ("ar", 3, "3 ندوات"),
        ("ar", 11, "11 ندوة"),
        ("ar", 100, "100 ندوة"),
        ("ru", 1, "1 вебинар"),
        ("ru", 3, "3 вебинара"),
        ("ru", 5, "5 вебинаров"),
        ("ru", 21, "21 вебинар"),
        ("zh-hans", 7, "7 场网络研讨会"),
        ("fr", 1, "1 webinaire"),
        ("fr", 2, "2 webinaires"),
    ],
)
def test_plural_forms_are_chosen_by_each_languages_rule(language, count, expected):
    from django.utils import translation

    with translation.override(language):
        text = translation.ngettext("%(counter)s webinar", "%(counter)s webinars", count)
    assert text % {"counter": count} == expected
