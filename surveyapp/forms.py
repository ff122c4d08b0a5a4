"""The base of every form: Flask-WTF's ``FlaskForm``, with WTForms' own messages loaded once.

Flask-WTF reads WTForms' message catalogue from disk on every request that builds a form
(it caches it on the request only): on the idea wall that was a tenth of a vote's time.
The catalogue does not change while the process runs, so it is kept per language. WTForms
has no nynorsk catalogue; a nynorsk page gets its few built-in messages in bokmål rather
than in English.
"""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path


@lru_cache(maxsize=8)
def _wtforms_messages(locale: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [locale, "nb"], domain="wtforms")


class AppForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            locale = get_locale()
            return None if locale is None else _wtforms_messages(str(locale))
