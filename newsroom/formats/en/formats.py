"""English as the newsroom writes it whichever English is active: "en" (the English edition's language in
settings.LANGUAGES) writes dates as "en-gb" does ("3 December 2026, 14:02"), not as Django's "en" ("Dec. 3, 2026")."""

from newsroom.formats.en_GB.formats import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONTH_DAY_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
)

__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "MONTH_DAY_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"]
