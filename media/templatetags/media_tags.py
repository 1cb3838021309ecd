from django import template
from django.template import engines

register = template.Library()


@register.simple_tag
def photo_credit(credit):
    """The credit line readers see under a photo, for Django templates and the admin's photo list
    ("Readers see"): the reader's own macro, media/_photo_credit.html (Jinja2), so both show the same."""
    return engines["jinja2"].env.get_template("media/_photo_credit.html").module.photo_credit(credit)
