import json

from django.apps import apps
from django.db import models

from victimcare.equality.groups import CHARACTERISTICS
from victimcare.monitoring import figures
from victimcare.monitoring.models import (
    ComplianceCell,
    FairnessCell,
    KindTimeToMeetCell,
    SatisfactionCell,
    TimeToMeetCell,
)

CELLS = (ComplianceCell, FairnessCell, TimeToMeetCell, KindTimeToMeetCell, SatisfactionCell)


def figures_now(filters, now) -> dict:
    """The Commissioner's figures as the dashboards read them: compliance by every breakdown, fairness by every
    characteristic, satisfaction by area and by each characteristic."""
    return {
        **{f"compliance:{by}": figures.compliance(filters, by, now=now)
           for by in ("standard", "kind", "area", "category", "organisation", "month")},
        **{f"fairness:{name}": figures.fairness(filters, name, now=now) for name in CHARACTERISTICS},
        **{f"satisfaction:{by}": figures.satisfaction(filters, by)
           for by in ("area", "category", "organisation", "updates", *CHARACTERISTICS)},
    }


def cells() -> dict:
    """Every monitoring cell's key and counts, without ids, cells with nothing in them left out."""
    found = {}
    for model in CELLS:
        rows = []
        for row in model.objects.values():
            row.pop("id")
            if any(value for key, value in row.items() if isinstance(value, int) and not isinstance(value, bool)
                   and key not in ("standard", "bucket", "organisation_id")) or model is SatisfactionCell:
                rows.append(json.dumps(row, sort_keys=True, default=str))
        found[model.__name__] = sorted(rows)
    return found


def text_columns_containing(values) -> list[str]:
    """[table.column: value] for every text or JSON column of every table holding any of `values`."""
    wanted = [value.lower() for value in values]
    found = []
    for model in apps.get_models():
        columns = [field.attname for field in model._meta.concrete_fields
                   if isinstance(field, (models.CharField, models.TextField, models.JSONField))]
        if not columns:
            continue
        for row in model._base_manager.values_list(*columns):
            for column, value in zip(columns, row, strict=True):
                text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                for needle in wanted:
                    if needle in (text or "").lower():
                        found.append(f"{model._meta.label}.{column}: {needle}")
    return found
