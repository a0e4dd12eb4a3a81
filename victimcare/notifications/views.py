"""A letter from the outbox as a PDF, for staff who may see its case (to print or check it)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from victimcare.cases.access import get_case_for_user
from victimcare.notifications.letters import render_letter
from victimcare.notifications.models import Message, MessageChannel


@login_required
@require_GET
def letter_pdf(request, message_id: int):
    message = Message.objects.filter(pk=message_id, channel=MessageChannel.LETTER, case__isnull=False).first()
    if message is None:
        raise Http404("No such letter")
    case = get_case_for_user(request.user, message.case_id, what=f"Letter {message.pk} (PDF)")
    message.case = case
    response = HttpResponse(render_letter(message), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{message.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
