"""Stories for the browser tests."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import make_article, make_author, make_photo, make_section


def newsroom(count=12, section=None):
    """`count` stories an hour apart (newest first), by one author, the newest with a lead photo."""
    section = section or make_section(name="News Feed", slug="news-feed")
    author = make_author(name="Oksana Marchenko", slug="oksana-marchenko")
    now = timezone.now()
    stories = [
        make_article(
            headline=f"Story {n:02d} from the front",
            slug=f"story-{n:02d}",
            section=section,
            published_at=now - timedelta(hours=n),
            authors=[author],
            tags=["Kharkiv"],
            lead_photo=make_photo() if n == 1 else None,
        )
        for n in range(1, count + 1)
    ]
    return stories, author
