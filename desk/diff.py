"""What a working copy changes against the saved story, as a short diff for the restore notice."""

import difflib

from feed.html import body_text, sanitize_body, split_blocks
from feed.models import Article

from .models import AUTOSAVED_FIELDS


def _paragraphs(html):
    return [" ".join(body_text(block).split()) for block in split_blocks(html or "")]


def _lines(name, value):
    return _paragraphs(value) if name == "body" else [value]


def working_copy_diff(article, copy):
    """[(field label, [(kind, text)])] for each field the copy changes, kind in {"removed", "added"};
    unchanged paragraphs of the body are left out to keep it short."""
    changes = []
    for name in AUTOSAVED_FIELDS:
        typed = copy.fields.get(name)
        if not isinstance(typed, str):
            continue
        saved = getattr(article, name)
        lines = [
            ({"- ": "removed", "+ ": "added"}[line[:2]], line[2:])
            for line in difflib.ndiff(_lines(name, saved), _lines(name, typed))
            if line[:2] in ("- ", "+ ")
        ]
        if not lines and name == "body" and sanitize_body(typed) != saved:
            lines = [("added", "Changes to formatting or links only")]
        if lines:
            changes.append((Article._meta.get_field(name).verbose_name.capitalize(), lines))
    return changes
