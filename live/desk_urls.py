"""The live desk, under /admin/ (newsroom/urls.py routes it before the admin's own URLs)."""

from django.urls import path

app_name = "live_desk"

urlpatterns = []
