"""How the survey reads on a case's timeline, in the reader's language."""

from django.utils.translation import gettext

from victimcare.cases.models import TimelineEvent


def _answered(data, case):
    if data.get("how") == "phone":
        return gettext("The victim answered the satisfaction survey by phone."), ""
    return gettext("The victim answered the satisfaction survey in the portal."), ""


DESCRIBERS = {TimelineEvent.Kind.SURVEY_ANSWERED: _answered}
