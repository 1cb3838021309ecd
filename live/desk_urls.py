"""The live desk, under /admin/ (newsroom/urls.py routes it before the admin's own URLs)."""

app_name = "live_desk"

urlpatterns = []
