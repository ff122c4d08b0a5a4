"""The base of every form: Flask-WTF's ``FlaskForm``, with WTForms' own messages in Norwegian.

Flask-WTF's translations (``WTF_I18N_ENABLED``) read WTForms' message catalogue from disk on
every request that builds a form (it caches it on the request only): on the idea wall that
was a tenth of a vote's time. With them off, WTForms' own ``Meta.locales`` picks the
catalogue and WTForms keeps it per language for the life of the process
(``Meta.cache_translations``). WTForms has no nynorsk catalogue; a nynorsk page gets its few
built-in messages in bokmål rather than in English.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_wtf import FlaskForm


class AppForm(FlaskForm):
    class Meta:
        @property
        def locales(self) -> list[str] | bool:
            locale = get_locale()
            return False if locale is None else [str(locale), "nb"]
