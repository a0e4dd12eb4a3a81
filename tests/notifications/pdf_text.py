"""Just enough of a PDF text extractor for the letters fpdf2 writes uncompressed (no pypdf or pdftotext here):
each text object's strings are glyph codes, mapped back to characters through the font's ToUnicode map."""

import re

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.DOTALL)
TOKEN = re.compile(rb"/(F\d+) [\d.]+ Tf|\((?:\\.|[^\\)])*\)|\bET\b", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _unescape(literal: bytes) -> bytes:
    def replace(match):
        escaped = match.group(1)
        return bytes([int(escaped, 8)]) if escaped[:1].isdigit() else ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, literal, flags=re.DOTALL)


def _cmap(stream: bytes) -> dict[int, str]:
    mapping = {}
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.DOTALL):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    return mapping


def pdf_lines(pdf: bytes) -> list[str]:
    """The text of every text object (BT ... ET), in order: one line each."""
    objects = {int(number): body for number, body in OBJECT.findall(pdf)}
    fonts = {}
    for body in objects.values():
        if fonts_dict := re.search(rb"/Font\s*<<(.*?)>>", body, re.DOTALL):
            for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", fonts_dict.group(1)):
                font = objects[int(number)]
                to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
                fonts[name] = _cmap(objects[int(to_unicode.group(1))]) if to_unicode else {}
    lines, current, font = [], [], {}
    for number in sorted(objects):
        body = objects[number]
        if b"stream" not in body or (b" Tj" not in body and b" TJ" not in body):
            continue
        for token in TOKEN.finditer(body):
            if token.group(1):
                font = fonts[token.group(1)]
            elif token.group(0) == b"ET":
                if current:
                    lines.append("".join(current))
                current = []
            else:
                raw = _unescape(token.group(0)[1:-1])
                current.extend(font.get(int.from_bytes(raw[i:i + 2], "big"), "?") for i in range(0, len(raw) - 1, 2))
    return lines
