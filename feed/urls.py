from django.urls import path

from . import views

app_name = "feed"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("corrections/", views.corrections, name="corrections"),
    path("section/<slug:slug>/", views.section, name="section"),
    # taggit keeps non-Latin letters in slugs ("київ"), which the slug converter refuses.
    path("tags/<str:slug>/", views.tag, name="tag"),
    path("video/", views.video, name="video"),
    # The author page lists stories, so it is a feed view; authors/ owns only the profile.
    path("authors/<slug:slug>/", views.author, name="author"),
]
