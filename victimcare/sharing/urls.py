from django.urls import path

from victimcare.sharing import views

app_name = "sharing"
urlpatterns = [
    path("cases/<int:case_id>/consent/", views.ledger, name="ledger"),
    path("cases/<int:case_id>/consent/new/", views.record_consent, name="record-consent"),
    path("cases/<int:case_id>/share/", views.share, name="share"),
    path("disclosures/<int:disclosure_id>/end/", views.end, name="end"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:disclosure_id>/", views.decide, name="decide"),
    path("shared/", views.shared_cases, name="shared-cases"),
    path("shared/<int:case_id>/", views.shared_case, name="shared-case"),
]
