"""Three-way merge of a story's fields: the version a form was opened at (base), the version a colleague
saved since (theirs) and what this editor submitted (mine).

A field changed on one side only takes that side; a field changed on both sides the same way is no
conflict. The body merges by paragraph (top-level block), and tags as a set. Only the same field, or
the same paragraphs, changed differently on both sides are conflicts, resolved by a choice per
conflict: "mine", "theirs", or for paragraphs also "both". Pure: no database, no request.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .html import split_blocks

MINE, THEIRS, BOTH = "mine", "theirs", "both"
SIDE_WORDS = {MINE: "yours", THEIRS: "theirs", BOTH: "both"}


@dataclass
class Conflict:
    key: str  # the name of its choice in the form, e.g. "headline" or "body-2"
    label: str
    mine: object
    theirs: object
    choices: tuple = (MINE, THEIRS)

    @property
    def is_paragraphs(self):
        """Paragraphs of the body (lists of HTML blocks), which may also be kept both."""
        return BOTH in self.choices


@dataclass
class Merge:
    values: dict = field(default_factory=dict)  # the merged value of every field without an open conflict
    taken: list = field(default_factory=list)  # what was taken from where, e.g. "headline (theirs)"
    conflicts: list = field(default_factory=list)  # conflicts still waiting for a choice
    set_aside: list = field(default_factory=list)  # (label, value) of the editor's own text they chose against


def merge_story(base, theirs, mine, *, labels, choices=None):
    """Merges three dicts of field values (the same keys; "body" an HTML string, "tags" a list of
    names). `labels` names each field for the editor; `choices` maps a conflict's key to a side."""
    choices = choices or {}
    merge = Merge()
    for name in mine:
        if name == "body":
            _merge_body(merge, base[name], theirs[name], mine[name], choices)
        elif name == "tags":
            merge.values[name] = merge_tags(base[name], theirs[name], mine[name])
        else:
            _merge_field(merge, name, labels.get(name, name), base[name], theirs[name], mine[name], choices)
    return merge


def merge_tags(base, theirs, mine):
    """Tags either side added, less those either side removed; in the order they were written."""
    removed = set(base) - set(theirs) | set(base) - set(mine)
    kept = [tag for tag in [*theirs, *mine] if tag not in removed]
    return list(dict.fromkeys(kept))


def _merge_field(merge, name, label, base, theirs, mine, choices):
    if mine in (theirs, base):
        merge.values[name] = theirs
        if mine != theirs:
            merge.taken.append(f"{label} (theirs)")
    elif theirs == base:
        merge.values[name] = mine
    elif choices.get(name) in (MINE, THEIRS):
        merge.values[name] = mine if choices[name] == MINE else theirs
        merge.taken.append(f"{label} ({SIDE_WORDS[choices[name]]}, as you chose)")
        if choices[name] == THEIRS:
            merge.set_aside.append((label, mine))
    else:
        merge.conflicts.append(Conflict(name, label, mine, theirs))


def _changes(base, other):
    """(start, end, replacement) for each run of base's blocks that `other` changed."""
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlap(start, end, other_start, other_end):
    # Two insertions at the same place overlap too: which goes first is for the editor to say.
    return (start < other_end and other_start < end) or start == end == other_start == other_end


def _clusters(base, theirs, mine):
    """Groups the two sides' changes where they overlap: (start, end, {side: [changes]})."""
    changes = sorted(
        [(*change, THEIRS) for change in _changes(base, theirs)] + [(*change, MINE) for change in _changes(base, mine)],
        key=lambda change: (change[0], change[1]),
    )
    clusters = []
    for start, end, replacement, side in changes:
        if clusters and _overlap(clusters[-1][0], clusters[-1][1], start, end):
            last = clusters[-1]
            last[0], last[1] = min(last[0], start), max(last[1], end)
            last[2].setdefault(side, []).append((start, end, replacement))
        else:
            clusters.append([start, end, {side: [(start, end, replacement)]}])
    return clusters


def _apply(base, start, end, changes):
    """base[start:end] with one side's changes inside that range applied."""
    blocks, position = [], start
    for change_start, change_end, replacement in changes:
        blocks += base[position:change_start] + replacement
        position = change_end
    return blocks + base[position:end]


def _paragraphs(first, count):
    if count <= 1:
        return f"paragraph {first}"
    return f"paragraphs {first}–{first + count - 1}"


def _merge_body(merge, base_html, theirs_html, mine_html, choices):
    base, theirs, mine = (split_blocks(html or "") for html in (base_html, theirs_html, mine_html))
    merged, position, unresolved = [], 0, False
    for number, (start, end, sides) in enumerate(_clusters(base, theirs, mine), start=1):
        merged += base[position:start]
        position = end
        versions = {side: _apply(base, start, end, changes) for side, changes in sides.items()}
        first = len(merged) + 1
        if len(versions) == 1 or versions[MINE] == versions[THEIRS]:
            side, blocks = next(iter(versions.items()))
            if side == THEIRS:  # the editor's own changes go without saying
                where = _paragraphs(first, len(blocks)) if blocks else f"{_paragraphs(start + 1, end - start)} removed"
                merge.taken.append(f"{where} (theirs)")
            merged += blocks
            continue
        key = f"body-{number}"
        choice = choices.get(key)
        if choice not in (MINE, THEIRS, BOTH):
            unresolved = True
            label = f"Body, {_paragraphs(start + 1, max(end - start, 1))}" if end > start else "Body, a new paragraph"
            merge.conflicts.append(Conflict(key, label, versions[MINE], versions[THEIRS], (MINE, THEIRS, BOTH)))
            continue
        blocks = versions[MINE] + versions[THEIRS] if choice == BOTH else versions[choice]
        merge.taken.append(f"{_paragraphs(first, len(blocks))} ({SIDE_WORDS[choice]}, as you chose)")
        if choice == THEIRS:
            merge.set_aside.append((_paragraphs(first, len(blocks)), versions[MINE]))
        merged += blocks
    merged += base[position:]
    if not unresolved:
        merge.values["body"] = "".join(merged)
