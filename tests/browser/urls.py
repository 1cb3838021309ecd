"""The site's URLs plus uploaded files, which the real URLconf serves only with DEBUG on."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    re_path(rf"^{settings.MEDIA_URL}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
