from django.utils import formats, timezone


def local_time(moment):
    """A moment as the newsroom writes it everywhere, in local time: settings' DATETIME_FORMAT
    (newsroom/formats/en_GB/formats.py), e.g. "3 December 2026, 14:02"."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
