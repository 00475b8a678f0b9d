"""The translation layer: every user-visible string goes through :func:`gettext`.

Messages are written in English in the code and translated through gettext catalogs under
``daicho/locales``. The language comes from ``--lang``, then ``DAICHO_LANG``, then the locale
(``LANG=ja_JP.UTF-8`` picks Japanese); English is the fallback.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "current_language", "gettext", "ngettext", "set_language", "translator"]

LANGUAGES = ("ja", "en")
_LOCALES = Path(__file__).parent / "locales"
_DOMAIN = "daicho"
_state: dict[str, str] = {}


def _from_environment() -> str:
    argv = sys.argv
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    env = os.environ.get("DAICHO_LANG")
    if env:
        return env
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "ja" if locale and locale.startswith("ja") else "en"


def current_language() -> str:
    """The language messages are shown in: ``"ja"`` or ``"en"``."""
    if "lang" not in _state:
        lang = _from_environment()
        _state["lang"] = lang if lang in LANGUAGES else "en"
    return _state["lang"]


def set_language(lang: str) -> None:
    """Show messages in ``lang`` from now on."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose ja or en")
    _state["lang"] = lang


@cache
def translator(lang: str) -> _gettext.NullTranslations:
    """The gettext catalog for ``lang``."""
    return _gettext.translation(_DOMAIN, localedir=_LOCALES, languages=[lang], fallback=True)


def gettext(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translator(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on ``n``."""
    return translator(current_language()).ngettext(singular, plural, n)
