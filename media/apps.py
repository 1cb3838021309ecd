from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = "Photos and credits"

    def ready(self):
        from . import signals

        signals.connect()
