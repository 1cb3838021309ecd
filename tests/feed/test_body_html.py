from feed.html import reading_minutes, sanitize_body, split_blocks, word_count


def test_blocks_are_the_top_level_elements():
    body = "<p>One</p>\n<blockquote><p>Two</p></blockquote><ul><li>Three</li></ul><h2>Four</h2>"
    assert split_blocks(body) == [
        "<p>One</p>",
        "<blockquote><p>Two</p></blockquote>",
        "<ul><li>Three</li></ul>",
        "<h2>Four</h2>",
    ]


def test_loose_inline_content_becomes_one_paragraph():
    body = 'Kyiv <em>said</em> no.<br>Then more.<p>Block</p>tail <a href="https://example.org/">link</a>'
    assert split_blocks(body) == [
        "<p>Kyiv <em>said</em> no.<br>Then more.</p>",
        "<p>Block</p>",
        '<p>tail <a href="https://example.org/">link</a></p>',
    ]


def test_unicode_line_separators_do_not_corrupt_blocks():
    body = "<p>a\u2028\nb</p>\n<p>c\x85d</p>\n<p>e</p>"
    assert split_blocks(body) == ["<p>a\u2028\nb</p>", "<p>c\x85d</p>", "<p>e</p>"]


def test_sanitiser_keeps_story_markup_and_drops_the_rest():
    body = sanitize_body(
        '<h2>Sub</h2><p style="color:red" onclick="x()">Hi <a href="javascript:alert(1)">bad</a> '
        '<a href="https://example.org/">good</a></p><script>alert(1)</script><iframe src="//x"></iframe>'
    )
    assert body == (
        '<h2>Sub</h2><p>Hi <a rel="noopener noreferrer">bad</a> '
        '<a href="https://example.org/" rel="noopener noreferrer">good</a></p>'
    )


def test_words_are_counted_across_tags_and_entities():
    assert word_count("<p>Kyiv&nbsp;said</p><p>no</p>") == 3
    assert word_count("<p>one</p><p>two</p>") == 2
    assert reading_minutes("") == 1
