"""The Django admin changes no victim's personal data: every model that holds it (every model reached from the
victim by dataprotection.records' walk of the model relations, so a new one is covered at once) is either not in
the admin or read-only there (no add, change or delete, even for a superuser), so that nothing is changed without
going through a service that logs it. The access log itself is kept out of the admin."""

from django.contrib import admin
from django.test import RequestFactory

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.dataprotection.records import EXCLUDED, reachable_models
from victimcare.victims.models import Victim


def test_no_model_holding_personal_data_is_editable_in_the_admin(administrator):
    holding = set(reachable_models())
    assert {Victim, TimelineEvent, CaseAccessLog} <= holding
    request = RequestFactory().get("/admin/")
    request.user = administrator
    editable = sorted(
        model._meta.label for model, model_admin in admin.site._registry.items()
        if (model in holding or model._meta.label in EXCLUDED) and (
            model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request))
    )
    assert not editable, f"These models hold victims' personal data and can be changed in the admin: {editable}"
    assert CaseAccessLog not in admin.site._registry
