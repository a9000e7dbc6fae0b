"""Processes for the stopping tests and benchmarks/bench_stop.py: a child in its own process
group with Ctrl-C at its default, and its children read from /proc (Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

HAS_PROC = Path("/proc/self/stat").exists()


def start_in_own_group(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """Start ``args`` in a new session (its own process group, so a group signal reaches it
    alone) with SIGINT at its default (a background job of a non-interactive shell would
    inherit it ignored); ``env``: its environment (default: this process's)."""

    def reset():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setsid()

    return subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=reset,
    )


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
