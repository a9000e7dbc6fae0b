r"""The one input layer: every YAML or text file a command reads goes through here.

Scenario files, ``simulate --params``, council files of ``collsec power``, reform preset files
and the values of ``--set``/``--param`` are all read by :func:`read_text` and
:func:`load_yaml`, which refuse, with one :class:`~collsec.errors.InputError` naming the file,
the place and what was expected, anything that could hang, exhaust memory or escape as a
traceback further on:

* a file larger than :data:`MAX_FILE_BYTES`, a folder, a file that is not UTF-8;
* YAML nested deeper than :data:`MAX_DEPTH`, holding more than :data:`MAX_NODES` nodes once its
  aliases are expanded (a 430-byte "billion laughs" file expands to 10^9 nodes), an alias that
  contains itself, a text longer than :data:`MAX_STRING` characters;
* a key given twice in one mapping (YAML keeps the last one silently);
* values no program should receive: ``.nan`` or ``.inf``, a calendar date that does not exist
  (``1950-02-30``), a whole number too long to read, a lone surrogate (``"\ud800"``, which no
  output encoding can write).

The limits are checked on the YAML event stream and on the composed node graph (where an alias
is one shared node) *before* anything walks the data, so each costs time in proportion to the
file's size, never to its expansion. They are far above what real inputs need (the largest
built-in case is 8 kB, 6 levels deep, about 1,300 nodes, its longest text 315 characters).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from collsec.errors import InputError

MAX_FILE_BYTES = 1_000_000
"""Largest input file, in bytes (1 MB: a scenario of every state in the world is ~60 kB)."""

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists (scenario files need 6)."""

MAX_NODES = 200_000
"""Most values (scalars, mappings, lists) in one document, counting each use of an alias."""

MAX_STRING = 5_000
"""Longest text in one value, in characters (the longest built-in one has 315)."""


@dataclass(frozen=True)
class Document:
    """A YAML document read through the input layer.

    Attributes
    ----------
    data:
        The plain Python value (dicts, lists, str, int, float, bool, date, None).
    lines:
        Path (a tuple of keys and indices) -> 1-based line of that value in the file.

    """

    data: object
    lines: dict[tuple, int]


def exists(path: str | Path, kind: str = "any") -> bool:
    """Whether ``path`` names an existing file (``kind="file"``) or anything (``"any"``);
    False, not an error, for a name the system refuses (too long, a NUL byte).
    """
    try:
        return Path(path).is_file() if kind == "file" else Path(path).exists()
    except (OSError, ValueError):
        return False


def read_text(path: str | Path, expected: str = "a readable UTF-8 text file") -> str:
    """The text of the file at ``path``, checked: a file, at most :data:`MAX_FILE_BYTES`, UTF-8.

    A leading byte-order mark is dropped. ``expected`` names what the file should be, for the
    message when it is missing.
    """
    path = Path(path)
    label = str(path)
    try:
        if path.is_dir():
            raise InputError(label, "file", expected, "a folder")
        if not path.is_file():
            raise InputError(label, "file", expected + " (no such file)")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(label, "file", f"at most {MAX_FILE_BYTES:,} bytes", f"{size:,} bytes")
        raw = path.read_bytes()
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(label, "file", expected, reason) from None
    return decode(label, raw)


