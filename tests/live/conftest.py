import pytest

from tests.factories import make_author, make_ready_article, make_user


@pytest.fixture
def editor():
    return make_user("Editor", first_name="Olena", last_name="Editor")


@pytest.fixture
def live_reporter():
    """A reporter on the live story's byline, so one who may post to it."""
    return make_user("Reporter", author=make_author(name="Taras Reporter"))


@pytest.fixture
def live_story(live_reporter):
    return make_ready_article(
        headline="Strikes on Kyiv overnight", live_coverage=True, authors=[live_reporter.author_profile]
    )
