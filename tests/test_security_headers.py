"""Security headers and cookies as production sends them (DEBUG off, over https), scored by the
Observatory's rules (tests/observatory.py), and the system check that keeps a CSP configured."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsroom.checks import content_security_policy_check
from tests import observatory
from tests.factories import make_article, make_author, make_photo, make_section, make_user

CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"


def csp_directives(response):
    return {
        words[0]: words[1:]
        for words in (part.split() for part in response["Content-Security-Policy"].split(";"))
        if words
    }


@pytest.fixture
def story(db):
    photo = make_photo()
    return make_article(
        section=make_section(name="News Feed", slug="news-feed"),
        authors=[make_author(slug="oksana-marchenko")],
        tags=["Kharkiv"],
        lead_photo=photo,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        video_poster=photo,
    )


@pytest.fixture
def editor(db):
    return make_user("Editor", username="editor")


def test_reader_page_has_a_strict_policy_without_a_nonce(client, story):
    response = client.get("/", secure=True)
    csp = csp_directives(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert "nonce" not in response.content.decode()


@pytest.mark.parametrize(
    "header, value",
    [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
    ],
)
def test_every_page_sends_the_security_headers(client, story, header, value):
    for address in ("/", story.get_absolute_url(), "/admin/login/"):
        assert client.get(address, secure=True)[header] == value, address


def test_cached_reader_page_carries_the_same_body_and_a_policy_it_satisfies(client, story):
    """The second response comes from the page cache: had the first one used a nonce, the cached body
    would carry a nonce that the second response's header does not allow."""
    first = client.get(story.get_absolute_url(), secure=True)
    second = client.get(story.get_absolute_url(), secure=True)
    assert first.content == second.content
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "'nonce-" not in second["Content-Security-Policy"]
    # JSON-LD is data, never run, so the policy need not allow it; every other script is a file.
    scripts = re.findall(r"<script\b([^>]*)>", second.content.decode())
    assert scripts
    assert all("src=" in attributes or 'type="application/ld+json"' in attributes for attributes in scripts)


def test_article_form_gives_the_import_map_this_requests_nonce(client, editor):
    client.force_login(editor)
    nonces = []
    for _ in range(2):
        response = client.get("/admin/feed/article/add/", secure=True)
        (nonce,) = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_admin_pages_allow_no_inline_script_or_eval(client, editor, story):
    client.force_login(editor)
    for address in ("/admin/", "/admin/feed/article/", f"/admin/feed/article/{story.pk}/change/"):
        response = client.get(address, secure=True)
        assert response.status_code == 200, address
        script_src = csp_directives(response)["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def login_cookies(client, editor):
    """The cookies an editor's browser gets: the CSRF cookie from the login form, the session on login."""
    form = client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "correct horse battery", "csrfmiddlewaretoken": form.context["csrf_token"]},
        secure=True,
    )
    assert response.status_code == 302
    return [form.cookies["csrftoken"], response.cookies["sessionid"]]


def test_session_and_csrf_cookies_are_secure_and_same_site(client, editor):
    csrf, session = login_cookies(client, editor)
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_front_page_scores_a_plus_by_the_observatory_rules(client, settings, story, editor):
    # As production: tests/settings.py turns the redirect off for the plain-http test client.
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/", secure=True)
    http_response = client.get("/")
    report = observatory.score(response, http_response=http_response, cookie_jar=login_cookies(client, editor))
    print(f"Observatory score {report.score} ({report.grade}):\n{report.table()}")
    assert report.failed == []
    assert report.score >= 100
    assert report.grade == "A+"


def test_observatory_rules_mark_down_a_site_without_a_policy(client, settings, story):
    """The scorer can fail: the same page without the CSP and with Django's plain http answer."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != CSP_MIDDLEWARE]
    response = client.get("/", secure=True)
    report = observatory.score(response, http_response=client.get("/"))
    results = {test.name: test.result for test in report.results}
    assert results["content-security-policy"] == "csp-not-implemented"
    assert results["redirection"] == "redirection-missing"
    assert results["x-frame-options"] == "x-frame-options-sameorigin-or-deny"
    assert report.score == 100 - 25 - 20
    assert report.grade == "C"


@pytest.mark.parametrize(
    "policy, result",
    [
        ("default-src 'none'; script-src 'self'; object-src 'none'", "csp-implemented-with-no-unsafe-default-src-none"),
        ("default-src 'self'", "csp-implemented-with-no-unsafe"),
        ("default-src 'self'; style-src 'unsafe-inline'", "csp-implemented-with-unsafe-inline-in-style-src-only"),
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", "csp-implemented-with-unsafe-inline"),
        ("default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'", "csp-implemented-with-no-unsafe"),
        ("default-src 'self'; script-src 'self' 'unsafe-eval'", "csp-implemented-with-unsafe-eval"),
        ("default-src 'self'; script-src 'self' data:", "csp-implemented-with-unsafe-inline"),
        ("img-src 'self'", "csp-implemented-with-unsafe-inline"),  # no script-src: every script allowed
        ("default-src 'self'; img-src http://cdn.a", "csp-implemented-with-insecure-scheme-in-passive-content-only"),
        ("default-src 'self'; default-src 'none'", "csp-header-invalid"),
    ],
)
def test_observatory_csp_rules(rf, policy, result):
    from django.http import HttpResponse

    response = HttpResponse()
    response["Content-Security-Policy"] = policy
    response.wsgi_request = rf.get("/", secure=True)
    assert observatory.content_security_policy(response)[0].result == result


# The system check (newsroom/checks.py).


def check_ids():
    return [message.id for message in content_security_policy_check(None)]


def test_csp_check_is_silent_when_the_policy_is_configured():
    assert check_ids() == []


def test_csp_check_fails_without_the_middleware(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != CSP_MIDDLEWARE]
    assert check_ids() == ["newsroom.E001"]
    with pytest.raises(SystemCheckError, match=r"newsroom\.E001"):
        call_command("check")


def test_csp_check_fails_without_directives(settings):
    settings.CONTENT_SECURITY_POLICY = {}
    assert check_ids() == ["newsroom.E002"]


def test_csp_check_fails_when_scripts_are_unrestricted(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    assert check_ids() == ["newsroom.E003"]


@pytest.mark.parametrize("unsafe", ["'unsafe-inline'", "'unsafe-eval'"])
def test_csp_check_fails_when_scripts_may_run_inline_or_eval(settings, unsafe):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"] | {"script-src": ["'self'", unsafe]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    assert check_ids() == ["newsroom.E004"]
