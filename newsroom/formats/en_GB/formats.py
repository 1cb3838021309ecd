"""How the newsroom writes dates and times, in the admin, in messages and on reader pages alike
("3 December 2026, 14:02"). Anything not set here is Django's own en_GB format."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
# A live update from another day than the story's start: "14:02, 2 Dec".
MONTH_DAY_FORMAT = "j M"
