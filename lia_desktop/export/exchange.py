"""The exchange file (*.lia.json): one assessment, described by a JSON Schema (draft 2020-12).

Reading is strict and happens entirely before anything is written: a size cap, UTF-8, strict
JSON (no NaN or Infinity, no duplicate keys, no absurd nesting), the schema (extra fields
refused), a migration to the current schema version, then a check of every answer against
the questionnaire. Any failure is a BadExchangeFile that says what is wrong and where.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lia_desktop import APP_NAME, __version__
from lia_desktop.assets import resources_dir
from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import META_FIELDS, SIGNOFF_FIELDS, Assessment
from lia_desktop.export.text_safety import describe, harmless, unsafe_character
from lia_desktop.storage.errors import BadExchangeFile
from lia_desktop.storage.migrations import MigrationError, migrate

if TYPE_CHECKING:
    from lia_desktop.domain.evaluation import Evaluation  # loaded when first evaluated

FORMAT = "lia-assessment"
FORMAT_VERSION = 2
SUFFIX = ".lia.json"
MAX_BYTES = 20 * 1024 * 1024


@functools.cache
def schema() -> dict[str, Any]:
    path = resources_dir() / "schema" / "lia-assessment.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    """The schema's `pattern` as JSON Schema means it (ECMA-262): `$` is the end of the text.

    jsonschema applies patterns with Python's re, where `$` also matches before a final
    newline, so "<id>\\n" would pass ^...$ and slip past the duplicate-id check.
    """
    from jsonschema.exceptions import ValidationError

    if not isinstance(instance, str):
        return
    python_pattern = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern
    if not re.search(python_pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _validator() -> Any:
    import jsonschema  # imported on first use: it is the slowest import of the program

    jsonschema.Draft202012Validator.check_schema(schema())
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
    return strict(schema())


def advice_block(
    assessment: Assessment, questionnaire: Questionnaire, evaluation: Evaluation | None = None
) -> dict[str, Any]:
    """The advice as the exchange file carries it: the overall verdict and one per channel (from
    `evaluation` when the caller has evaluated the assessment already; the verdicts are the same
    in every language)."""
    from lia_desktop.domain.evaluation import evaluate

    result = evaluation or evaluate(assessment, questionnaire)
    return {
        "verdict": result.verdict.value,
        "channels": {c.channel: c.verdict.value for c in result.channels},
        "content_version": questionnaire.version,
        "on": result.on,
    }


def to_document(
    assessment: Assessment, questionnaire: Questionnaire | None = None, evaluation: Evaluation | None = None
) -> dict[str, Any]:
    """The exchange document; with the questionnaire it also carries the advice (informative)."""
    data = assessment.to_dict()
    data.pop("current_page", None)  # where the wizard was: screen state, not part of the record
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"{APP_NAME} {__version__}",
        "assessment": data,
    }
    if questionnaire is not None:
        # what import refuses never leaves the program (a record stored before input was cleaned)
        cleaned = _map_text({"assessment": data}, questionnaire, lambda text, _, multiline: harmless(text, multiline))
        document["assessment"] = cleaned["assessment"]
        document["advice"] = advice_block(assessment, questionnaire, evaluation)
    return document


def dumps(
    assessment: Assessment, questionnaire: Questionnaire | None = None, evaluation: Evaluation | None = None
) -> bytes:
    """The exchange file's bytes: UTF-8, indented, keys in a fixed order, ending in a newline."""
    document = to_document(assessment, questionnaire, evaluation)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _where(path: Any) -> str:
    parts = [str(p) for p in path]
    return "/" + "/".join(parts) if parts else "the top level"


def _check_answers(data: dict[str, Any], questionnaire: Questionnaire) -> None:
    """Each answer fits its item: a known option, a list of known options, a tick, or text."""
    assessment = data["assessment"]
    for item_id, answer in assessment["answers"].items():
        item = questionnaire.items[item_id]
        value = answer["value"]
        where = f"/assessment/answers/{item_id}/value"
        if value is None:
            continue
        if item.kind == "choice" and value not in item.options:
            raise ValueError(f"{where}: {value!r} is not one of {', '.join(item.options)}")
        if item.kind == "multi":
            if not isinstance(value, list):
                raise ValueError(f"{where}: expected a list of {', '.join(item.options)}")
            unknown = [v for v in value if v not in item.options]
            if unknown:
                raise ValueError(f"{where}: {unknown[0]!r} is not one of {', '.join(item.options)}")
        if item.kind == "check" and not isinstance(value, bool):
            raise ValueError(f"{where}: expected true or false")
        if item.kind in ("text", "longtext", "date") and not isinstance(value, str):
            raise ValueError(f"{where}: expected text")
    unknown = [s for s in assessment["safeguards"] if s not in questionnaire.safeguards]
    if unknown:
        raise ValueError(f"/assessment/safeguards: unknown safeguard {unknown[0]!r}")


