"""The way a change came in, when it is not the admin (the JSON API's token), named in the story's
history next to the user: "Published. (through the API, token “Newsletter tool”)"."""

from contextlib import contextmanager
from contextvars import ContextVar

_channel = ContextVar("channel", default="")


@contextmanager
def acting_through(label):
    token = _channel.set(label)
    try:
        yield
    finally:
        _channel.reset(token)


def described(message):
    label = _channel.get()
    return f"{message} ({label})" if label else message
