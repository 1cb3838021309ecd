from django.apps import AppConfig


class WiresConfig(AppConfig):
    name = "wires"
    verbose_name = "Wires"
