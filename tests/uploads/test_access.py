"""Every persona of the access matrix against a photograph's address (the matrix itself rules the serving URL
for a letter): the item's case officers and supervisor and the force's property officer get the image; anyone
else 404, the anonymous the sign-in page."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.rules import PERSONAS, PORTAL_PERSONAS, Redirect
from tests.access.rules_uploads import RULES
from tests.access.test_url_matrix import objects  # noqa: F401 - the matrix's fixture
from tests.portal.helpers import sign_in_to_portal
from victimcare.uploads.models import StoredFile


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_photographs_address_for_each_persona(objects, personas, persona):  # noqa: F811
    photograph = StoredFile.objects.get(key=objects["photograph_key"].pk)
    client = Client()
    if persona in PORTAL_PERSONAS:
        sign_in_to_portal(client, objects[f"{persona}_case"])
    elif persona != "anonymous":
        client.force_login(personas[persona])
    response = client.get(reverse("uploads:serve", kwargs={"key": photograph.key}))
    expected = RULES["uploads:photographs"].expected[persona]  # the same people as the item's photographs
    if isinstance(expected, Redirect):
        assert response.status_code == 302 and urlsplit(response["Location"]).path == reverse(expected.to)
    else:
        assert response.status_code == expected
        if expected == 200:
            assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
