from django.apps import AppConfig
from django.db.models.signals import post_delete


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from feed.events import story_event
        from feed.models import Article

        from .receivers import record_deletion, record_withdrawal

        story_event.connect(record_withdrawal, dispatch_uid="api-record-withdrawal")
        post_delete.connect(record_deletion, sender=Article, dispatch_uid="api-record-deletion")
