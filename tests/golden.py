"""Golden files: ``tests/fixtures/<kind>/<case>.<ext>`` converts to ``<case>.expected.md``.

Regenerate after a deliberate change with ``make golden`` (``python -m tests.golden``) and review
the diff like code: every changed line is a changed output.
"""

from __future__ import annotations

import sys
from pathlib import Path

from morgue import frontmatter, sources
from morgue.pipeline import convert

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS = ("text",)


def cases() -> list[Path]:
    """Input files with a golden output, sorted."""
    found = []
    for kind in KINDS:
        for path in sorted((FIXTURES / kind).iterdir()):
            if sources.is_input(path):
                found.append(path)
    return found


def expected_path(case: Path) -> Path:
    return case.with_name(sources.stem_of(case) + ".expected.md")


def render(case: Path) -> str:
    """Frontmatter and Markdown of every document in ``case``, as ``morgue convert`` prints them."""
    out = []
    for item in sources.read(case):
        if isinstance(item, Exception):
            raise item
        out.append(frontmatter.dumps(convert(item).article))
    return "".join(out)


def main() -> int:
    for case in cases():
        target = expected_path(case)
        text = render(case)
        changed = not target.exists() or target.read_text(encoding="utf-8") != text
        target.write_text(text, encoding="utf-8", newline="\n")
        print(f"{'updated' if changed else 'same   '}  {target.relative_to(FIXTURES.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
