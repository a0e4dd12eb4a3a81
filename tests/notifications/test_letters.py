"""Letters as PDF: the sender, the date in the letter's language, the address, the body and page numbers,
with every Welsh letter intact; and the staff download, for those who may see the case only."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.notifications.conftest import queue
from tests.notifications.pdf_text import pdf_lines
from victimcare.cases.models import CaseAccessLog
from victimcare.notifications.letters import render_letter

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_a_welsh_letter_reads_in_welsh_with_every_letter(welsh_letter_case):
    message = queue(welsh_letter_case, at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON))
    assert (message.channel, message.language) == ("letter", "cy")
    lines = pdf_lines(render_letter(message, compress=False))
    assert lines[:2] == ["Heddlu Gwent", "CID Casnewydd"]  # the force and the unit, in Welsh
    address = lines.index("Gwenllïan Ŵyn")
    assert lines[address:address + 6] == ["Gwenllïan Ŵyn", "Tŷ Ŵyn", "1 Heol y Dŵr", "Casnewydd", "NP20 1AA",
                                          "2 Mawrth 2026"]
    assert "Neges gan Heddlu Gwent" in lines
    text = " ".join(lines)
    assert "Rydym wedi siarad â'r tyst ger y tŵr a'r tŷ gwyn." in text
    assert lines[-1] == "Tudalen 1 o 1"


def test_an_english_letter_and_a_long_one_has_numbered_pages(case, officer):
    from tests.notifications.conftest import agree

    victim = case.victim
    victim.address, victim.postcode = "1 High Street\nNewport", "NP20 1AA"
    victim.save()
    agree(case, officer, channel="letter")
    message = queue(case, context={"extra": "\n".join(f"Paragraph {n}." for n in range(120))},
                    at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON))
    lines = pdf_lines(render_letter(message, compress=False))
    assert "2 March 2026" in lines
    assert "Gwent Police" in lines
    pages = [line for line in lines if line.startswith("Page ")]
    assert len(pages) >= 2
    assert pages == [f"Page {n} of {len(pages)}" for n in range(1, len(pages) + 1)]
    assert "Paragraph 119." in lines


def test_the_compressed_letter_is_a_pdf(welsh_letter_case):
    pdf = render_letter(queue(welsh_letter_case))
    assert pdf.startswith(b"%PDF-1.") and pdf.rstrip().endswith(b"%%EOF")


def test_staff_who_see_the_case_download_the_letter_and_it_is_logged(client, welsh_letter_case, officer,
                                                                     other_officer):
    message = queue(welsh_letter_case)
    url = reverse("notifications:letter", kwargs={"message_id": message.pk})
    assert url == f"/messages/{message.pk}/letter.pdf"
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    log = CaseAccessLog.objects.filter(case=welsh_letter_case, user=officer).latest("pk")
    assert log.what == f"Letter {message.pk} (PDF)"
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    assert not CaseAccessLog.objects.filter(user=other_officer).exists()


def test_only_letters_have_a_pdf(client, case, officer):
    email = queue(case)
    client.force_login(officer)
    assert client.get(reverse("notifications:letter", kwargs={"message_id": email.pk})).status_code == 404
    assert client.get("/messages/999999/letter.pdf").status_code == 404
