"""What an element's class names (or id, itemprop) say, as a rule's pattern reads them.

Pages repeat their class names, and several rules look at the same elements (each image's
ancestors, the lines after the headline): each class string is searched once per pattern.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=16384)
def says(pattern: re.Pattern[str], marks: str) -> bool:
    """``pattern`` occurs in ``marks``, an element's class (id, itemprop...) string."""
    return pattern.search(marks) is not None
