from django.urls import reverse


def navigation(request):
    """The language to switch to, and where the switch sends the user back to."""
    current = getattr(request, "LANGUAGE_CODE", "en")
    return {
        "other_language": "en" if current == "cy" else "cy",
        "language_switch_next": request.get_full_path() if request else reverse("home"),
    }
