"""Reading forms out of rendered pages, and a fingerprint of the database, for the hostile-input tests.

Fields are found from the HTML the user is given (stdlib html.parser), never listed by hand: a field added
to a form is attacked the next time the tests run."""

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import connection


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, hidden, radio, checkbox, select, number, email, tel, password, date-part, file
    values: list[str] = field(default_factory=list)  # the options of a radio, checkbox or select
    value: str = ""  # as rendered (a text input's value, a checked radio's or a selected option's)
    id: str = ""
    inputmode: str = ""


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def visible(self) -> list[Field]:
        return [f for f in self.fields.values() if f.kind not in ("hidden", "submit")]


@dataclass
class Page:
    forms: list[Form] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    error_summary: bool = False
    summary_links: list[str] = field(default_factory=list)  # the href targets (ids) of the summary's links
    summary_texts: list[str] = field(default_factory=list)  # and their text
    error_messages: set[str] = field(default_factory=set)  # ids of GOV.UK error messages ("<field id>-error")


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None
        self.in_summary = 0
        self.depth = 0

    def _add(self, name, kind, **values):
        if self.form is None or not name:
            return None
        existing = self.form.fields.get(name)
        if existing is None:
            existing = self.form.fields[name] = Field(name=name, kind=kind, **values)
        return existing

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if a.get("id"):
            self.page.ids.add(a["id"])
        classes = a.get("class", "").split()
        if "govuk-error-summary" in classes:
            self.page.error_summary = True
        if "govuk-error-summary__list" in classes:
            self.in_summary = 1
        elif self.in_summary and tag == "a" and a.get("href", "").startswith("#"):
            self.page.summary_links.append(a["href"][1:])
            self.page.summary_texts.append("")
            self.in_summary = 2
        if "govuk-error-message" in classes and a.get("id"):
            self.page.error_messages.add(a["id"])
        if tag == "form":
            self.form = Form(method=a.get("method", "get").lower(), action=a.get("action", ""))
            self.page.forms.append(self.form)
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            made = self._add(a.get("name"), kind, id=a.get("id", ""), inputmode=a.get("inputmode", ""))
            if made is None:
                return
            if kind in ("radio", "checkbox"):
                made.values.append(a.get("value", "on"))
                if "checked" in a:
                    made.value = a.get("value", "on")
            else:
                made.value = a.get("value", "")
        elif tag == "select":
            self.select = self._add(a.get("name"), "select", id=a.get("id", ""))
        elif tag == "option" and self.select is not None:
            self.select.values.append(a.get("value", ""))
            if "selected" in a:
                self.select.value = a.get("value", "")
        elif tag == "textarea":
            self.textarea = self._add(a.get("name"), "textarea", id=a.get("id", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "ul" and self.in_summary:
            self.in_summary = 0
        elif tag == "a" and self.in_summary == 2:
            self.in_summary = 1

    def handle_data(self, data):
        if self.in_summary == 2:
            self.page.summary_texts[-1] += data
        if self.textarea is not None:
            self.textarea.value += data


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


# Tables a rejected form may still write to: reads are logged (the access log and its chain), sign-in
# attempts counted (django-axes), sessions kept. Everything else must be exactly as it was.
LOG_TABLES = ("django_migrations", "django_session", "axes_", "accesslog", "access_log", "audit", "otp_")


def fingerprint() -> dict[str, str]:
    """A digest of every row of every table but the logs: compare two to see whether anything was saved."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if any(part in table.lower() for part in LOG_TABLES):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our own table names)
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))