_MULTILINE_FIELDS = ("decision_rationale",)


def _map_text(value: Any, q: Questionnaire, fix: Callable[[str, list[str], bool], str]) -> Any:
    """`value` with every text (keys included) passed through `fix(text, where, multiline)`."""

    def walk(value: Any, where: list[str], multiline: bool) -> Any:
        if isinstance(value, str):
            return fix(value, where, multiline)
        if isinstance(value, list):
            return [walk(element, [*where, str(index)], multiline) for index, element in enumerate(value)]
        if isinstance(value, dict):
            return {
                walk(key, where, False): walk(element, [*where, key], multiline or _is_multiline([*where, key], q))
                for key, element in value.items()
            }
        return value

    return walk(value, [], False)


def _check_text(data: dict[str, Any], questionnaire: Questionnaire) -> None:
    """No text holds a control character or a bidirectional override (see text_safety); tabs and
    line breaks only in notes, descriptions and the rationale."""

    def refuse(text: str, where: list[str], multiline: bool) -> str:
        char = unsafe_character(text, multiline)
        if char is not None:
            raise ValueError(f"{_where(where)}: the text holds the control character {describe(char)}")
        return text

    _map_text(data, questionnaire, refuse)


def _is_multiline(where: list[str], questionnaire: Questionnaire) -> bool:
    if where[-1] == "note" or (len(where) == 2 and where[-1] in _MULTILINE_FIELDS):
        return True
    if len(where) == 4 and where[1] == "answers" and where[3] == "value":
        item = questionnaire.items.get(where[2])
        return item is not None and item.kind == "longtext"
    return False


def parse(raw: bytes, source: str, questionnaire: Questionnaire) -> Assessment:
    """An assessment from the bytes of an exchange file; BadExchangeFile when it is not one."""
    if len(raw) > MAX_BYTES:
        raise BadExchangeFile(source, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadExchangeFile(source, f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise BadExchangeFile(source, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:
        raise BadExchangeFile(source, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise BadExchangeFile(source, "not an exchange file: the JSON is nested too deeply") from None
    if isinstance(data, dict) and data.get("format") not in (None, FORMAT):
        raise BadExchangeFile(source, f"not a LIA Desktop exchange file (format {data.get('format')!r})")
    if (
        isinstance(data, dict)
        and isinstance(data.get("format_version"), int)
        and data["format_version"] > FORMAT_VERSION
    ):
        raise BadExchangeFile(source, "written by a newer LIA Desktop; update the program")
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise BadExchangeFile(source, f"{_where(error.absolute_path)}: {error.message}")
    try:
        data["assessment"] = migrate(data["assessment"])
        _check_answers(data, questionnaire)
        _check_text(data, questionnaire)
        assessment = Assessment.from_dict(data["assessment"])
    except (MigrationError, ValueError) as exc:
        raise BadExchangeFile(source, str(exc)) from None
    return assessment


# pypdf decodes up to 75 MB per stream; an attachment we can use is at most MAX_BYTES.
def _pdf_limits() -> dict[str, int]:
    return {
        name: MAX_BYTES + 1
        for name in (
            "maximum_declared_stream_length",
            "array_based_stream_maximum_output_length",
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
        )
    }


def from_pdf(raw: bytes, source: str) -> bytes:
    """The exchange file a LIA Desktop PDF record carries as an attachment.

    The attachments are counted by name before any is decoded, and only the one is decoded,
    within the exchange file's size cap: a PDF with many compressed attachments costs nothing.
    """
    import pypdf  # only needed here; keeps start-up light
    from pypdf.errors import PyPdfError

    try:
        with pypdf.apply_configuration(**_pdf_limits()):
            found = []
            for entry in pypdf.PdfReader(io.BytesIO(raw)).attachment_list:
                if any(str(name).endswith(SUFFIX) for name in (entry.name, entry.alternative_name) if name):
                    found.append(entry)
                    if len(found) > 1:
                        break
            content = found[0].content if len(found) == 1 else None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise BadExchangeFile(source, f"a damaged PDF ({exc})") from None
    if content is None:
        raise BadExchangeFile(
            source, "a PDF without the LIA Desktop exchange file attached (is it a LIA Desktop record?)"
        )
    return content


def read(path: Path, questionnaire: Questionnaire) -> Assessment:
    """An assessment from an exchange file, or from a PDF record that carries one."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BadExchangeFile(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if raw.startswith(b"%PDF-"):
        if len(raw) > MAX_BYTES:
            raise BadExchangeFile(str(path), f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        raw = from_pdf(raw, str(path))
    return parse(raw, str(path), questionnaire)


# Every item that is stored as an answer (the schema's list of answer keys).
def answer_item_ids(questionnaire: Questionnaire) -> list[str]:
    return [
        item_id
        for item_id, item in questionnaire.items.items()
        if item_id not in META_FIELDS + SIGNOFF_FIELDS and item_id != "safeguards" and item.kind != "info"
    ]