def decode(label: str, raw: bytes) -> str:
    """UTF-8 bytes -> text; the first byte that is not UTF-8 is named by its line and column."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            label,
            f"line {line}, column {column}",
            "UTF-8 text",
            f"byte 0x{raw[error.start]:02x}",
        ) from None


# ---------------------------------------------------------------- strict construction
class _Refused(yaml.constructor.ConstructorError):
    """A value the layer refuses; carries what was expected and what was found."""

    def __init__(self, node: yaml.Node, expected: str, got: object):
        super().__init__(None, None, expected, node.start_mark)
        self.expected, self.got = expected, got


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, strict on values and with YAML 1.2 booleans.

    It refuses NaN, infinities, impossible dates, unreadable whole numbers and lone
    surrogates, at the value's own line and column; and reads booleans as YAML 1.2 does:
    only ``true``/``false``. (YAML 1.1 reads ``yes``, ``no``, ``on`` and
    ``off`` as booleans, so a tally ``{yes: 9, no: 0}`` or a vote ``no`` would silently
    become ``True``/``False``.)
    """


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _strict(tag: str, expected: str, check=None):
    base = yaml.SafeLoader.yaml_constructors[tag]

    def construct(loader, node):
        try:
            value = base(loader, node)
        except (ValueError, OverflowError):
            raise _Refused(node, expected, node.value) from None
        if check is not None and not check(value):
            raise _Refused(node, expected, node.value)
        return value

    StrictLoader.add_constructor(tag, construct)


def _no_surrogate(text: str) -> bool:
    return not any("\ud800" <= c <= "\udfff" for c in text)


_strict("tag:yaml.org,2002:float", "a finite number (not .nan or .inf)", math.isfinite)
_strict("tag:yaml.org,2002:timestamp", "a real calendar date as YYYY-MM-DD")
_strict("tag:yaml.org,2002:int", "a whole number of at most 4,300 digits")
_strict("tag:yaml.org,2002:str", "text without lone surrogates (U+D800-U+DFFF)", _no_surrogate)


if getattr(yaml, "__with_libyaml__", False):

    class FastLoader(yaml.CSafeLoader):
        """:class:`StrictLoader`'s constructors and resolvers over libyaml's C parser: the
        same documents, the same values and marks, about ten times faster on large files.
        """

    FastLoader.yaml_constructors = dict(StrictLoader.yaml_constructors)
    FastLoader.yaml_implicit_resolvers = dict(StrictLoader.yaml_implicit_resolvers)
else:  # pragma: no cover - PyYAML built without libyaml
    FastLoader = StrictLoader


# ---------------------------------------------------------------- limits on the graph
def _where(mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "YAML"


def _scan_events(label: str, text: str, kind=None) -> None:
    """Check depth, node count and text length on the event stream (no recursion, no tree)."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=kind or StrictLoader):
        if isinstance(event, yaml.CollectionStartEvent | yaml.ScalarEvent | yaml.AliasEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise InputError(
                    label, _where(event.start_mark), f"at most {MAX_NODES:,} values in the file"
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(
                    label, _where(event.start_mark), f"at most {MAX_DEPTH} levels of nesting"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_STRING:
            raise InputError(
                label,
                _where(event.start_mark),
                f"a text of at most {MAX_STRING:,} characters",
                f"{len(event.value):,} characters",
            )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_graph(label: str, root: yaml.Node) -> None:
    """Refuse an alias that contains itself, and a document whose expansion (every alias
    replaced by what it names) exceeds :data:`MAX_NODES` values or :data:`MAX_DEPTH` levels.

    One iterative depth-first pass over the distinct nodes: the expanded size and depth of a
    node are computed once and reused for every alias of it.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = (1 + max((depth[id(k)] for k in kids), default=0)) if kids else 0
            if size[key] > MAX_NODES:
                raise InputError(
                    label,
                    _where(node.start_mark),
                    f"at most {MAX_NODES:,} values once aliases are expanded "
                    "(aliases of aliases multiply)",
                )
            if depth[key] > MAX_DEPTH:
                raise InputError(
                    label,
                    _where(node.start_mark),
                    f"at most {MAX_DEPTH} levels of nesting once aliases are expanded",
                )
            continue
        if key in size:
            continue
        if key in open_:
            raise InputError(
                label, _where(node.start_mark), "data without an alias that contains itself"
            )
        open_.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(_children(node)) if id(k) not in size)


