"""Babel's extractor for Django templates (babel.cfg; docs/translations.md): the admin and desk templates'
{% translate %}, {% blocktranslate %} and _("…"), read as Django's own makemessages reads them, by
templatize(), which turns a template into Python whose gettext calls Babel's Python extractor finds. One
tool (Babel) then extracts Python, Jinja2 and Django templates into one catalogue, and compiles it
without GNU gettext."""

import io

from babel.messages.extract import extract_python
from django.utils.translation.template import templatize


def extract_django_template(fileobj, keywords, comment_tags, options):
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    # templatize() keeps the template's indentation, which Python's tokenizer (unlike xgettext) refuses.
    python = "\n".join(line.lstrip() for line in templatize(source).splitlines()).encode("utf-8")
    yield from extract_python(io.BytesIO(python), keywords, comment_tags, {**options, "encoding": "utf-8"})
