import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from newsroom.settings import refuse_to_serve_without_a_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()
refuse_to_serve_without_a_key(settings)
