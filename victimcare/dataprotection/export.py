"""The subject access export: everything held about a victim, as a ZIP.

- data/<app>.<Model>.json: every record of each table about the victim and their cases (records.collect), each
  with every column; a table the force may be allowed to withhold is marked (records.MAY_BE_WITHHELD).
- summary.html: the same in plain words, in the victim's language (Welsh or English).
- files/: the files uploaded to their cases (victimcare.uploads), when that app provides them.
- index.json: what is where, the request, when and by whom it was made, and what was left out and why."""

import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation

from victimcare.cases.models import Case
from victimcare.dataprotection import records
from victimcare.victims.models import Victim


def victim_language(victim) -> str:
    return "cy" if victim.preferred_language == Victim.Language.WELSH else "en"


def uploaded_files_for_case(case) -> list[tuple[str, bytes]]:
    """HOOK for victimcare.uploads: [(file name, content)] of every file uploaded to `case`. Uses
    `victimcare.uploads.services.files_for_case(case)` when that exists (each item with `.name` and `.file`, or a
    (name, bytes) pair); an empty list until it does."""
    try:
        from victimcare.uploads import services as uploads
    except ImportError:
        return []
    files_for_case = getattr(uploads, "files_for_case", None)
    if files_for_case is None:
        return []
    found = []
    for item in files_for_case(case):
        if isinstance(item, tuple):
            found.append(item)
        else:
            with item.file.open("rb") as handle:
                found.append((getattr(item, "original_name", "") or item.file.name.rsplit("/", 1)[-1], handle.read()))
    return found


def tables_for(victim) -> list[dict]:
    """[{table, rows, may_be_withheld}] of every record about `victim`, in the order the walk reached them."""
    found = records.collect(victim_ids=[victim.pk])
    tables = []
    for model, pks in found.items():
        rows = list(model._base_manager.filter(pk__in=pks).order_by("pk").values())
        withheld = records.MAY_BE_WITHHELD.get(records.label(model))
        tables.append({"table": records.label(model), "name": str(model._meta.verbose_name_plural), "rows": rows,
                       "may_be_withheld": str(withheld) if withheld else ""})
    return tables


def build_export(victim, request, user) -> tuple[bytes, dict]:
    """(the ZIP's bytes, counts {cases, records, files}); the words in the victim's language."""
    with translation.override(victim_language(victim)):
        return _build_export(victim, request, user)


def _build_export(victim, request, user) -> tuple[bytes, dict]:
    tables = tables_for(victim)
    cases = list(Case.objects.filter(victim=victim).select_related("crime", "unit", "officer").order_by("opened_at"))
    buffer = io.BytesIO()
    written_files = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"data/{table['table']}.json", _json({
                "table": table["table"], "may_be_withheld": table["may_be_withheld"], "rows": table["rows"]}))
        for case in cases:
            for number, (name, content) in enumerate(uploaded_files_for_case(case), start=1):
                safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name) or "file"
                archive.writestr(f"files/{case.crime.reference.replace('/', '-')}/{number}-{safe}", content)
                written_files += 1
        archive.writestr("summary.html", render_to_string("dataprotection/export_summary.html", {
            "victim": victim, "request": request, "cases": _cases_in_words(cases), "tables": tables,
            "excluded": records.EXCLUDED, "made_at": timezone.now(), "language": victim_language(victim),
            "equality": _equality_in_words(victim)}))
        counts = {"cases": len(cases), "records": sum(len(table["rows"]) for table in tables), "files": written_files}
        archive.writestr("index.json", _json({
            "request": request.reference, "received_on": request.received_on, "made_at": timezone.now(),
            "made_by": user.username, "counts": counts,
            "tables": {table["table"]: {"rows": len(table["rows"]), "may_be_withheld": table["may_be_withheld"]}
                       for table in tables},
            "left_out": records.EXCLUDED,
            "not_included": "Timeline entries recorded against the crime rather than the case (outcomes from "
                            "data.police.uk) are public and are not in the data files.",
        }))
    return buffer.getvalue(), counts


def _json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _cases_in_words(cases) -> list[dict]:
    from victimcare.cases.timeline import describe

    return [{"case": case, "timeline": [describe(event, case) for event in case.timeline.select_related("actor")],
             "commitments": list(case.commitments.order_by("due_at"))} for case in cases]


def _equality_in_words(victim) -> list[tuple[str, str]]:
    from victimcare.equality.models import ANSWERED, EqualityAnswers

    answers = EqualityAnswers.objects.filter(victim=victim).first()
    if answers is None:
        return []
    return [(str(answers._meta.get_field(name).verbose_name),
             str(dict(choices.choices).get(getattr(answers, name), ""))) for name, choices in ANSWERED.items()]
