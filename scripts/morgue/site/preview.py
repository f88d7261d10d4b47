"""``morgue serve``: MkDocs' preview server, with dirty rebuilds made correct by the morgue plugin.

``mkdocs serve`` rebuilds the whole archive on every edit (about a minute at 2,000 articles);
``--dirty`` re-renders only pages whose source changed, which alone leaves listings stale. The
plugin closes that gap: generated pages count as modified exactly when what they show changed, and
a change to mkdocs.yml or the theme empties the preview folder so everything is rebuilt.
"""

from __future__ import annotations

import subprocess
import sys


def serve_command(
    config_file: str | None = None, dev_addr: str | None = None, *, open_browser: bool = False
) -> list[str]:
    """The ``mkdocs serve`` command line ``morgue serve`` runs."""
    # --no-strict: MkDocs warns on every dirty build, which strict mode would turn into a failure.
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--watch-theme", "--no-strict"]
    if config_file:
        command += ["--config-file", config_file]
    if dev_addr:
        command += ["--dev-addr", dev_addr]
    if open_browser:
        command.append("--open")
    return command


def serve(config_file: str | None = None, dev_addr: str | None = None, *, open_browser: bool = False) -> int:
    """Run the preview server until interrupted; returns its exit status."""
    try:
        return subprocess.call(serve_command(config_file, dev_addr, open_browser=open_browser))
    except KeyboardInterrupt:
        return 0
