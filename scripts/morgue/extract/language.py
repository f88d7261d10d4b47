"""Language of a text, when the text itself makes it clear (py3langid, normalised probabilities)."""

from __future__ import annotations

import functools
import re

_MIN_CHARS = 80
_MIN_PROBABILITY = 0.95
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


@functools.cache
def _identifier():  # the model takes ~0.5 s to load: only when a text needs it
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _by_script(sample: str) -> str | None:
    """Chinese, Japanese and Korean are told apart by their scripts more surely than by n-grams."""
    letters = sum(ch.isalpha() for ch in sample)
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    if not letters or (han + kana + hangul) < 0.5 * letters or han + kana + hangul < 20:
        return None
    if hangul > han + kana:
        return "ko"
    if kana >= 0.05 * (han + kana):
        return "ja"
    return "zh"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (``en``, ``zh``...), or ``None`` when short or uncertain."""
    sample = text[:3000]
    if by_script := _by_script(sample):
        return by_script
    if len(sample.strip()) < _MIN_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= _MIN_PROBABILITY else None


def normalise_language(tag: str | None) -> str | None:
    """A BCP 47 tag in its usual case (``en-US``, ``zh-Hans-CN``) or ``None`` when ``tag`` is not one."""
    if not tag:
        return None
    tag = tag.strip().split(",")[0].split(";")[0].strip().replace("_", "-")
    if not _TAG.match(tag):
        return None
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part.lower())
    return "-".join(out)
