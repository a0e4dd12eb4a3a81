"""The API reference page: the OpenAPI description rendered as a GOV.UK page.

Swagger UI and Redoc fail the accessibility check (nested interactive controls, small targets), so
the same schema drf-spectacular serves at /api/schema/ is shown here in our own accessible layout."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str = ""
    values: list[str] = field(default_factory=list)


@dataclass
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    request_schema: str
    responses: list[tuple[str, str, str]]  # status, description, schema name


@lru_cache(maxsize=1)
def openapi_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _schema_name(schema: dict | None) -> str:
    ref = (schema or {}).get("$ref", "")
    if not ref and (schema or {}).get("type") == "array":
        ref = schema["items"].get("$ref", "")
    return ref.rsplit("/", 1)[-1]


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return _schema_name(schema)
    if "allOf" in schema:
        return " ".join(_type_of(part) for part in schema["allOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _parameters(operation: dict) -> list[Field]:
    return [
        Field(
            name=f"{parameter['name']} ({parameter['in']})",
            type=_type_of(parameter.get("schema", {})),
            required=parameter.get("required", False),
            description=parameter.get("description", ""),
            values=[str(value) for value in parameter.get("schema", {}).get("enum", [])],
        )
        for parameter in operation.get("parameters", [])
    ]


def _json_schema(part: dict) -> dict:
    return part.get("content", {}).get("application/json", {}).get("schema", {})


def operations(schema: dict) -> list[Operation]:
    found = []
    for path, methods in schema["paths"].items():
        for method in METHODS:
            if method not in methods:
                continue
            operation = methods[method]
            found.append(Operation(
                anchor=operation["operationId"],
                method=method.upper(),
                path=path,
                summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=_parameters(operation),
                request_schema=_schema_name(_json_schema(operation.get("requestBody", {}))),
                responses=[
                    (status, response.get("description", ""), _schema_name(_json_schema(response)))
                    for status, response in operation.get("responses", {}).items()
                ],
            ))
    return found


def objects(schema: dict) -> dict[str, list[Field]]:
    described = {}
    for name, component in schema["components"]["schemas"].items():
        if "properties" not in component:
            continue
        required = set(component.get("required", []))
        described[name] = [
            Field(
                name=property_name,
                type=_type_of(definition),
                required=property_name in required,
                description=definition.get("description", ""),
                values=[str(value) for value in definition.get("enum", [])],
            )
            for property_name, definition in component["properties"].items()
        ]
    return described


def enumerations(schema: dict) -> dict[str, list[str]]:
    return {
        name: [str(value) for value in component["enum"]]
        for name, component in schema["components"]["schemas"].items()
        if "enum" in component
    }


def api_reference(request):
    schema = openapi_schema()
    return render(request, "api/reference.html", {
        "info": schema["info"],
        "operations": operations(schema),
        "objects": objects(schema),
        "enumerations": enumerations(schema),
    })
