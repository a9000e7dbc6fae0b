"""Every file a command writes, written whole or not at all: the output edge of collsec.

Commands declare their outputs (:class:`Output`) and call :func:`plan` *before* computing
anything: a bad suffix, a folder that does not exist, a directory where a file should go, a
folder that cannot be written to, or two flags naming one file (also through symbolic links
or relative paths) each give one :class:`~collsec.errors.InputError`, and nothing is computed.

Then each file is written to a temporary file in its own folder and renamed over the target
(``os.replace``, atomic on POSIX): a reader sees the old file or the new one, never a part; a
process killed while writing leaves the old file intact (and, after SIGKILL, a hidden
``.NAME.*.tmp`` file that may be deleted); two processes writing one path each rename a
whole file, and the last rename wins. A symbolic link is followed: the file it points to is
replaced, the link kept. A set of files (``collsec experiment``) is built in a temporary
folder beside the target folder, next to hard links of what else the folder holds, and the
two folders are exchanged in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, with a moment in which the folder is absent).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from collsec.errors import InputError

TABLE_SUFFIXES = (".csv", ".parquet")
MAX_FOLDER_ENTRIES = 10_000
"""Most entries an output folder may already hold: it is rebuilt beside itself (with hard
links) for the swap, so it should be a folder of results, not a project tree."""


@dataclass(frozen=True)
class Output:
    """One output a command will write.

    Attributes
    ----------
    flag:
        The option that names it (``--out``), for messages.
    path:
        The path the user gave, or ``None`` when the output was not asked for.
    suffixes:
        The accepted suffixes (lower case), or ``()`` for a folder.
    folder:
        True for a folder of files written as a set (:func:`atomic_folder`).

    """

    flag: str
    path: Path | None
    suffixes: tuple[str, ...] = ()
    folder: bool = False


def _fail(output: Output, expected: str, got: object = None) -> InputError:
    return InputError(output.flag, str(output.path), expected, got)


def _probe(output: Output, folder: Path) -> None:
    """Create and remove a file in ``folder``: the only test of writability that holds for
    every user (root included), file system and mount option.
    """
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".collsec-probe-")
        os.close(fd)
        os.unlink(name)
    except OSError as error:
        raise _fail(
            output, f"a folder where files can be written ({folder})", error.strerror
        ) from None


def _count_entries(folder: Path, limit: int) -> int:
    count = 0
    for _, dirs, files in os.walk(folder):
        count += len(dirs) + len(files)
        if count > limit:
            break
    return count


def _check(output: Output) -> Path:
    """The real path ``output`` will be written to, after every check; raises InputError."""
    path = Path(output.path)
    real = Path(os.path.realpath(path))
    if output.folder:
        if real.exists() and not real.is_dir():
            raise _fail(output, "a folder (or a new folder's name)", "an existing file")
        if real == real.parent or real in (Path.cwd(), *Path.cwd().parents):
            raise _fail(output, "a folder of its own, not the current folder or one above it")
        if not real.parent.is_dir():
            raise _fail(output, "a folder whose parent folder exists", str(path.parent))
        _probe(output, real.parent)
        if real.is_dir() and _count_entries(real, MAX_FOLDER_ENTRIES) > MAX_FOLDER_ENTRIES:
            raise _fail(output, f"a folder of results with at most {MAX_FOLDER_ENTRIES:,} entries")
        return real
    if path.suffix.lower() not in output.suffixes:
        raise _fail(output, "a file ending in " + " or ".join(output.suffixes), path.suffix)
    if real.is_dir():
        raise _fail(output, "a file name, not a folder", "a folder")
    if not real.parent.is_dir():
        raise _fail(output, "a file in an existing folder", str(path.parent))
    _probe(output, real.parent)
    return real


def _check_or_refuse(output: Output) -> Path:
    """:func:`_check`, with a path the system refuses (too long, a NUL byte) as InputError."""
    try:
        return _check(output)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise _fail(output, "a path the system accepts", reason) from None


def plan(outputs: list[Output]) -> list[Path | None]:
    """Check every output before any computation; the real path of each (``None`` if absent).

    Raises :class:`InputError` for the first bad output, or when two outputs name one file or
    one output lies inside an output folder.
    """
    reals: list[Path | None] = []
    seen: dict[Path, Output] = {}
    for output in outputs:
        if output.path is None:
            reals.append(None)
            continue
        real = _check_or_refuse(output)
        for other_real, other in seen.items():
            same = real == other_real or (
                real.exists() and other_real.exists() and os.path.samefile(real, other_real)
            )
            inside = (other.folder and other_real in real.parents) or (
                output.folder and real in other_real.parents
            )
            if same or inside:
                raise InputError(
                    output.flag,
                    str(output.path),
                    f"a different file from {other.flag} (each output its own file)",
                    str(other.path),
                )
        seen[real] = output
        reals.append(real)
    return reals


# ---------------------------------------------------------------- single files
def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s folder; on success it replaces ``path`` whole.

    On any exception (Ctrl-C included) the temporary file is removed and ``path`` is left as
    it was.
    """
    real = Path(os.path.realpath(path))
    fd, name = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, real)
        _sync_folder(real.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_table(table, path: str | Path) -> Path:
    """Write a DataFrame to ``path`` atomically: .csv without the index, or .parquet."""
    with TableSink(path) as sink:
        sink.write(table)
    return Path(path)


ROW_GROUP_BYTES = 16_000_000
"""Size of the chunks gathered into one Parquet row group, in bytes of Arrow data: memory
holds at most one group being gathered, and the footer a writer keeps in memory until it
closes (a few kB per row group) stays small (about 20 groups per 10^6 replicates)."""


class TableSink:
    """A table written chunk by chunk, appearing whole at the end (``with TableSink(p) as s``).

    CSV chunks are appended under one header; Parquet chunks are gathered into row groups of
    about :data:`ROW_GROUP_BYTES` of one file with the first chunk's schema. Memory holds at
    most one row group.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.parquet = self.path.suffix.lower() == ".parquet"
        self.rows = 0
        self._stack = contextlib.ExitStack()
        self._file = None
        self._writer = None
        self._schema = None
        self._pending: list = []
        self._pending_rows = 0
        self._pending_bytes = 0

    def __enter__(self) -> TableSink:
        self._tmp = self._stack.enter_context(atomic_file(self.path))
        if not self.parquet:
            self._file = self._stack.enter_context(
                open(self._tmp, "w", encoding="utf-8", newline="")
            )
        return self

    def write(self, frame) -> None:
        """Append the rows of a DataFrame (same columns and types as the first)."""
        if self.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._writer is None:
                self._schema = table.schema
                self._writer = pq.ParquetWriter(self._tmp, self._schema)
                self._stack.callback(self._writer.close)
            table = table.cast(self._schema)
            self._pending.append(table)
            self._pending_rows += table.num_rows
            self._pending_bytes += table.nbytes
            if self._pending_bytes >= ROW_GROUP_BYTES:
                self._flush()
        else:
            frame.to_csv(self._file, index=False, header=self._file.tell() == 0)
        self.rows += len(frame)

    def _flush(self) -> None:
        if self._pending:
            import pyarrow as pa

            self._writer.write_table(
                pa.concat_tables(self._pending), row_group_size=max(1, self._pending_rows)
            )
            self._pending, self._pending_rows, self._pending_bytes = [], 0, 0

    def __exit__(self, kind, error, trace) -> bool:
        if kind is None:
            if self.parquet and self._writer is None:
                raise ValueError("a Parquet table needs at least one chunk")
            if self.parquet:
                self._flush()
        return self._stack.__exit__(kind, error, trace)


# ---------------------------------------------------------------- a set of files
def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes.append(ctypes.c_uint)
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _link_tree(source: Path, target: Path, skip: set[str]) -> None:
    """Recreate ``source``'s entries (except top-level names in ``skip``) in ``target`` by hard
    links (copies where links are refused), so the swap keeps what the command does not write.
    """
    for entry in os.scandir(source):
        if entry.name in skip:
            continue
        src, dst = Path(entry.path), target / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(src), dst)
        elif entry.is_dir():
            shutil.copytree(src, dst, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(src, dst)


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


@contextlib.contextmanager
def atomic_folder(path: str | Path, names: set[str]) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes ``path`` in one step.

    ``names`` are the files the command writes; everything else ``path`` holds is carried
    over. On any exception the temporary folder is removed and ``path`` is left as it was.
    """
    real = Path(os.path.realpath(path))
    tmp = Path(tempfile.mkdtemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"))
    try:
        if real.is_dir():
            _link_tree(real, tmp, names)
            shutil.copystat(real, tmp)
        else:
            os.chmod(tmp, 0o777 & ~_umask())
        yield tmp
        for child in tmp.iterdir():
            if child.is_file() and not child.is_symlink():
                with open(child, "rb") as f:
                    os.fsync(f.fileno())
        _swap_in(tmp, real)
        _sync_folder(real.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # after a swap it holds the old folder


def _swap_in(new: Path, target: Path) -> None:
    """Make ``new`` be ``target``; afterwards ``new`` names the old folder (or nothing)."""
    if not target.exists():
        try:
            os.rename(new, target)
            return
        except OSError as error:
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    if _exchange(new, target):
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    os.rmdir(aside)
    os.rename(target, aside)
    os.rename(new, target)
    os.rename(aside, new)


__all__ = [
    "MAX_FOLDER_ENTRIES",
    "TABLE_SUFFIXES",
    "Output",
    "TableSink",
    "atomic_file",
    "atomic_folder",
    "plan",
    "write_table",
    "write_text",
]
