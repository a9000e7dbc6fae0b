"""Reading scenario files: YAML -> validated :class:`~collsec.scenarios.model.Scenario`.

Every problem is reported as one :class:`~collsec.errors.InputError` naming the file, the
line and the dotted path of the field, and what was expected: never a traceback.
Overrides (``--set actors.USSR.absent=false`` and the ``counterfactuals:`` section) are applied
to the raw data before validation, so they are checked like the file itself.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from collsec.errors import InputError
from collsec.inputs import exists, load_yaml, read_text, yaml_value
from collsec.scenarios.model import Scenario

CASES_PACKAGE = "collsec.corpus"
CASES_FOLDER = "scenarios"


def _case_files() -> dict[str, object]:
    folder = resources.files(CASES_PACKAGE).joinpath(CASES_FOLDER)
    return {f.name[:-5]: f for f in folder.iterdir() if f.name.endswith(".yaml")}


def _chronological(name: str) -> tuple:
    """Sort key: the year a case name ends with (``korea-1950``), then the name."""
    year = re.search(r"(\d{4})(?!.*\d{4})", name)
    return (int(year.group(1)) if year else 9999, name)


def case_names() -> list[str]:
    """Names of the built-in cases (the corpus's scenarios), in chronological order."""
    return sorted(_case_files(), key=_chronological)


def _case_file(name: str):
    return _case_files().get(name)


def read_source(source: str | Path) -> tuple[str, str]:
    """``(label, text)`` of a scenario given as a file path or a built-in case name."""
    path = Path(source)
    if exists(path):
        return str(path), read_text(path)
    case = _case_file(str(source))
    if case is not None:
        return f"{source} (built-in case)", case.read_text(encoding="utf-8")
    raise InputError(
        str(source),
        "scenario",
        "a path to a YAML file or a built-in case (collsec cases lists them)",
    )


# ---------------------------------------------------------------- YAML with positions
def parse_yaml(label: str, text: str) -> tuple[dict, dict[tuple, int]]:
    """Parse scenario text through the input layer (:mod:`collsec.inputs`: limits, duplicate
    keys, self-containing aliases, strict values); returns the mapping and its line map.
    """
    doc = load_yaml(label, text)
    if not isinstance(doc.data, dict):
        raise InputError(
            label,
            "top level",
            "a mapping of scenario fields (name, title, actors...)",
            type(doc.data).__name__,
        )
    return doc.data, doc.lines


# ---------------------------------------------------------------- overrides
def _model_of(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _is_mapping(annotation) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_is_mapping(a) for a in typing.get_args(annotation))
    return origin is dict


def _key_in(collection: Mapping, name: str) -> str | None:
    """A key of ``collection`` matching ``name`` exactly, case-insensitively or by an alias."""
    if name in collection:
        return name
    for key, spec in collection.items():
        aliases = spec.get("aliases", ()) if isinstance(spec, dict) else ()
        if str(key).lower() == name.lower() or name.lower() in (str(a).lower() for a in aliases):
            return key
    return None


def _is_sequence(annotation) -> bool:
    return typing.get_origin(annotation) in (tuple, list)


def apply_override(data: dict, path: str, value: object, source: str = "--set") -> tuple:
    """Set ``path`` (dotted: ``actors.USSR.absent``, ``bodies.UNSC.members``) to ``value``.

    The path follows the scenario format: fields of models by name, actors by code or alias,
    bodies by id or index. A new key is allowed only in a free mapping (``trade_share``).
    Returns the place it set, as keys and indices of ``data`` (aliases resolved). Raises
    :class:`InputError` naming the path and what was expected.
    """
    path = str(path)
    parts = path.split(".")
    trail: list = []
    node: dict = data
    model: type[BaseModel] | None = Scenario
    i = 0
    while i < len(parts):
        part, last = parts[i], i == len(parts) - 1
        here = ".".join(parts[:i]) or "the scenario"
        if model is None:  # a free mapping: the last part is its key
            if not last:
                raise InputError(source, path, f"a key of {here} as the last part", None)
            node[part] = value
            return (*trail, part)
        if part not in model.model_fields:
            raise InputError(
                source, path, f"a field of {here} (one of: {', '.join(model.model_fields)})", part
            )
        if last:
            node[part] = value
            return (*trail, part)
        annotation = model.model_fields[part].annotation
        nested = _model_of(annotation)
        child = node.setdefault(part, [] if _is_sequence(annotation) else {})
        if nested is not None and (_is_mapping(annotation) or _is_sequence(annotation)):
            # a collection of models: actors by key/alias, bodies by id/index
            if not isinstance(child, list if _is_sequence(annotation) else dict):
                kind = "a list" if _is_sequence(annotation) else "a mapping"
                raise InputError(
                    source, path, f"{part} in the scenario to be {kind} to set a value in", child
                )
            name = parts[i + 1]
            if isinstance(child, dict):
                key = _key_in(child, name)
                found = child.get(key) if key is not None else None
                where = key
                choices = ", ".join(map(str, child))
            else:
                ids = [b.get("id") if isinstance(b, dict) else None for b in child]
                idx = ids.index(name) if name in ids else (int(name) if name.isdecimal() else -1)
                found = child[idx] if 0 <= idx < len(child) else None
                where = idx
                choices = ", ".join(map(str, ids))
            if not isinstance(found, dict):
                raise InputError(
                    source,
                    path,
                    f"one of the {part} defined in the scenario ({choices or 'none'})",
                    name,
                )
            if i + 2 >= len(parts):
                raise InputError(source, path, f"a field of {part}.{name} after its name", None)
            node, model, i = found, nested, i + 2
            trail += [part, where]
            continue
        if nested is None and not _is_mapping(annotation):
            raise InputError(source, path, f"{part} to be the last part (it holds a value)", None)
        if not isinstance(child, dict):
            raise InputError(source, path, f"{part} in the file to be a mapping", child)
        node, model, i = child, (None if _is_mapping(annotation) else nested), i + 1
        trail.append(part)
    raise InputError(source, path, "a non-empty path", None)


def parse_assignment(text: str, source: str = "--set") -> tuple[str, object]:
    """``"path=value"`` -> ``(path, value)``; the value is read as YAML (``false``, ``[A, B]``)."""
    if "=" not in text:
        raise InputError(source, text, "PATH=VALUE, e.g. actors.USSR.absent=false", None)
    path, raw = text.split("=", 1)
    path = path.strip()
    if not path:
        raise InputError(source, text, "a dotted path before '='", None)
    return path, yaml_value(f"{source} {path}", raw)


# ---------------------------------------------------------------- validation
def _fields_at(loc: tuple, root: type[BaseModel] = Scenario) -> tuple[str, ...]:
    """The field names of the model at a pydantic ``loc`` (keys, indices, union tags skipped)."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is not None and part in model.model_fields:
            model = _model_of(model.model_fields[part].annotation)
    return tuple(model.model_fields) if model is not None else ()


PLAIN = {
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "date_parsing": "a date as YYYY-MM-DD",
    "date_type": "a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "a date as YYYY-MM-DD",
    "string_type": "a text",
    "dict_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "invalid_key": "field names (text)",
}
"""Plain words for pydantic error types whose own message speaks of Python."""


def _friendly(error: dict, root: type[BaseModel] = Scenario) -> str:
    """A pydantic error as "what was expected", in plain words."""
    kind, loc = error["type"], tuple(error["loc"])
    if kind == "extra_forbidden":
        fields = _fields_at(loc[:-1], root)
        known = f"one of: {', '.join(fields)}" if fields else "see docs/scenarios.md"
        return f"a known field name ({known})"
    if kind == "missing":
        if loc and isinstance(loc[-1], int):  # a fixed-length list too short
            return f"at least {loc[-1] + 1} items in the list"
        return "a value (the field is required)"
    if kind in PLAIN:
        return PLAIN[kind]
    if kind == "string_pattern_mismatch":
        return f"a text matching the pattern {error['ctx']['pattern']}"
    msg = error["msg"]
    for prefix in ("Input should be ", "Value error, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
            break
    else:
        msg = msg[0].lower() + msg[1:]
    if msg.startswith(("greater", "less")):
        msg = "a number " + msg
    return msg


TYPE_TAGS = {"str", "int", "float", "bool", "dict", "list", "tuple", "none", "date"}
"""Names pydantic puts in an error's location for the branches of a union."""


def _place(loc: tuple, data: dict) -> tuple:
    """The parts of a pydantic ``loc`` that exist in the data (union tags dropped); a missing
    or unknown key at the end is kept, so the message names it.
    """
    node: object = data
    kept: list = []
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and part not in TYPE_TAGS
            and part[:1].islower()
            and "[" not in part
        ):
            kept.append(part)  # a missing or extra key
            break
        else:
            continue  # a union tag such as 'str' or 'Institution'
        kept.append(part)
    return tuple(kept)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "top level"


