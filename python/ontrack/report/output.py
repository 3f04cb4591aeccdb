"""Writing a report directory so that it is never seen half-written.

Every file is written into a temporary sibling directory first. Only when all of them are
complete are they moved into place (a new directory is renamed as a whole; into an existing one
each file is renamed over its old version, which is atomic per file). A failure on the way
removes the temporary directory and leaves the previous report as it was; one left by a
process that was killed is removed by the next write of the same report.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Union

__all__ = ["staged_directory"]


@contextmanager
def staged_directory(out_dir: Union[str, "os.PathLike[str]"]) -> Iterator[Path]:
    """Yields an empty directory next to ``out_dir``; on normal exit its files replace those of
    the same names in ``out_dir`` (created when missing); on an exception nothing changes."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out}: exists and is not a directory")
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(out)
    # A sibling, so the final renames stay on one file system; mkdir honours the umask (unlike
    # tempfile.mkdtemp's 0700), so a report published by renaming it is readable as usual.
    # The name carries the writer's process id, so that a later run can tell an abandoned one.
    staging = out.parent / f".{out.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
    staging.mkdir()
    try:
        yield staging
        if not out.exists():
            os.replace(staging, out)
        else:
            for item in sorted(staging.iterdir()):
                os.replace(item, out / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_abandoned(out: Path) -> None:
    """Removes the staging directories of ``out`` whose writing process no longer runs."""
    pattern = re.compile(re.escape(f".{out.name}.") + r"(\d+)\.[0-9a-f]{32}\.tmp")
    for item in out.parent.iterdir():
        match = pattern.fullmatch(item.name)
        if match and item.is_dir() and not _running(int(match.group(1))):
            shutil.rmtree(item, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
