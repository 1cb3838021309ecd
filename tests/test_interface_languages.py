"""The reader's interface in each language (docs/translations.md): Jinja2 templates translated by Django's active
language, dates and reading time written in it, and English unchanged. Reader pages are requested at their
addresses through the whole middleware stack: a Ukrainian story under /uk/, where EditionLocaleMiddleware
activates Ukrainian (common/editions.py), an English one where it always was."""

from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import OperationalError
from django.template import engines
from django.test import Client
from django.utils import timezone, translation

from live import services
from newsroom.jinja2 import card_time, date
from tests.factories import make_article, make_author, make_photo, make_ready_article, make_section, make_user

pytestmark = pytest.mark.django_db

COMPILED = Path(settings.BASE_DIR, "locale", "uk", "LC_MESSAGES", "django.mo")
# A day below ten and an afternoon: "2 грудня 2026, 14:02".
MOMENT = datetime(2026, 12, 2, 14, 2, 30)


@pytest.fixture(autouse=True)
def compiled_translations():
    source = COMPILED.with_suffix(".po")
    assert COMPILED.exists() and COMPILED.stat().st_mtime >= source.stat().st_mtime, (
        "The Ukrainian translations are not compiled, or older than locale/uk/LC_MESSAGES/django.po: run `make locale`."
    )


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def reader():
    """A client that gets the error page Django sends a browser, instead of the exception re-raised."""
    return Client(raise_request_exception=False)


