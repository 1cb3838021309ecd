"""Addresses editors give for readers to follow: only the web's own schemes, never javascript: or data:."""

from django.core.validators import URLValidator

WEB_SCHEMES = ["http", "https"]
validate_web_address = URLValidator(
    schemes=WEB_SCHEMES, message="Give a web address starting with https:// or http://."
)


def web_address(url):
    """`url` when it is an http(s) address, else "": what may go into a link's href. Values saved
    without the form's validation (imports, the shell, old rows) cannot become a javascript: link."""
    scheme, _colon, _rest = url.strip().partition(":")
    return url if _colon and scheme.lower() in WEB_SCHEMES else ""