def validate(
    label: str,
    data: dict,
    lines: Mapping[tuple, int | str] | None = None,
    model: type[BaseModel] = Scenario,
):
    """Validate raw scenario data; the most specific problem in one InputError.

    Pydantic reports one error per branch of a union (``members: all`` or a list); the branch
    that got deepest into the data is the one the author meant, and alternatives at the same
    place are joined with "or".
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [(e, _place(tuple(e["loc"]), data)) for e in exc.errors()]
        depth = max(len(p) for _, p in errors)
        deepest = [(e, p) for e, p in errors if len(p) == depth]
        path = deepest[0][1]
        same = [e for e, p in deepest if p == path]
        expected = " or ".join(dict.fromkeys(_friendly(e, model) for e in same))
        elsewhere = {p for e, p in errors if not path[: len(p)] == p and p != path}
        if elsewhere:
            expected += f" (and {len(elsewhere)} more problem{'s' * (len(elsewhere) > 1)})"
        first = same[0]
        stated = re.match(r"^([A-Za-z_][\w.\[\]-]*): (.+)$", expected)
        if first["type"] == "value_error" and stated:  # a validator that names its place
            path = tuple(
                int(p) if p.isdigit() else p for p in re.split(r"\.|\[|\]", stated.group(1)) if p
            )
            expected = stated.group(2)
        got = first.get("input") if first["type"] not in ("missing", "value_error") else None
        if isinstance(got, dict | list):
            got = None
        line = next(
            (lines[path[:n]] for n in range(len(path), -1, -1) if lines and path[:n] in lines), None
        )
        if isinstance(line, str):  # the value came from an override
            place = f"{_dotted(path)} ({line})"
        else:
            place = f"line {line}, {_dotted(path)}" if line else _dotted(path)
        raise InputError(label, place, expected, got) from None


def _changes(label: str, data: dict, lines: dict, counterfactual, overrides) -> dict:
    """Apply a counterfactual of ``data`` and ``path=value`` overrides to raw scenario data
    (in place), recording in ``lines`` which override set each place.
    """
    changes: list[tuple[str, object, str, str]] = []  # path, value, source, as written
    if counterfactual is not None:
        options = data.get("counterfactuals") or {}
        if not isinstance(options, dict) or counterfactual not in options:
            known = ", ".join(map(str, options)) if isinstance(options, dict) else ""
            raise InputError(
                label, "counterfactuals", f"one of: {known or '(none defined)'}", counterfactual
            )
        entry = options[counterfactual]
        if not isinstance(entry, dict) or not isinstance(entry.get("set"), dict):
            line = lines.get(("counterfactuals", counterfactual))
            raise InputError(
                label,
                f"line {line}, counterfactuals.{counterfactual}",
                "a description and set: a mapping of dotted paths to values",
            )
        where = f"{label}: counterfactuals.{counterfactual}"
        changes += [
            (path, value, where, f"counterfactuals.{counterfactual} {path}: {value}")
            for path, value in entry["set"].items()
        ]
    changes += [(*parse_assignment(text_), "--set", f"--set {text_}") for text_ in overrides]
    for path, value, where, written in changes:
        place = apply_override(data, path, value, source=where)
        # a value set here is not the file's: name the override instead of a line of the file
        for known in [k for k in lines if k[: len(place)] == place]:
            del lines[known]
        lines[place] = f"set by {written}"
    return data


def load_scenario(
    source: str | Path,
    overrides: Iterable[str] = (),
    counterfactual: str | None = None,
) -> Scenario:
    """Load a scenario from a YAML file or a built-in case name.

    Parameters
    ----------
    source:
        A path, or the name of a built-in case (``korea-1950``; see :func:`case_names`).
    overrides:
        ``"path=value"`` strings, applied after the counterfactual (``--set``).
    counterfactual:
        The name of an entry of the file's ``counterfactuals:`` section to apply.

    """
    overrides = tuple(overrides)
    label, text = read_source(source)
    data, lines = parse_yaml(label, text)
    data = _changes(label, copy.deepcopy(data), lines, counterfactual, overrides)
    scenario = validate(label, data, lines)
    scenario._applied = (counterfactual, overrides)
    return scenario


def apply_changes(
    scenario: Scenario, counterfactual: str | None = None, overrides: Iterable[str] = ()
) -> Scenario:
    """``scenario`` with a named counterfactual and ``path=value`` overrides applied.

    A scenario loaded by :func:`load_scenario` with exactly these changes is returned as is
    (they were applied when it was loaded); otherwise they are applied on top of it and the
    result validated again. An unknown counterfactual or a bad override raises
    :class:`InputError` naming it.
    """
    overrides = tuple(overrides)
    if (counterfactual is None and not overrides) or scenario._applied == (
        counterfactual,
        overrides,
    ):
        return scenario
    label = f"scenario {scenario.name}"
    # JSON mode: lists where the model holds tuples, so that an override can set an item
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data = _changes(label, data, {}, counterfactual, overrides)
    changed = validate(label, data, {})
    changed._applied = (counterfactual, overrides)
    return changed