def page(client, path):
    """The page at `path`, requested as a reader would, parsed."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def text(soup, selector):
    return " ".join(soup.select_one(selector).get_text(" ", strip=True).split())


def words(count):
    return "<p>" + " ".join(["слово"] * count) + "</p>"


def ukrainian_author(**kw):
    kw.setdefault("name", "Olena Koval")
    kw.setdefault("name_uk", "Олена Коваль")
    return make_author(**kw)


def test_a_jinja2_template_is_translated_into_the_active_language():
    template = engines["jinja2"].from_string(
        '{{ _("Show More") }} | {{ ngettext("%(num)d min read", "%(num)d min read", 5) }}'
        " | {% trans %}News Feed{% endtrans %}"
    )
    assert template.render() == "Show More | 5 min read | News Feed"
    with translation.override("uk"):
        assert template.render() == "Показати більше | 5 хв читання | Стрічка новин"


def test_a_translated_string_escapes_its_values_not_its_text():
    template = engines["jinja2"].from_string('{{ _("Stories by %(name)s", name=name) }}')
    with translation.override("uk"):
        assert template.render({"name": "<b>Олена</b>"}) == "Усі матеріали: &lt;b&gt;Олена&lt;/b&gt;"


@pytest.mark.parametrize(
    ("language", "datetime_format", "date_format", "month_day"),
    [
        ("en-gb", "2 December 2026, 14:02", "2 December 2026", "2 Dec"),
        ("en", "2 December 2026, 14:02", "2 December 2026", "2 Dec"),
        ("uk", "2 грудня 2026, 14:02", "2 грудня 2026", "2 грудня"),
    ],
)
def test_dates_are_written_in_each_language(language, datetime_format, date_format, month_day):
    moment = timezone.make_aware(MOMENT)
    with translation.override(language):
        assert date(moment, "DATETIME_FORMAT") == datetime_format
        assert date(moment, "DATE_FORMAT") == date_format
        assert date(moment, "MONTH_DAY_FORMAT") == month_day
        assert date(moment, "TIME_FORMAT") == "14:02"
        assert card_time(moment) == ("2026-12-02T14:02:30+02:00", datetime_format)


@pytest.mark.parametrize(
    ("count", "shown"),
    [(1, "1 нове оновлення"), (2, "2 нові оновлення"), (5, "5 нових оновлень"), (11, "11 нових оновлень"),
     (21, "21 нове оновлення"), (24, "24 нові оновлення")],
)  # fmt: skip
def test_ukrainian_plurals_take_the_form_of_their_number(count, shown):
    with translation.override("uk"):
        assert translation.ngettext("%(count)s new update", "%(count)s new updates", count) % {"count": count} == shown


def test_an_article_in_ukrainian(client):
    section = make_section(name="News", slug="news", name_uk="Новини", slug_uk="novyny")
    author = ukrainian_author()
    story = make_article(
        headline="Київ готується до зими",
        slug="kyiv-hotuietsia-do-zymy",
        language="uk",
        section=section,
        body=words(10),
        published_at=timezone.make_aware(MOMENT - timedelta(days=365)),
        lead_photo=make_photo(),
        is_breaking=True,
        authors=[author],
    )
    story.updated_at = timezone.make_aware(MOMENT)
    story.save(update_fields=["updated_at"])
    make_article(headline="Ще один матеріал", language="uk", section=section)
    assert story.get_absolute_url() == "/uk/news/kyiv-hotuietsia-do-zymy/"
    soup = page(client, story.get_absolute_url())
    assert soup.html["lang"] == "uk"
    assert text(soup, ".story__reading-time") == "1 хв читання"
    assert text(soup, ".story__published") == "2 грудня 2025, 14:02"
    assert text(soup, ".story__dates") == "2 грудня 2025, 14:02 · Оновлено 2 грудня 2026, 14:02"
    assert text(soup, ".story__section .breaking-label") == "Терміново"
    assert "(Фото:" in text(soup, ".story__lead figcaption")
    assert text(soup, ".skip-link") == "Перейти до змісту"
    assert text(soup, ".site-search button") == "Пошук"
    assert soup.select_one("#site-search-q")["placeholder"] == "Пошук"
    assert text(soup, "#more-heading") == "Більше зі стрічки новин"
    assert "Ще один матеріал" in text(soup, "main")
    assert soup.select_one(".site-nav")["aria-label"] == "Розділи"
    assert soup.select_one(".author-box")["aria-label"] == "Про автора: Олена Коваль"
    assert text(soup, ".author-box__more") == "Докладніше — Олена Коваль"
    assert "Демонстраційна редакція; усі матеріали вигадані." in text(soup, ".site-footer")


@pytest.mark.parametrize(("word_count", "shown"), [(100, "1 хв читання"), (950, "5 хв читання")])
def test_the_reading_time_in_ukrainian(client, word_count, shown):
    story = make_article(body=words(word_count), language="uk")
    assert text(page(client, story.get_absolute_url()), ".story__reading-time") == shown


def test_the_same_article_in_english_is_unchanged(client):
    story = make_article(body=words(950), published_at=timezone.make_aware(MOMENT - timedelta(days=365)))
    assert story.get_absolute_url() == f"/news/{story.slug}/"
    soup = page(client, story.get_absolute_url())
    assert soup.html["lang"] == "en"
    assert text(soup, ".story__reading-time") == "5 min read"
    assert text(soup, ".story__published") == "2 December 2025, 14:02"
    assert text(soup, ".skip-link") == "Skip to content"


def test_the_home_page_and_its_cards_in_ukrainian(client, settings):
    settings.NEWSROOM_FEED_PAGE_SIZE = 1
    make_article(language="uk", published_at=timezone.make_aware(MOMENT - timedelta(days=400)))
    make_article(language="uk", published_at=timezone.make_aware(MOMENT - timedelta(days=365)), is_breaking=True)
    make_article(headline="An English story", published_at=timezone.make_aware(MOMENT))  # not in this edition
    soup = page(client, "/uk/")
    assert text(soup, "h1") == "Стрічка новин"
    assert soup.title.get_text().endswith(" · Стрічка новин")
    assert text(soup, ".card .breaking-label") == "Терміново"
    assert text(soup, ".card__meta time") == "2 грудня 2025, 14:02"
    assert text(soup, ".show-more") == "Показати більше"


def test_the_home_page_in_english_is_unchanged(client):
    make_article(language="uk", is_breaking=True)
    make_article(published_at=timezone.make_aware(MOMENT - timedelta(days=365)))
    soup = page(client, "/")
    assert text(soup, "h1") == "News Feed"
    assert text(soup, ".card__meta time") == "2 December 2025, 14:02"
    assert soup.select_one(".card .breaking-label") is None  # the breaking story is the Ukrainian edition's


def test_shared_blocks_are_kept_per_language(client):
    """The section menu and the video strip are cached as rendered HTML: the English page after a Ukrainian
    one must not get the Ukrainian menu."""
    make_article()
    make_article(language="uk")
    assert text(page(client, "/uk/"), ".site-nav li:last-child") == "Відео"
    assert text(page(client, "/"), ".site-nav li:last-child") == "Video"


def test_listing_pages_in_ukrainian(client):
    section = make_section(name="News", slug="news", name_uk="Новини", slug_uk="novyny")
    make_article(language="uk", section=section, authors=[ukrainian_author(slug="olena-koval", slug_uk="olena")])
    soup = page(client, "/uk/section/novyny/")
    assert text(soup, "h1") == "Новини"
    assert text(soup, ".eyebrow") == "Розділ"
    assert soup.select_one('meta[name="description"]')["content"].startswith("Найсвіжіші матеріали розділу «Новини»")
    assert text(page(client, "/uk/authors/olena/"), "#stories-heading") == "Усі матеріали: Олена Коваль"
    soup = page(client, "/uk/search/?q=nothing-matches-this")
    assert text(soup, "h1") == "Пошук"
    assert (
        text(soup, ".story-list__empty")
        == "За запитом «nothing-matches-this» нічого не знайдено. Спробуйте менше слів або інші."
    )
    assert text(soup, 'label[for="id_section"]') == "Розділ"
    assert text(soup, "#id_section option") == "Усі розділи"
    assert text(page(client, "/uk/corrections/"), "h1") == "Виправлення"


def test_listing_pages_in_english_are_unchanged(client):
    section = make_section(name="News", slug="news", name_uk="Новини", slug_uk="novyny")
    make_article(section=section, authors=[ukrainian_author(slug="olena-koval", slug_uk="olena")])
    soup = page(client, "/section/news/")
    assert text(soup, "h1") == "News"
    assert text(soup, ".eyebrow") == "Section"
    assert text(page(client, "/authors/olena-koval/"), "#stories-heading") == "Stories by Olena Koval"
    assert text(page(client, "/search/?q=nothing-matches-this"), "h1") == "Search"


def test_a_live_story_in_ukrainian(client):
    reporter = make_user("Reporter", author=ukrainian_author(name="Taras Reporter", name_uk="Тарас Репортер"))
    story = make_ready_article(
        headline="Обстріл Києва", language="uk", live_coverage=True, authors=[reporter.author_profile]
    )
    services.post_update(article=story, user=reporter, body="<p>Працює протиповітряна оборона.</p>")
    assert story.get_absolute_url() == f"/uk/live/{story.slug}/"
    soup = page(client, story.get_absolute_url())
    assert text(soup, ".live-header .live-label") == "Наживо"
    assert text(soup, "#updates-heading") == "Останні оновлення"
    assert text(soup, ".story__dates").startswith("Розпочато ")
    assert text(soup, ".live-reporting") == "Над трансляцією працюють: Тарас Репортер"
    assert text(soup, ".live-update__share") == "Поділитися " + "оновленням від " + text(soup, ".live-update__time")
    notice = soup.select_one("[data-live-poll]")
    assert [notice[f"data-new-updates-{category}"] for category in ("one", "few", "many", "other")] == [
        "{count} нове оновлення",
        "{count} нові оновлення",
        "{count} нових оновлень",
        "{count} нових оновлень",
    ]
    assert soup.title.get_text().startswith("Наживо: Обстріл Києва")


@pytest.fixture
def failing_view(monkeypatch):
    """Makes every listing page raise `error` from inside its view, as a broken query or a bug would."""

    def fail_with(error):
        def raise_error(*args, **kwargs):
            raise error

        monkeypatch.setattr("feed.listings.StoryList.page", raise_error)

    return fail_with


ERROR_HEADINGS = {
    "uk": {
        400: "Із цим посиланням щось не так",
        404: "Ми не знайшли цієї сторінки",
        500: "Щось пішло не так на нашому боці",
        503: "Ми скоро повернемося",
    },
    "en": {
        400: "That link is not quite right",
        404: "We couldn’t find that page",
        500: "Something went wrong on our side",
        503: "We’ll be back in a moment",
    },
}


@pytest.mark.parametrize(("prefix", "edition"), [("/uk/", "uk"), ("/", "en")])
def test_error_pages_in_each_edition(reader, failing_view, prefix, edition):
    make_article(language=edition)
    responses = {400: reader.get(f"{prefix}?before=not-a-cursor"), 404: reader.get(f"{prefix}no/such/page/")}
    failing_view(RuntimeError("a bug"))
    responses[500] = reader.get(prefix)
    failing_view(OperationalError("server closed the connection unexpectedly"))
    responses[503] = reader.get(prefix)
    for status, response in responses.items():
        assert response.status_code == status
        soup = BeautifulSoup(response.content, "html.parser")
        assert text(soup, "h1") == ERROR_HEADINGS[edition][status]
        if edition == "uk":
            assert text(soup, ".eyebrow") == f"Помилка {status}"
            assert text(soup, ".error-page a") == "До стрічки новин"


def test_feeds_describe_themselves_in_their_editions_language(client):
    make_article(headline="An English story")
    make_article(headline="Українська історія", language="uk")
    for path, description, headline in (
        ("/feeds/rss/", "The latest stories from", "An English story"),
        ("/feeds/atom/", "The latest stories from", "An English story"),
        ("/uk/feeds/rss/", "Найсвіжіші матеріали від", "Українська історія"),
        ("/uk/feeds/atom/", "Найсвіжіші матеріали від", "Українська історія"),
    ):
        feed = feedparser.parse(client.get(path).content)
        assert feed.bozo == 0, path
        assert feed.feed.subtitle.startswith(description), path
        assert [entry.title for entry in feed.entries] == [headline], path
