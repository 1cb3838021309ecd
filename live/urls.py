from django.urls import path

from . import feeds, views

app_name = "live"

urlpatterns = [
    path("live/<slug:slug>/", views.story, name="story"),
    path("live/<slug:slug>/updates/<int:pk>/", views.update, name="update"),
    path("live/<slug:slug>/poll/", views.poll, name="poll"),
    path("live/<slug:slug>/rss/", feeds.LiveUpdatesFeed(), name="updates-rss"),
    path("live/<slug:slug>/atom/", feeds.LiveUpdatesAtomFeed(), name="updates-atom"),
]
