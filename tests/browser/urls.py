"""The site's URLs plus uploaded files, which the real URLconf serves only with DEBUG on, and one
deliberately unsafe view that proves the stored-XSS oracle (tests/xss) can fail."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def unescaped_payload(request):
    """Puts ?payload= into the page as it is: the bug every real page must not have. Tests only."""
    return HttpResponse(f"<!doctype html><title>Oracle check</title><body>{request.GET.get('payload', '')}</body>")


urlpatterns = [
    *site_urlpatterns,
    path("xss-oracle-check/", unescaped_payload),
    re_path(rf"^{settings.MEDIA_URL}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
