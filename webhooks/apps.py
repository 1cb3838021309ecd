from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from feed.events import story_event

        from .receivers import queue_deliveries

        story_event.connect(queue_deliveries, dispatch_uid="webhooks-queue-deliveries")
