"""The permission matrix: each role, each action, on their own things and on others'."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feed import roles
from feed.models import Article
from media.models import Photo
from tests.factories import (
    article_form_data,
    image_file,
    make_article,
    make_author,
    make_credit,
    make_photo,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["Reporter", "Editor", "Bio manager", "staff with a profile"]


def permission_codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_a_migrated_database_has_each_role_with_exactly_the_permissions_of_feed_roles():
    """The test database is made by the migrations, whose roles are 0003's own copy. When this fails after
    a change to feed/roles.py, new databases need the change too: a data migration with its own copy."""
    groups = {group.name: permission_codes(group) for group in Group.objects.filter(name__in=roles.ROLES)}
    assert groups == {role: set(codes) for role, codes in roles.ROLES.items()}


def test_permissions_the_roles_migration_made_are_named_as_django_names_them():
    for permission in Permission.objects.filter(group__isnull=False).select_related("content_type").distinct():
        model = permission.content_type.model_class()
        action = permission.codename.removesuffix(f"_{model._meta.model_name}")
        expected = dict(model._meta.permissions).get(permission.codename) or f"Can {action} {model._meta.verbose_name}"
        assert permission.name == expected


def test_sync_roles_gives_each_role_exactly_its_permissions_now(monkeypatch):
    changed = {
        "Reporter": [code for code in roles.ROLES["Reporter"] if code != "media.add_photo"] + ["feed.add_section"],
        "Editor": roles.ROLES["Editor"],
        "Fact checker": ["feed.view_article", "feed.add_correction"],
    }
    monkeypatch.setattr(roles, "ROLES", changed)
    output = io.StringIO()
    call_command("sync_roles", stdout=output)
    assert permission_codes(Group.objects.get(name="Reporter")) == set(changed["Reporter"])
    assert permission_codes(Group.objects.get(name="Fact checker")) == set(changed["Fact checker"])
    assert permission_codes(Group.objects.get(name="Editor")) == set(changed["Editor"])
    assert output.getvalue().splitlines() == [
        "Reporter: 1 permission(s) added, 1 removed.",
        "Editor: 0 permission(s) added, 0 removed.",
        "Fact checker: 2 permission(s) added, 0 removed.",
    ]


def test_sync_roles_refuses_a_permission_that_does_not_exist_and_changes_nothing(monkeypatch):
    before = permission_codes(Group.objects.get(name="Reporter"))
    monkeypatch.setattr(roles, "ROLES", {"Reporter": ["feed.view_article"], "Intern": ["feed.fly_article"]})
    with pytest.raises(CommandError, match=r"No such permission: feed\.fly_article"):
        call_command("sync_roles")
    assert permission_codes(Group.objects.get(name="Reporter")) == before
    assert not Group.objects.filter(name="Intern").exists()


def test_roles_exist_with_their_permissions():
    perms = {group.name: {p.codename for p in group.permissions.all()} for group in Group.objects.all()}
    assert {"add_article", "change_article"} <= perms["Reporter"]
    assert "publish_article" not in perms["Reporter"]
    assert "change_any_article" not in perms["Reporter"]
    assert {"publish_article", "change_any_article", "change_photo", "change_photocredit"} <= perms["Editor"]
    assert {"add_author", "change_author"} <= perms["Bio manager"]
    assert not {p for p in perms["Bio manager"] if p.endswith("_article")}


@pytest.fixture
def newsroom():
    section = make_section()
    photo = make_photo()
    ones = {
        "Reporter": make_author(name="Rita Reporter"),
        "staff with a profile": make_author(name="Petro Columnist"),
    }
    other_author = make_author(name="Oksana Other")
    users = {
        "Reporter": make_user("Reporter", author=ones["Reporter"]),
        "Editor": make_user("Editor"),
        "Bio manager": make_user("Bio manager"),
        "staff with a profile": make_user(None, author=ones["staff with a profile"]),
    }
    reporter_author = ones["Reporter"]

    def story(author, status):
        published = status == Article.Status.PUBLISHED
        return make_article(
            section=section,
            lead_photo=photo,
            authors=[author],
            status=status,
            published_at=timezone.now() - timedelta(hours=1) if published else None,
        )

    return {
        "users": users,
        "own_profile": ones,
        "reporter_author": reporter_author,
        "other_author": other_author,
        "own_draft": story(reporter_author, Article.Status.DRAFT),
        "other_draft": story(other_author, Article.Status.DRAFT),
        "own_published": story(reporter_author, Article.Status.PUBLISHED),
        "other_published": story(other_author, Article.Status.PUBLISHED),
        "photo": photo,
        "section": section,
    }


def edit(client, article, **extra):
    """Posts the article form with a new headline; returns (status, whether the headline changed)."""
    url = reverse("admin:feed_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, headline="Edited headline", **extra))
    article.refresh_from_db()
    return response.status_code, article.headline == "Edited headline"


def changelist(client, world, role):
    return client.get(reverse("admin:feed_article_changelist")).status_code, False


def add_article(client, world, role):
    before = Article.objects.count()
    response = client.post(
        reverse("admin:feed_article_add"),
        {
            **article_form_data(world["own_draft"], headline="A new story", slug="a-new-story"),
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "_save_draft": "Save draft",
        },
    )
    return response.status_code, Article.objects.count() == before + 1


def edit_own_draft(client, world, role):
    return edit(client, world["own_draft"], _save_draft="Save draft")


def edit_other_draft(client, world, role):
    return edit(client, world["other_draft"], _save_draft="Save draft")


def edit_own_published(client, world, role):
    return edit(client, world["own_published"])


def edit_other_published(client, world, role):
    return edit(client, world["other_published"])


def publish_own_draft(client, world, role):
    article = world["own_draft"]
    status, _ = edit(client, article, _publish="Publish now")
    return status, article.status == Article.Status.PUBLISHED


def trash_other_published(client, world, role):
    article = world["other_published"]
    response = client.post(reverse("admin:feed_article_delete", args=[article.pk]), {"post": "yes"})
    article.refresh_from_db()
    return response.status_code, article.deleted_at is not None


def kill_other_published(client, world, role):
    article = world["other_published"]
    response = client.post(reverse("admin:feed_article_kill", args=[article.pk]), {"notice": "Withdrawn."})
    article.refresh_from_db()
    return response.status_code, article.is_killed


def preview_own_draft(client, world, role):
    return client.get(reverse("feed:preview", args=[world["own_draft"].pk])).status_code, False


def preview_other_draft(client, world, role):
    return client.get(reverse("feed:preview", args=[world["other_draft"].pk])).status_code, False


def author_form(author, **changes):
    return {
        "name": author.name,
        "slug": author.slug,
        "role": author.role,
        "avatar": "",
        "short_bio": author.short_bio,
        "bio": author.bio,
        "is_active": "on",
        "user": author.user_id or "",
        **changes,
    }


def _edit_bio(client, author):
    url = reverse("admin:authors_author_change", args=[author.pk])
    response = client.post(url, author_form(author, bio="A new biography."))
    author.refresh_from_db()
    return response.status_code, author.bio == "A new biography."


def edit_other_author(client, world, role):
    return _edit_bio(client, world["other_author"])


def edit_own_bio(client, world, role):
    # Roles without a profile of their own try the reporter's.
    return _edit_bio(client, world["own_profile"].get(role, world["reporter_author"]))


def edit_photo(client, world, role):
    photo = world["photo"]
    url = reverse("admin:media_photo_change", args=[photo.pk])
    data = {
        "alt_text": "A new description",
        "caption": photo.caption,
        "credit": photo.credit_id,
        "focal_x": "0.5",
        "focal_y": "0.5",
        "crops-TOTAL_FORMS": "0",
        "crops-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    photo.refresh_from_db()
    return response.status_code, photo.alt_text == "A new description"


def add_photo(client, world, role):
    before = Photo.objects.count()
    data = {
        "image": image_file(),
        "alt_text": "A street",
        "credit": make_credit().pk,
        "focal_x": "0.5",
        "focal_y": "0.5",
        "crops-TOTAL_FORMS": "0",
        "crops-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:media_photo_add"), data)
    return response.status_code, Photo.objects.count() == before + 1


def trash_list(client, world, role):
    return client.get(reverse("admin:feed_articleintrash_changelist")).status_code, False


# (status code, whether the change was saved) for: Reporter, Editor, Bio manager, staff with a profile.
# A reporter asking for someone else's draft, and a staff member with only a profile asking for
# someone else's, are sent to the admin index (302): for them it does not exist.
MATRIX = [
    (changelist, [(200, False), (200, False), (403, False), (403, False)]),
    (add_article, [(302, True), (302, True), (403, False), (403, False)]),
    (edit_own_draft, [(302, True), (302, True), (403, False), (403, False)]),
    (edit_other_draft, [(302, False), (302, True), (403, False), (403, False)]),
    (edit_own_published, [(403, False), (302, True), (403, False), (403, False)]),
    (edit_other_published, [(403, False), (302, True), (403, False), (403, False)]),
    (publish_own_draft, [(403, False), (302, True), (403, False), (403, False)]),
    (trash_other_published, [(403, False), (302, True), (403, False), (403, False)]),
    (kill_other_published, [(403, False), (302, True), (403, False), (403, False)]),
    (preview_own_draft, [(200, False), (200, False), (404, False), (404, False)]),
    (preview_other_draft, [(404, False), (200, False), (404, False), (404, False)]),
    (edit_other_author, [(403, False), (403, False), (302, True), (302, False)]),
    (edit_own_bio, [(302, True), (403, False), (302, True), (302, True)]),
    (edit_photo, [(403, False), (302, True), (403, False), (403, False)]),
    (add_photo, [(302, True), (302, True), (302, True), (403, False)]),
    (trash_list, [(403, False), (200, False), (403, False), (403, False)]),
]


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        pytest.param(action, role, outcome, id=f"{action.__name__}-{role}")
        for action, outcomes in MATRIX
        for role, outcome in zip(ROLES, outcomes, strict=True)
    ],
)
def test_permission_matrix(newsroom, action, role, expected):
    client = Client()
    client.force_login(newsroom["users"][role])
    assert action(client, newsroom, role) == expected


def test_readers_get_404_for_previews(client, newsroom):
    assert client.get(reverse("feed:preview", args=[newsroom["own_draft"].pk])).status_code == 404


def test_own_profile_editor_cannot_change_name_or_role(newsroom):
    author = newsroom["own_profile"]["staff with a profile"]
    client = Client()
    client.force_login(newsroom["users"]["staff with a profile"])
    url = reverse("admin:authors_author_change", args=[author.pk])
    client.post(url, author_form(author, name="Someone Else", role="Editor-in-chief", bio="Mine."))
    author.refresh_from_db()
    assert (author.name, author.role, author.bio) == ("Petro Columnist", "News Editor", "Mine.")
