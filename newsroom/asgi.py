import os

from django.conf import settings
from django.core.asgi import get_asgi_application

from newsroom.settings import refuse_to_serve_without_a_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_asgi_application()
refuse_to_serve_without_a_key(settings)
