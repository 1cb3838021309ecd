from django.http import Http404


def story(request, slug):
    raise Http404("To be written.")


def update(request, slug, pk):
    raise Http404("To be written.")


def poll(request, slug):
    raise Http404("To be written.")
