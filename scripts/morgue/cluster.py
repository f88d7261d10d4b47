"""Conversion on a Dask cluster (``morgue ingest --dask ADDRESS``; install ``morgue[dask]``).

Workers only convert documents (:func:`morgue.ingest.convert_timed`); reading inputs and
writing the archive stay in the calling process, so the files are the same as a local run's.
Every worker needs morgue installed (the same version) in its environment.
"""

from __future__ import annotations

from typing import Any

from .errors import MorgueError


def connect(address: str) -> Any:
    """A ``distributed.Client`` connected to the scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError:
        raise MorgueError("--dask needs the optional Dask extra: pip install 'morgue[dask]'") from None
    try:
        return Client(address, timeout="30s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise MorgueError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
