"""Routed at /admin/ before the admin's own URLs (newsroom/urls.py): the desk replaces the admin's
front page, which stays at /admin/apps/ (for superusers' link, and for roles without stories)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "desk"

view = admin.site.admin_view

urlpatterns = [
    path("", view(views.desk), name="desk"),
    path("apps/", view(admin.site.index), name="apps"),
    path("desk/quick-post/", view(views.quick_post), name="quick_post"),
    path("desk/stories/<int:article_id>/autosave/", view(views.autosave), name="autosave"),
    path("desk/stories/<int:article_id>/presence/", view(views.presence), name="presence"),
    path("desk/stories/<int:article_id>/leave/", view(views.leave), name="leave"),
    path("desk/stories/<int:article_id>/discard/", view(views.discard), name="discard"),
    path("desk/stories/<int:article_id>/do/<slug:action>/", view(views.act), name="act"),
]
