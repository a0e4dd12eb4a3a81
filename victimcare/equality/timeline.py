"""How recording equality answers reads on a case's timeline: that they were recorded and how, never what
they are (the event's data holds only `how`)."""

from django.utils.translation import gettext, gettext_noop

from victimcare.cases.models import TimelineEvent

# The kind's title, translated in this app's catalogue.
TITLE = gettext_noop("Equality monitoring answers recorded")


def _recorded(data, case):
    if data.get("how") == "portal":
        return gettext("The victim answered the equality monitoring questions in the portal."), ""
    return gettext("The victim's answers to the equality monitoring questions were recorded."), ""


DESCRIBERS = {TimelineEvent.Kind.EQUALITY_RECORDED: _recorded}
