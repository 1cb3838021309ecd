"""Wording helpers for the demo stories: numbers and dates in words, and the topic markers of the
templates in devtools/demo/content.py ("[topic] text" is used only for stories on that topic)."""

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
TOPIC_RE = re.compile(r"^\[(\w+)\] ")


def people(count):
    """ "one person", "three people", "14 people"."""
    number = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{number} {'person' if count == 1 else 'people'}"


def capitalise(text):
    return text[:1].upper() + text[1:]


def with_article(noun):
    """ "a drone", "an artillery shell"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def day_month(moment):
    return f"{moment.day} {MONTHS[moment.month - 1]}"


def topic_of(text):
    match = TOPIC_RE.match(text)
    return match.group(1) if match else None


def for_topic(options, topic):
    """The options marked with this topic or with none; the marker is kept (see without_topic)."""
    return [option for option in options if topic_of(option if isinstance(option, str) else option[0]) in (None, topic)]


def without_topic(text):
    return TOPIC_RE.sub("", text)
