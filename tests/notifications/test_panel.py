"""The "Messages to the victim" panel on the case page: what, how, status, when, the error or the reason it
was held, and the letter's PDF; one query however many messages."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.notifications.conftest import agree, queue
from tests.web.conftest import in_welsh
from victimcare.notifications.delivery import send_message
from victimcare.notifications.models import Message
from victimcare.notifications.templatetags.notifications_panels import PANEL_LIMIT

pytestmark = pytest.mark.django_db
PANEL = Template("{% load notifications_panels %}{% notifications_panel case may_act %}")


def render(case):
    return PANEL.render(Context({"case": case, "may_act": True}))


def test_each_outcome_is_shown(case, officer, monkeypatch, mailoutbox):
    sent = queue(case)
    send_message(sent)
    letter = queue(case, channel="letter")  # the victim has no postal address: held
    failing = queue(case, channel="sms")

    class Broken:
        def send(self, message):
            raise OSError("Notify unreachable")

    from victimcare.notifications import channels
    monkeypatch.setattr(channels, "backend", lambda channel: Broken())
    send_message(failing)
    html = render(case)
    assert "Messages to the victim" in html
    assert html.count('<tr class="govuk-table__row">') == 4  # the header and three messages
    assert "Sent" in html and "Held back" in html and "Waiting to be sent" in html
    assert "No address for this channel" in html
    assert "Not sent after 1 attempt: OSError: Notify unreachable" in html
    assert reverse("notifications:letter", kwargs={"message_id": letter.pk}) in html
    assert "Text message" in html and "Email" in html
    assert sent.body not in html  # what was said stays in the message, not on the case page


def test_no_messages(case):
    assert "No messages to the victim yet." in render(case)


def test_staff_messages_are_not_in_the_victims_panel(case, officer):
    officer.email = "olwen@gwent.example"
    officer.save()
    queue(case, staff_user=officer)
    assert "No messages to the victim yet." in render(case)


def test_one_query_however_many(case, django_assert_num_queries):
    for _ in range(PANEL_LIMIT + 5):
        Message.objects.create(kind="example", case=case, victim=case.victim, channel="email", to="a@b.example",
                               body="x")
    with django_assert_num_queries(1):
        html = render(case)
    assert html.count('<tr class="govuk-table__row">') == PANEL_LIMIT + 1
    assert f"Showing the latest {PANEL_LIMIT} messages." in html


def test_on_the_case_page_in_welsh(client, case, officer):
    agree(case, officer, channel="email")
    queue(case)
    client.force_login(officer)
    section = reverse("cases:documents", kwargs={"case_id": case.pk})
    html = client.get(section).content.decode()
    assert 'id="messages"' in html and "Waiting to be sent" in html
    html = in_welsh(client).get(section).content.decode()
    assert "Dogfennau a negeseuon" in html and "Negeseuon at y dioddefwr" in html
    assert "Yn aros i gael ei hanfon" in html
