"""The MDN HTTP Observatory's scoring rules, applied to responses made by Django's test client.

The Observatory (https://developer.mozilla.org/en-US/observatory) cannot reach a test server, so its
rules are ported here from mdn/mdn-http-observatory (src/analyzer/tests/*.js, the modifiers from
src/grader/charts.js): each test gives a result and a score modifier; the score starts at 100,
penalties are taken first, and bonuses are added only if that leaves 90 or more. 100 or more is A+.

Left out, because a test client cannot observe them: the HSTS preload list (+5 when listed) and a
certificate check. docs/security.md lists every rule.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

MODIFIERS = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Redirection
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    # Referrer-Policy
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # Strict-Transport-Security
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    # Subresource integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    # Cross-Origin-Resource-Policy
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
}

GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C")]
GRADES += [(45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F")]

DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


@dataclass
class TestResult:
    name: str
    result: str
    passed: bool

    @property
    def modifier(self):
        return MODIFIERS[self.result]


@dataclass
class Report:
    results: list[TestResult] = field(default_factory=list)

    @property
    def score(self):
        score = 100 + sum(min(test.modifier, 0) for test in self.results)
        if score >= 90:
            score += sum(max(test.modifier, 0) for test in self.results)
        return max(score, 0)

    @property
    def grade(self):
        return next(grade for floor, grade in GRADES if self.score >= floor)

    @property
    def failed(self):
        return [test for test in self.results if not test.passed]

    def table(self):
        return "\n".join(f"{test.modifier:+4d}  {test.name}: {test.result}" for test in self.results)


def parse_csp(header):
    """{directive: set of sources}; the Observatory calls a repeated directive invalid."""
    policy = {}
    for directive in header.replace("\r", "").replace("\n", "").split(";"):
        words = directive.split()
        if not words:
            continue
        name = words[0].lower()
        if name in policy:
            raise ValueError(f"repeated directive {name}")
        policy[name] = {source.lower() for source in words[1:]} or {"'none'"}
    return policy


def content_security_policy(response):
    header = response.headers.get("Content-Security-Policy")
    if header is None:
        return TestResult("content-security-policy", "csp-not-implemented", False), None
    try:
        csp = parse_csp(header)
    except ValueError:
        return TestResult("content-security-policy", "csp-header-invalid", False), None
    if not csp:
        return TestResult("content-security-policy", "csp-not-implemented", False), None

    default_src = csp.get("default-src")
    object_src = set(csp.get("object-src") or default_src or {"*"})
    script_src = set(csp.get("script-src") or default_src or {"*"})
    style_src = set(csp.get("style-src") or default_src or {"*"})
    for sources in (script_src, style_src):
        if any(source.startswith(NONCES_HASHES) for source in sources):
            sources.discard("'unsafe-inline'")
    result = None
    strict_dynamic = False
    if "'strict-dynamic'" in script_src:
        if any(source.startswith(NONCES_HASHES) for source in script_src):
            strict_dynamic = True
            script_src = {
                source
                for source in script_src
                if not source.startswith(tuple(DANGEROUSLY_BROAD)) and source not in {"'self'", "'unsafe-inline'"}
            }
        else:
            result = "csp-header-invalid"
    active = [s for name, sources in csp.items() if name not in {"img-src", "media-src", "script-src"} for s in sources]
    active += script_src
    passive = [s for name in ("img-src", "media-src") for s in (csp.get(name) or default_src or set())]
    https = urlsplit(response.wsgi_request.build_absolute_uri()).scheme == "https"

    def insecure(sources):
        return https and any(source.startswith(("http:", "ftp:")) for source in sources)

    checks = [
        (script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD, "unsafe-inline"),
        (insecure(active) and not strict_dynamic, "insecure-scheme"),
        ("'unsafe-eval'" in script_src | style_src, "unsafe-eval"),
        (insecure(passive), "insecure-scheme-in-passive-content-only"),
        (style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE), "unsafe-inline-in-style-src-only"),
    ]
    for failed, name in checks:
        if failed and result is None:
            result = f"csp-implemented-with-{name}"
    if result is None:
        result = "csp-implemented-with-no-unsafe" + ("-default-src-none" if default_src == {"'none'"} else "")
    passed = result in {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
    return TestResult("content-security-policy", result, passed), csp


COOKIE_BADNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookies(cookie_jar, hsts):
    """`cookie_jar`: the Morsels of every cookie the site set during the visit."""
    if not cookie_jar:
        return TestResult("cookies", "cookies-not-found", True)
    worst = None

    def only_if_worse(result):
        nonlocal worst
        if worst is None or COOKIE_BADNESS.index(result) > COOKIE_BADNESS.index(worst):
            worst = result

    missing_samesite = False
    for morsel in cookie_jar:
        session = any(word in morsel.key.lower() for word in ("login", "sess"))
        secure, samesite = bool(morsel["secure"]), morsel["samesite"].strip().lower()
        if (samesite and samesite not in {"lax", "strict", "none"}) or (samesite == "none" and not secure):
            only_if_worse("cookies-samesite-flag-invalid")
        if not secure:
            protected = "-but-protected-by-hsts" if hsts else ""
            only_if_worse(f"cookies-without-secure-flag{protected}")
            if session:
                only_if_worse(f"cookies-session-without-secure-flag{protected}")
        if "csrf" in morsel.key.lower() and not samesite:
            only_if_worse("cookies-anticsrf-without-samesite-flag")
        if session and not morsel["httponly"]:
            only_if_worse("cookies-session-without-httponly-flag")
        missing_samesite = missing_samesite or not samesite
    if worst is None:
        worst = "cookies-secure-with-httponly-sessions" + ("" if missing_samesite else "-and-samesite")
    passed = worst in {"cookies-secure-with-httponly-sessions", "cookies-secure-with-httponly-sessions-and-samesite"}
    return TestResult("cookies", worst, passed)


def cross_origin_resource_sharing(response):
    allowed = response.headers.get("Access-Control-Allow-Origin", "").strip()
    credentials = response.headers.get("Access-Control-Allow-Credentials", "").strip().lower() == "true"
    if not allowed:
        result = "cross-origin-resource-sharing-not-implemented"
    elif allowed == "*":
        result = "cross-origin-resource-sharing-implemented-with-public-access"
    elif credentials and allowed == response.wsgi_request.headers.get("Origin"):
        result = "cross-origin-resource-sharing-implemented-with-universal-access"
    else:
        result = "cross-origin-resource-sharing-implemented-with-restricted-access"
    return TestResult("cross-origin-resource-sharing", result, MODIFIERS[result] == 0)


def redirection(http_response):
    """`http_response`: the answer to the same address asked over plain http."""
    location = http_response.headers.get("Location", "")
    if http_response.status_code not in (301, 302, 303, 307, 308) or not location:
        result = "redirection-missing"
    else:
        target, asked = urlsplit(location), urlsplit(http_response.wsgi_request.build_absolute_uri())
        if target.scheme != "https":
            result = "redirection-not-to-https-on-initial-redirection" if target.scheme else "redirection-not-to-https"
        elif target.hostname != asked.hostname:
            result = "redirection-off-host-from-http"
        else:
            result = "redirection-to-https"
    return TestResult("redirection", result, result == "redirection-to-https")


def referrer_policy(response):
    header = response.headers.get("Referrer-Policy")
    if header is None:
        return TestResult("referrer-policy", "referrer-policy-not-implemented", True)
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    unsafe = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    known = [token.strip() for token in header.lower().split(",") if token.strip() in private | unsafe]
    policy = known[-1] if known else None
    if policy in private:
        result = "referrer-policy-private"
    elif policy in unsafe:
        result = "referrer-policy-unsafe"
    else:
        result = "referrer-policy-header-invalid"
    return TestResult("referrer-policy", result, result == "referrer-policy-private")


def strict_transport_security(response):
    if not response.wsgi_request.is_secure():
        return TestResult("strict-transport-security", "hsts-not-implemented-no-https", False)
    header = response.headers.get("Strict-Transport-Security")
    if header is None:
        return TestResult("strict-transport-security", "hsts-not-implemented", False)
    max_age = None
    for parameter in (part.strip().lower() for part in header.split(";")):
        if parameter.startswith("max-age="):
            max_age = int(parameter[8:]) if parameter[8:].isdigit() else None
    if "," in header or not max_age:
        result = "hsts-header-invalid"
    elif max_age < 15_552_000:  # six months, as the Observatory counts them
        result = "hsts-implemented-max-age-less-than-six-months"
    else:
        result = "hsts-implemented-max-age-at-least-six-months"
    return TestResult("strict-transport-security", result, result == "hsts-implemented-max-age-at-least-six-months")


class ScriptTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def subresource_integrity(response):
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return TestResult("subresource-integrity", "sri-not-implemented-response-not-html", True)
    parser = ScriptTags()
    parser.feed(response.content.decode())
    sources = [script for script in parser.scripts if script.get("src")]
    if not sources:
        return TestResult("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", True)
    host = response.wsgi_request.get_host().split(":")[0]
    external = [s for s in sources if urlsplit(s["src"]).hostname not in (None, host)]
    insecure = [s for s in external if s["src"].startswith(("http:", "//"))]
    with_integrity = all(script.get("integrity") for script in external) and external
    if not external:
        result = "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
    elif insecure:
        state = "implemented-but" if with_integrity else "not-implemented-and"
        result = f"sri-{state}-external-scripts-not-loaded-securely"
    elif with_integrity:
        result = "sri-implemented-and-external-scripts-loaded-securely"
    else:
        result = "sri-not-implemented-but-external-scripts-loaded-securely"
    return TestResult("subresource-integrity", result, MODIFIERS[result] >= 0)


def x_content_type_options(response):
    header = response.headers.get("X-Content-Type-Options")
    if header is None:
        result = "x-content-type-options-not-implemented"
    else:
        result = "x-content-type-options-" + ("nosniff" if header.strip().lower() == "nosniff" else "header-invalid")
    return TestResult("x-content-type-options", result, result == "x-content-type-options-nosniff")


def x_frame_options(response, csp):
    header = (response.headers.get("X-Frame-Options") or "").strip().lower()
    if csp and "frame-ancestors" in csp:
        result = "x-frame-options-implemented-via-csp"
    elif not header:
        result = "x-frame-options-not-implemented"
    elif header in {"deny", "sameorigin"}:
        result = "x-frame-options-sameorigin-or-deny"
    elif header.startswith("allow-from "):
        result = "x-frame-options-allow-from-origin"
    else:
        result = "x-frame-options-header-invalid"
    return TestResult("x-frame-options", result, MODIFIERS[result] >= 0)


def cross_origin_resource_policy(response):
    header = response.headers.get("Cross-Origin-Resource-Policy")
    if header is None:
        result = "corp-not-implemented"
    else:
        value = header.strip().lower()
        known = {"same-origin", "same-site", "cross-origin"}
        result = f"corp-implemented-with-{value}" if value in known else "corp-header-invalid"
    return TestResult("cross-origin-resource-policy", result, result != "corp-header-invalid")


def score(response, *, http_response, cookie_jar=()):
    """Scores `response` (a page asked for over https) the way the Observatory scores a site's front
    page. `http_response` answers the same address over http; `cookie_jar` holds every cookie set."""
    csp_result, csp = content_security_policy(response)
    hsts_result = strict_transport_security(response)
    return Report(
        [
            csp_result,
            cookies(list(cookie_jar), hsts=hsts_result.passed),
            cross_origin_resource_sharing(response),
            redirection(http_response),
            referrer_policy(response),
            hsts_result,
            subresource_integrity(response),
            x_content_type_options(response),
            x_frame_options(response, csp),
            cross_origin_resource_policy(response),
        ]
    )
