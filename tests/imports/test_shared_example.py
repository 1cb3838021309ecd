"""The real export in ../shared/wordpress/ (WordPress's block test data): every item accounted for,
and every imported post's old permalinks answer 301 to its live story."""

import re
from pathlib import Path

import pytest

from feed.models import Article, Redirect
from imports.models import ImportedItem
from imports.wxr import Channel, read_export

from .conftest import save_jpeg

ROOT = Path(__file__).resolve().parents[2]
# ../shared next to the checkout; a git worktree in ../wt/<name> finds it one level further up.
EXAMPLE = next(
    (
        path
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (path := folder / "shared/wordpress/64-block-test-data.xml").exists()
    ),
    ROOT.parent / "shared/wordpress/64-block-test-data.xml",
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not EXAMPLE.exists(), reason=f"the shared example is not at {EXAMPLE}"),
]


def test_the_shared_example_imports_with_every_item_accounted_for(tmp_path, run_import, client):
    items = list(read_export(EXAMPLE, channel := Channel()))
    uploads = tmp_path / "uploads"
    save_jpeg(uploads / "2008/06/windmill.jpg")  # one of its photos; the others are reported missing
    report = run_import(EXAMPLE, "--media-dir", uploads)

    posts = [item for item in items if item.post_type == "post"]
    attachments = [item for item in items if item.post_type == "attachment"]
    others = [item for item in items if item.post_type not in ("post", "attachment")]
    imported = int(re.search(r"Stories imported: (\d+)", report).group(1))
    skipped = int(re.search(r"Skipped: (\d+)", report).group(1))
    assert imported == len(posts) == Article.objects.count()
    assert skipped == len(others)
    assert f"Items read: {len(items)} (attachments among them: {len(attachments)})" in report
    image_attachments = [item for item in attachments if item.attachment_url.endswith(".jpg")]
    photos = int(re.search(r"Photos imported: (\d+)", report).group(1))
    missing = int(re.search(r"Photos not found in the media folder: (\d+)", report).group(1))
    not_images = report.count("not an image: not imported")
    assert photos == 1 and photos + missing == len(image_attachments)
    assert photos + missing + not_images == len(attachments)

    for post in posts:
        article = ImportedItem.objects.get(source=channel.base_url, source_id=post.post_id).article
        assert article.is_published
        old = post.link.removeprefix(channel.base_url)
        if f"its old address {old} is a page of this site" in report:
            assert client.get(old).status_code == 200  # ours, as before the import
            continue
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.get_absolute_url()
        assert client.get(f"/?p={post.post_id}")["Location"] == article.get_absolute_url()
    assert Redirect.objects.count() > len(posts)
    windmill_story = Article.objects.get(slug="image")
    assert windmill_story.lead_photo is not None
