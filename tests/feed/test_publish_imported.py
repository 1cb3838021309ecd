"""feed.workflow.publish_imported: a story readers saw on another site goes live at that time; only the
lead photo is waived."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from feed import workflow
from feed.models import Article
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db

THEN = datetime(2019, 5, 4, 10, 30, 15, 123, tzinfo=UTC)


def draft(**kw):
    kw.setdefault("authors", [make_author()])
    return make_article(status=Article.Status.DRAFT, published_at=None, **kw)


def test_published_at_its_original_time_without_a_lead_photo():
    story = draft()
    workflow.publish_imported(article=story, user=make_user("Editor"), at=THEN)
    story.refresh_from_db()
    assert story.is_published and story.lead_photo is None
    assert story.published_at == THEN.replace(microsecond=0)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"summary": ""}, "Write a summary."),
        ({"authors": []}, "Add at least one byline."),
        ({"embargo_until": THEN + timedelta(days=1)}, "under embargo"),
    ],
)
def test_every_other_rule_holds(changes, problem):
    story = draft(**changes)
    with pytest.raises(workflow.EditorialError, match=problem):
        workflow.publish_imported(article=story, user=make_user("Editor"), at=THEN)
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT


def test_a_reporter_cannot_and_a_killed_story_cannot():
    story = draft()
    with pytest.raises(workflow.NotAllowed):
        workflow.publish_imported(article=story, user=make_user("Reporter"), at=THEN)
    killed = make_article(authors=[make_author()], status=Article.Status.KILLED, killed_at=timezone.now())
    with pytest.raises(workflow.EditorialError, match="killed"):
        workflow.publish_imported(article=killed, user=make_user("Editor"), at=THEN)
