"""The reader's interface in each language (docs/translations.md): Jinja2 templates translated by Django's active
language, dates and reading time written in it, and English unchanged. Pages are made by calling their views
inside translation.override(): the /uk/ addresses that choose the language are the editions' business, not
this file's."""

from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve
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


def page(path, language):
    """The page at `path` made by its view with `language` active, parsed."""
    request = RequestFactory().get(path)
    match = resolve(urlsplit(path).path)
    with translation.override(language):
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(soup, selector):
    return " ".join(soup.select_one(selector).get_text(" ", strip=True).split())


def words(count):
    return "<p>" + " ".join(["слово"] * count) + "</p>"


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


def test_an_article_in_ukrainian():
    author = make_author(name="Олена Коваль")
    story = make_article(
        headline="Київ готується до зими",
        body=words(10),
        published_at=timezone.make_aware(MOMENT - timedelta(days=365)),
        lead_photo=make_photo(),
        is_breaking=True,
        authors=[author],
    )
    story.updated_at = timezone.make_aware(MOMENT)
    story.save(update_fields=["updated_at"])
    make_article(headline="Ще один матеріал")
    soup = page(story.get_absolute_url(), "uk")
    assert text(soup, ".story__reading-time") == "1 хв читання"
    assert text(soup, ".story__published") == "2 грудня 2025, 14:02"
    assert text(soup, ".story__dates") == "2 грудня 2025, 14:02 · Оновлено 2 грудня 2026, 14:02"
    assert text(soup, ".story__section .breaking-label") == "Терміново"
    assert "(Фото:" in text(soup, ".story__lead figcaption")
    assert text(soup, ".skip-link") == "Перейти до змісту"
    assert text(soup, ".site-search button") == "Пошук"
    assert soup.select_one("#site-search-q")["placeholder"] == "Пошук"
    assert text(soup, "#more-heading") == "Більше зі стрічки новин"
    assert soup.select_one(".site-nav")["aria-label"] == "Розділи"
    assert soup.select_one(".author-box")["aria-label"] == "Про автора: Олена Коваль"
    assert text(soup, ".author-box__more") == "Докладніше — Олена Коваль"
    assert "Демонстраційна редакція; усі матеріали вигадані." in text(soup, ".site-footer")


@pytest.mark.parametrize(("word_count", "shown"), [(100, "1 хв читання"), (950, "5 хв читання")])
def test_the_reading_time_in_ukrainian(word_count, shown):
    story = make_article(body=words(word_count))
    assert text(page(story.get_absolute_url(), "uk"), ".story__reading-time") == shown


def test_the_same_article_in_english_is_unchanged():
    story = make_article(body=words(950), published_at=timezone.make_aware(MOMENT - timedelta(days=365)))
    soup = page(story.get_absolute_url(), "en-gb")
    assert text(soup, ".story__reading-time") == "5 min read"
    assert text(soup, ".story__published") == "2 December 2025, 14:02"
    assert text(soup, ".skip-link") == "Skip to content"


def test_the_home_page_and_its_cards_in_ukrainian(settings):
    settings.NEWSROOM_FEED_PAGE_SIZE = 1
    make_article(published_at=timezone.make_aware(MOMENT - timedelta(days=400)))
    make_article(published_at=timezone.make_aware(MOMENT - timedelta(days=365)), is_breaking=True)
    soup = page("/", "uk")
    assert text(soup, "h1") == "Стрічка новин"
    assert soup.title.get_text().endswith(" · Стрічка новин")
    assert text(soup, ".card .breaking-label") == "Терміново"
    assert text(soup, ".card__meta time") == "2 грудня 2025, 14:02"
    assert text(soup, ".show-more") == "Показати більше"


def test_shared_blocks_are_kept_per_language(settings):
    """The section menu and the video strip are cached as rendered HTML: the English page after a Ukrainian
    one must not get the Ukrainian menu."""
    make_article()
    assert text(page("/", "uk"), ".site-nav li:last-child") == "Відео"
    assert text(page("/", "en-gb"), ".site-nav li:last-child") == "Video"


def test_listing_pages_in_ukrainian():
    # Names and addresses of sections and authors per language are the editions' (feed/translation.py).
    section = make_section(name_uk="Новини", slug_uk="novyny")
    make_article(section=section, authors=[make_author(name="Олена Коваль", slug="olena", slug_uk="olena")])
    soup = page("/section/novyny/", "uk")
    assert text(soup, ".eyebrow") == "Розділ"
    assert soup.select_one('meta[name="description"]')["content"].startswith("Найсвіжіші матеріали розділу «")
    assert text(page("/authors/olena/", "uk"), "#stories-heading") == "Усі матеріали: Олена Коваль"
    soup = page("/search/?q=nothing-matches-this", "uk")
    assert text(soup, "h1") == "Пошук"
    assert (
        text(soup, ".story-list__empty")
        == "За запитом «nothing-matches-this» нічого не знайдено. Спробуйте менше слів або інші."
    )
    assert text(soup, 'label[for="id_section"]') == "Розділ"
    assert text(soup, "#id_section option") == "Усі розділи"
    assert text(page("/corrections/", "uk"), "h1") == "Виправлення"


def test_a_live_story_in_ukrainian():
    reporter = make_user("Reporter", author=make_author(name="Тарас Репортер"))
    story = make_ready_article(headline="Обстріл Києва", live_coverage=True, authors=[reporter.author_profile])
    services.post_update(article=story, user=reporter, body="<p>Працює протиповітряна оборона.</p>")
    soup = page(story.get_absolute_url(), "uk")
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


@pytest.mark.parametrize(
    ("template", "heading"),
    [
        ("400.html", "Із цим посиланням щось не так"),
        ("404.html", "Ми не знайшли цієї сторінки"),
        ("500.html", "Щось пішло не так на нашому боці"),
        ("503.html", "Ми скоро повернемося"),
    ],
)
def test_error_pages_in_ukrainian(template, heading):
    with translation.override("uk"):
        soup = BeautifulSoup(render_to_string(template, {"section_nav": lambda *args: ""}), "html.parser")
    assert text(soup, "h1") == heading
    assert text(soup, ".eyebrow") == f"Помилка {template[:3]}"
    assert text(soup, ".error-page a") == "До стрічки новин"


def test_feeds_describe_themselves_in_the_active_language():
    make_article()
    for language, description in (("en-gb", "The latest stories from"), ("uk", "Найсвіжіші матеріали від")):
        request = RequestFactory().get("/feeds/rss/")
        with translation.override(language):
            feed = feedparser.parse(resolve("/feeds/rss/").func(request).content)
        assert feed.bozo == 0
        assert feed.feed.description.startswith(description)
