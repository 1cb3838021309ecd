"""System checks for what the site's security rests on (docs/security.md)."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string

UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'"}


def _has_csp_middleware():
    from csp.middleware import CSPMiddleware

    for path in settings.MIDDLEWARE:
        try:
            middleware = import_string(path)
        except ImportError:
            continue  # Django's own check reports middleware that does not import.
        if isinstance(middleware, type) and issubclass(middleware, CSPMiddleware):
            return True
    return False


@register(Tags.security)
def content_security_policy_check(app_configs, **kwargs):
    """Every page must be sent with a Content-Security-Policy that lets no inline script or eval run."""
    if not _has_csp_middleware():
        return [
            Error(
                "No Content-Security-Policy header is sent: django-csp's middleware is not in MIDDLEWARE.",
                hint="Add 'csp.middleware.CSPMiddleware' to MIDDLEWARE.",
                id="newsroom.E001",
            )
        ]
    directives = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("DIRECTIVES") or {}
    if not directives:
        return [
            Error(
                "CONTENT_SECURITY_POLICY has no DIRECTIVES, so no Content-Security-Policy header is sent.",
                hint="Set CONTENT_SECURITY_POLICY = {'DIRECTIVES': {...}} (django-csp 4 format).",
                id="newsroom.E002",
            )
        ]
    # script-src falls back to default-src; with neither, the browser allows every script.
    script_sources = directives.get("script-src") or directives.get("default-src")
    if not script_sources:
        return [
            Error(
                "The Content-Security-Policy does not restrict scripts (no script-src or default-src).",
                hint="Set 'script-src': [SELF, NONCE].",
                id="newsroom.E003",
            )
        ]
    unsafe = sorted(UNSAFE_SCRIPT_SOURCES.intersection(str(source).lower() for source in script_sources))
    if unsafe:
        return [
            Error(
                f"The Content-Security-Policy lets scripts run from {', '.join(unsafe)}.",
                hint="Move inline scripts to static files or give them request.csp_nonce; never allow eval.",
                id="newsroom.E004",
            )
        ]
    return []
