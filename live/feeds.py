from django.http import Http404


class LiveUpdatesFeed:
    def __call__(self, request, slug):
        raise Http404("To be written.")


class LiveUpdatesAtomFeed(LiveUpdatesFeed):
    pass
