from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """For load balancers (and `make bench`'s baseline): the app answers. Touches no database or cache."""
    return HttpResponse("ok", content_type="text/plain")
