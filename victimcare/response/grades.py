"""Response grades: each grade's name and its target time, from the force's configurable deadlines
(settings.CHARTER_DEADLINES, defaults in DOMAIN.md). Grade 1 has an urban and a rural target."""

from dataclasses import dataclass

from django.utils.translation import get_language, ngettext

from victimcare.charter.services import deadlines

_NAMES = {
    1: ("Emergency", "Argyfwng"),
    2: ("Priority", "Blaenoriaeth"),
    3: ("Scheduled", "Wedi'i drefnu"),
    4: ("Resolution without deployment", "Datrys heb anfon swyddog"),
}


@dataclass(frozen=True)
class Grade:
    number: int
    name_en: str
    name_cy: str
    target_minutes: int
    rural_target_minutes: int

    def name(self, language: str | None = None) -> str:
        return self.name_cy if (language or get_language() or "en") == "cy" else self.name_en

    def target_for(self, rural: bool) -> int:
        return self.rural_target_minutes if rural else self.target_minutes


def grades() -> list[Grade]:
    """Every configured grade, in order, with its targets in minutes (urban, rural)."""
    policy = deadlines()
    found = []
    for number, minutes in sorted(policy.response_minutes.items()):
        english, welsh = _NAMES.get(number, (f"Grade {number}", f"Gradd {number}"))
        rural = policy.response_grade_1_rural_minutes if number == 1 else minutes
        found.append(Grade(number, english, welsh, minutes, rural))
    return found


def grade(number) -> Grade | None:
    return next((g for g in grades() if g.number == number), None)


def duration_text(minutes: int) -> str:
    """'15 minutes', '1 hour', '48 hours', '1 hour 30 minutes', in the current language."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest})
    return " ".join(parts)
