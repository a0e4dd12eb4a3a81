"""What each kind of message is, in a few words for the timeline and the case page (never its text).
Apps that queue a kind may register a label for it from their AppConfig.ready(); others read as their name."""

from django.utils.translation import pgettext_lazy

LABELS: dict = {
    "staff_reminder": pgettext_lazy("message kind", "reminder of an overdue commitment"),
}


def register_kind_labels(labels: dict) -> None:
    LABELS.update(labels)


def kind_label(kind: str) -> str:
    label = LABELS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ")
