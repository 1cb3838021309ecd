from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "feed"
    verbose_name = "News feed"

    def ready(self):
        from . import signals

        signals.connect()
