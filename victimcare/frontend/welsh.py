"""Corrections to Django's own Welsh catalogue.

Django's Welsh spells July "Gorffenaf"; it is "Gorffennaf". Marking the msgids here puts them in our
catalogue (victimcare/locale, listed in LOCALE_PATHS, which takes precedence over Django's), where the
correct spelling is given. This module is never imported: makemessages only needs to find the strings.
"""

from django.utils.translation import gettext_noop, pgettext_noop

CORRECTED_IN_OUR_CATALOGUE = (
    gettext_noop("July"),
    pgettext_noop("alt. month", "July"),
)
