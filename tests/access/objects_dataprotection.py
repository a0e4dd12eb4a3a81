"""What the data protection app sets up for the access matrix (see tests/access/test_url_matrix.py): a subject
access request for the shared case's victim, and a retention review of the shared case waiting in the queue."""

import datetime as dt

from victimcare.dataprotection.models import RetentionReview, SubjectAccessRequest


def make(case, personas) -> dict:
    request = SubjectAccessRequest.objects.create(victim=case.victim, reference="SAR/2025/0001",
                                                  received_on=dt.date(2025, 11, 3),
                                                  recorded_by=personas["information_rights"])
    review = RetentionReview.objects.create(case=case, rule="default", review_on=dt.date(2025, 1, 1))
    return {"dp_victim": case.victim, "dp_request": request, "dp_review": review}
