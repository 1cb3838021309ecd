"""The production WSGI app, plus the demo's uploaded photos (a real deployment serves those from its web server)."""

from django.conf import settings
from whitenoise import WhiteNoise

from newsroom.wsgi import application as django_application

application = WhiteNoise(django_application)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
