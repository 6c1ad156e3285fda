"""The login form (Flask-WTF, so it carries a CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    # The length cap keeps a megabyte-long "password" from tying up scrypt.
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )
