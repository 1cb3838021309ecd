from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing a user name longer than any account's before it is tried.

    Django's form only sets the box's maxlength, so a longer name was passed to authenticate(), and
    django-axes' record of the failed attempt (255 characters) raised a database error on PostgreSQL.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
