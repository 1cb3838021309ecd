"""The Ukrainian catalogue (locale/uk/LC_MESSAGES/django.po) is complete and current: every string the code
marks for translation is in it, translated, not fuzzy, with the same placeholders; and nothing in it is
a string the code no longer has. `make messages` then a translator's pass fixes any of these (docs/translations.md)."""

import re
import shlex
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "locale" / "uk" / "LC_MESSAGES" / "django.po"


def makefile_value(name):
    """A variable of the Makefile, so that this test extracts exactly what `make messages` does."""
    found = re.search(rf"^{name} := (.*)$", (BASE / "Makefile").read_text(), re.MULTILINE)
    return shlex.split(found.group(1))


@pytest.fixture(scope="module")
def catalogue():
    with CATALOGUE.open("rb") as source:
        return read_po(source, locale="uk")


@pytest.fixture(scope="module")
def in_the_code():
    with (BASE / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")
    keywords = dict(DEFAULT_KEYWORDS)
    keywords |= {"gettext_lazy": None, "ngettext_lazy": (1, 2), "pgettext_lazy": ((1, "c"), 2)}
    found = set()
    for folder in makefile_value("MESSAGE_SOURCES"):
        for _filename, _line, message, _comments, _context in extract_from_dir(
            BASE / folder, method_map, options_map, keywords=keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def entries(catalogue):
    return [message for message in catalogue if message.id]


def test_the_catalogue_is_for_ukrainian_with_its_three_plural_forms(catalogue):
    assert str(catalogue.locale) == "uk"
    assert not catalogue.fuzzy  # a fuzzy header makes the whole catalogue be skipped when compiled
    assert catalogue.num_plurals == 3


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    untranslated = [
        message.id
        for message in entries(catalogue)
        if message.fuzzy
        or not (all(message.string) if isinstance(message.string, tuple | list) else message.string.strip())
    ]
    assert untranslated == []
    assert len(entries(catalogue)) > 100


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_every_translation_keeps_the_placeholders_of_its_original(catalogue):
    """Babel's own check lets a translation leave every placeholder out; a page would then lose its value."""
    problems = []
    for message in entries(catalogue):
        originals = message.id if isinstance(message.id, tuple | list) else [message.id]
        translations = message.string if isinstance(message.string, tuple | list) else [message.string]
        wanted = set(PLACEHOLDER.findall(originals[0])) | set(PLACEHOLDER.findall(originals[-1]))
        problems += [(message.id, text) for text in translations if set(PLACEHOLDER.findall(text)) != wanted]
    assert problems == []
    assert [(message.id, errors) for message, errors in catalogue.check() if errors] == []


def test_the_catalogue_holds_every_string_of_the_code_and_no_other(catalogue, in_the_code):
    in_the_catalogue = {message.id if isinstance(message.id, str) else message.id[0] for message in entries(catalogue)}
    assert sorted(in_the_code - in_the_catalogue) == [], "strings to translate: run `make messages`"
    assert sorted(in_the_catalogue - in_the_code) == [], "strings no longer in the code: run `make messages`"
