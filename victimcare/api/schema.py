"""The answers every endpoint may give besides its own, added to the OpenAPI description after it is generated
(SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]), so that a client (and schemathesis) knows every status code and
the body that comes with it:

- 400 on a paged list: a filter value or page number that is not valid, named in the body.
- 401: no token, or one that is not valid, revoked or expired.
- 403: the token lacks the scope the endpoint needs (or the user may see but not change the case).
- 404: no such object or one you may not see; a page past the last.
- 429: too many requests with this token, or too many bad tokens from this address.
"""

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in the request's language."}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each field (or query parameter) that is not valid, with what is wrong with it; `detail` when "
                   "the body could not be read at all.",
    "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
}

COMMON = {
    "401": "No token, or a token that is not valid, was revoked or has expired.",
    "403": "The token does not have the scope this endpoint needs.",
    "429": "Too many requests with this token, or too many tokens that did not work from this address "
           "(Retry-After says when to try again).",
}
NOT_FOUND_OBJECT = "No such object, or one you may not see."
NOT_FOUND_PAGE = "No such page of results."
BAD_QUERY = "A query parameter (a filter or the page number) is not valid; the response names it."


def _content(name: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def add_common_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            paged = any(parameter.get("name") == "page" for parameter in operation.get("parameters", []))
            wanted = dict(COMMON)
            found = [NOT_FOUND_OBJECT] * ("{" in path) + [NOT_FOUND_PAGE] * paged
            wanted["404"] = " ".join(found) or NOT_FOUND_OBJECT
            if paged:
                wanted["400"] = BAD_QUERY
            for status, description in wanted.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                if status.startswith(("4", "5")) and "content" not in response:
                    response["content"] = _content("FieldErrors" if status == "400" else "Error")
    return result
