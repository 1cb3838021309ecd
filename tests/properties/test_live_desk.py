"""The live desk's forms posted with hostile values by an editor: never a server error, and never
half-saved: either the change goes through (a redirect) or nothing in the database changes."""

from django.contrib.admin.models import LogEntry
from hypothesis import given
from hypothesis import strategies as st

from feed.models import Article
from live import services
from live.models import LiveUpdate, UpdateCorrection
from tests.properties.conftest import CLIENT_ERRORS, SUCCESSES, check, rolled_back
from tests.properties.strategies import encode_pairs, fuzz, path_segments, values


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Article, LiveUpdate, LiveUpdate.authors.through, UpdateCorrection, LogEntry)
    ]


def live_story_with_an_update(world):
    story = world.articles[0]
    Article.objects.filter(pk=story.pk).update(live_coverage=True)
    story.refresh_from_db()
    return story, services.post_update(article=story, user=world.editor, body="<p>Sirens.</p>")


@st.composite
def update_posts(draw, world):
    ids = [str(world.photo.pk), str(world.articles[1].pk), str(world.draft.pk)]
    fields = {
        "headline": values("Explosions heard"),
        "body": values("<p>Calm.</p>", "<script>alert(1)</script>", ""),
        "text": values("Calm.\n\nAgain.", ""),
        "photo": values(*ids),
        "photo_caption": values("Smoke"),
        "linked_story": values(*ids),
        "pinned": values("on", "1"),
        "from_desk": values("1"),
        "pinned ": values("on"),
        "text_": values("x"),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=6, unique=True))
    return encode_pairs([(name, draw(fields[name])) for name in chosen])


@fuzz
@given(data=st.data(), action=st.sampled_from(["post", "edit", "correct", "pin", "delete", "coverage"]))
def test_live_desk_forms_with_hostile_values(client, world, data, action):
    client.force_login(world.editor)
    with rolled_back():
        story, update = live_story_with_an_update(world)
        urls = {
            "post": f"/admin/live/{story.pk}/post/",
            "edit": f"/admin/live/{story.pk}/updates/{update.pk}/edit/",
            "correct": f"/admin/live/{story.pk}/updates/{update.pk}/correct/",
            "pin": f"/admin/live/{story.pk}/updates/{update.pk}/pin/",
            "delete": f"/admin/live/{story.pk}/updates/{update.pk}/delete/",
            "coverage": f"/admin/live/{story.pk}/coverage/{data.draw(path_segments('end', 'reopen'))}/",
        }
        before = snapshot()
        body = data.draw(update_posts(world))
        # 409: a refusal by live.services or feed.workflow (coverage ended, a second "end").
        response = check(
            client.post(urls[action], body, content_type="application/x-www-form-urlencoded"),
            SUCCESSES | CLIENT_ERRORS | {409},
        )
        if response.status_code != 302:
            assert snapshot() == before, "a refused form changed the database"


@fuzz
@given(
    story_id=path_segments("1", "2"),
    update_id=path_segments("1", "2"),
    page=st.sampled_from(["", "edit/", "correct/", "delete/"]),
)
def test_live_desk_addresses_with_any_ids(client, world, story_id, update_id, page):
    client.force_login(world.editor)
    with rolled_back():
        live_story_with_an_update(world)
        address = f"/admin/live/{story_id}/" + (f"updates/{update_id}/{page}" if page else "")
        check(client.get(address), {400} if "%00" in address else {200, 301, 302, 400, 403, 404})