def _duplicate_key(root: yaml.Node) -> yaml.Node | None:
    """The first key given twice in one mapping (``<<`` merge keys aside), over distinct nodes."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in keys:
                        return key
                    keys.add(key.value)
        stack.extend(reversed(_children(node)))
    return None


def _line_map(root: yaml.Node) -> dict[tuple, int]:
    """Path -> 1-based line of every value of the expanded document (bounded by the checks)."""
    out: dict[tuple, int] = {}
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        out[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, path + (key.value,)) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((value, path + (i,)) for i, value in enumerate(node.value))
    return out


def load_yaml(label: str, text: str) -> Document:
    """Parse one YAML document through every check of this module.

    Parameters
    ----------
    label:
        Where the text came from (a path, ``--set``...), the start of every message.
    text:
        The YAML text.

    Returns
    -------
    Document
        The data and the line of each value. An empty document gives ``None``.

    """
    if len(text) > MAX_FILE_BYTES:
        raise InputError(label, "text", f"at most {MAX_FILE_BYTES:,} characters", len(text))
    try:
        StrictLoader(text).dispose()  # the reader's check of the characters (no parsing)
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        raise InputError(
            label,
            f"line {line}, column {column}",
            "printable text (YAML allows no control characters)",
            f"U+{error.character:04X}" if isinstance(error.character, int) else error.character,
        ) from None
    if FastLoader is not StrictLoader:
        try:
            return _load(label, text, FastLoader)
        except (yaml.YAMLError, InputError):
            pass  # parse again with the pure-Python loader, whose messages say more
    return _load(label, text, StrictLoader)


def _load(label: str, text: str, kind) -> Document:
    """:func:`load_yaml` with one loader class (every check; one clear error)."""
    loader = kind(text)
    try:
        _scan_events(label, text, kind)
        root = loader.get_single_node()
        if root is None:
            return Document(None, {})
        _check_graph(label, root)
        twice = _duplicate_key(root)
        if twice is not None:
            raise InputError(
                label,
                f"line {twice.start_mark.line + 1}",
                "each key once in a mapping (a repeated key would silently replace the first)",
                twice.value,
            )
        data = loader.construct_document(root)
    except _Refused as error:
        raise InputError(label, _where(error.problem_mark), error.expected, error.got) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(label, _where(mark), "valid YAML", problem) from None
    finally:
        loader.dispose()
    return Document(data, _line_map(root))


def load_yaml_file(path: str | Path, expected: str = "a readable YAML file") -> Document:
    """:func:`read_text` then :func:`load_yaml`, labelled with the path."""
    return load_yaml(str(path), read_text(path, expected))


def load_mapping(label: str, text: str, expected: str) -> Document:
    """:func:`load_yaml` of a document that must be a mapping (an empty one gives ``{}``)."""
    doc = load_yaml(label, text)
    if doc.data is None:
        return Document({}, doc.lines)
    if not isinstance(doc.data, dict):
        raise InputError(label, "top level", expected, type(doc.data).__name__)
    return doc


def yaml_value(label: str, text: str) -> object:
    """A command-line value read as YAML (``false``, ``0.5``, ``[A, B]``); text that is not
    YAML stays text, but a value the layer refuses (``.nan``, ``1950-02-30``) is an error.
    """
    if not text.strip():
        return ""
    try:
        return load_yaml(label, text).data
    except InputError as error:
        if error.expected == "valid YAML":
            return text
        raise


def finite_number(value: object) -> bool:
    """Whether ``value`` is a real number that is not a bool, NaN or infinite."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def non_finite(value: object) -> bool:
    """Whether ``value`` is a float NaN or infinity, or a text that would be read as one."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, str):
        return value.strip().lower().lstrip("+-") in {"nan", "inf", "infinity"}
    return False


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_STRING",
    "Document",
    "StrictLoader",
    "decode",
    "exists",
    "finite_number",
    "load_mapping",
    "load_yaml",
    "load_yaml_file",
    "non_finite",
    "read_text",
    "yaml_value",
]
