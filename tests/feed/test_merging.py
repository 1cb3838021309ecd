"""feed.merging: three-way merges of a story's fields, its body by paragraph and its tags."""

from feed.merging import BOTH, MINE, THEIRS, merge_story

LABELS = {"headline": "Headline", "summary": "Summary"}


def story(headline="Fire in Lviv", summary="A fire.", body="<p>One.</p><p>Two.</p><p>Three.</p>", tags=("Lviv",)):
    return {"headline": headline, "summary": summary, "body": body, "tags": list(tags)}


def merge(base, theirs, mine, choices=None):
    return merge_story(base, theirs, mine, labels=LABELS, choices=choices)


def test_different_fields_take_each_sides_change():
    result = merge(story(), story(headline="Fire in Lviv: two hurt"), story(summary="A warehouse fire."))
    assert result.conflicts == []
    assert result.values["headline"] == "Fire in Lviv: two hurt"
    assert result.values["summary"] == "A warehouse fire."
    assert result.taken == ["Headline (theirs)"]


def test_the_same_change_on_both_sides_is_no_conflict():
    result = merge(story(), story(headline="New"), story(headline="New"))
    assert result.conflicts == [] and result.values["headline"] == "New" and result.taken == []


def test_the_same_field_changed_differently_waits_for_a_choice():
    result = merge(story(), story(headline="Theirs"), story(headline="Mine"))
    [conflict] = result.conflicts
    assert (conflict.key, conflict.mine, conflict.theirs) == ("headline", "Mine", "Theirs")
    assert "headline" not in result.values
    chosen = merge(story(), story(headline="Theirs"), story(headline="Mine"), {"headline": THEIRS})
    assert chosen.conflicts == [] and chosen.values["headline"] == "Theirs"
    assert chosen.taken == ["Headline (theirs, as you chose)"]
    assert chosen.set_aside == [("Headline", "Mine")]


def test_different_paragraphs_merge():
    theirs = story(body="<p>One, edited.</p><p>Two.</p><p>Three.</p>")
    mine = story(body="<p>One.</p><p>Two.</p><p>Three, mine.</p>")
    result = merge(story(), theirs, mine)
    assert result.conflicts == []
    assert result.values["body"] == "<p>One, edited.</p><p>Two.</p><p>Three, mine.</p>"
    assert result.taken == ["paragraph 1 (theirs)"]


def test_a_paragraph_inserted_on_one_side_and_another_deleted_on_the_other():
    theirs = story(body="<p>One.</p><p>New.</p><p>Two.</p><p>Three.</p>")
    mine = story(body="<p>One.</p><p>Two.</p>")
    result = merge(story(), theirs, mine)
    assert result.conflicts == []
    assert result.values["body"] == "<p>One.</p><p>New.</p><p>Two.</p>"
    assert result.taken == ["paragraph 2 (theirs)"]


def test_a_paragraph_deleted_by_them_is_said():
    result = merge(story(), story(body="<p>One.</p><p>Three.</p>"), story(summary="Mine."))
    assert result.values["body"] == "<p>One.</p><p>Three.</p>"
    assert result.taken == ["paragraph 2 removed (theirs)"]


def test_the_same_paragraph_changed_differently_offers_mine_theirs_or_both():
    theirs = story(body="<p>One.</p><p>Two, theirs.</p><p>Three.</p>")
    mine = story(body="<p>One.</p><p>Two, mine.</p><p>Three.</p>")
    result = merge(story(), theirs, mine)
    [conflict] = result.conflicts
    assert conflict.mine == ["<p>Two, mine.</p>"] and conflict.theirs == ["<p>Two, theirs.</p>"]
    assert conflict.choices == (MINE, THEIRS, BOTH)
    assert "body" not in result.values
    for choice, middle in [
        (MINE, "<p>Two, mine.</p>"),
        (THEIRS, "<p>Two, theirs.</p>"),
        (BOTH, "<p>Two, mine.</p><p>Two, theirs.</p>"),
    ]:
        chosen = merge(story(), theirs, mine, {conflict.key: choice})
        assert chosen.values["body"] == f"<p>One.</p>{middle}<p>Three.</p>"
        assert chosen.set_aside == ([("paragraph 2", ["<p>Two, mine.</p>"])] if choice == THEIRS else [])


def test_two_insertions_at_the_same_place_are_a_conflict():
    theirs = story(body="<p>One.</p><p>Two.</p><p>Three.</p><p>Theirs.</p>")
    mine = story(body="<p>One.</p><p>Two.</p><p>Three.</p><p>Mine.</p>")
    result = merge(story(), theirs, mine)
    assert [conflict.label for conflict in result.conflicts] == ["Body, a new paragraph"]
    both = merge(story(), theirs, mine, {"body-1": BOTH})
    assert both.values["body"].endswith("<p>Three.</p><p>Mine.</p><p>Theirs.</p>")


def test_tags_merge_as_a_set():
    base = story(tags=["Lviv", "Fire"])
    theirs = story(tags=["Lviv", "Fire", "Ukraine"])
    mine = story(tags=["Lviv", "Rescue"])  # removed Fire, added Rescue
    assert merge(base, theirs, mine).values["tags"] == ["Lviv", "Ukraine", "Rescue"]
