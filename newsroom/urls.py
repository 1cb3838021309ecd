from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from feed.admin import view_on_site_for_visible_articles

from . import views
from .forms import LoginForm

# A database that is down answers 503 with Retry-After instead of 500 (newsroom/views.py).
handler500 = views.server_error

admin.site.login_form = LoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site_for_visible_articles),
        name="view_on_site",
    ),
    # The admin's language, chosen in its header (newsroom/templates/admin/base_site.html): Django's view,
    # which keeps it in the language cookie that AdminLanguageMiddleware reads.
    path("admin/language/", set_language, name="admin_language"),
    # The desk answers /admin/ itself and a few addresses below it; the rest is the admin's.
    path("admin/", include("desk.urls")),
    path("admin/", include("live.desk_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls", namespace="api")),
]
# Reader pages in each edition: English where they always were, Ukrainian under /uk/ (common/editions.py).
urlpatterns += i18n_patterns(
    path("", include("feed.urls")), path("", include("live.urls")), prefix_default_language=False
)

# Uploaded files in development; production serves MEDIA_ROOT from the web server.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
