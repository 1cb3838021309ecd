"""How the Ukrainian edition writes dates and times: "2 грудня 2026, 14:02". The month is in the genitive
(Django's "E"), as a Ukrainian date says it; Django's own uk formats write "02 грудня 2026 р.", which a
newspaper does not. Anything not set here is Django's own uk format."""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = "j E Y, H:i"
# A live update from another day than the story's start: "14:02, 2 грудня".
MONTH_DAY_FORMAT = "j E"
