from django.urls import path

from . import feeds, views

app_name = "feed"


def feed_urls(prefix, name, feed_class):
    """<prefix>rss/ and <prefix>atom/ for a feed class and its Atom twin."""
    return [
        path(f"{prefix}rss/", feed_class(), name=f"{name}-rss"),
        path(f"{prefix}atom/", feeds.atom(feed_class)(), name=f"{name}-atom"),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("preview/<int:pk>/live/", views.live_preview, name="live-preview"),
    path("corrections/", views.corrections, name="corrections"),
    path("section/<slug:slug>/", views.section, name="section"),
    # taggit keeps non-Latin letters in slugs ("київ"), which the slug converter refuses.
    path("tags/<str:slug>/", views.tag, name="tag"),
    path("video/", views.video, name="video"),
    # The author page lists stories, so it is a feed view; authors/ owns only the profile.
    path("authors/<slug:slug>/", views.author, name="author"),
    path("search/", views.search, name="search"),
    *feed_urls("feeds/", "site", feeds.StoryFeed),
    *feed_urls("section/<slug:slug>/", "section", feeds.SectionFeed),
    *feed_urls("tags/<str:slug>/", "tag", feeds.TagFeed),
    *feed_urls("authors/<slug:slug>/", "author", feeds.AuthorFeed),
    *feed_urls("video/", "video", feeds.VideoFeed),
    path("feeds/partners/rss/", feeds.PartnerFeed(), name="partners-rss"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-news.xml", views.news_sitemap, name="sitemap-news"),
    path("sitemaps/<str:section>.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
