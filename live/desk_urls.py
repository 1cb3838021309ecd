"""The live desk, under /admin/ (newsroom/urls.py routes it before the admin's own URLs)."""

from django.contrib import admin
from django.urls import path

from . import desk_views

app_name = "live_desk"

view = admin.site.admin_view

urlpatterns = [
    path("live/<int:article_id>/", view(desk_views.desk), name="desk"),
    path("live/<int:article_id>/post/", view(desk_views.post), name="post"),
    path("live/<int:article_id>/coverage/<slug:action>/", view(desk_views.coverage), name="coverage"),
    path("live/<int:article_id>/updates/<int:update_id>/edit/", view(desk_views.edit), name="edit"),
    path("live/<int:article_id>/updates/<int:update_id>/correct/", view(desk_views.correct), name="correct"),
    path("live/<int:article_id>/updates/<int:update_id>/pin/", view(desk_views.pin), name="pin"),
    path("live/<int:article_id>/updates/<int:update_id>/delete/", view(desk_views.delete), name="delete"),
]
