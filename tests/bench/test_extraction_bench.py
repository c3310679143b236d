"""bench.extraction: a fresh batch scored with the evaluator's counts, split by the sha1 rule, written as JSON."""

import json

from assistant.triage.coerce import EXTRACTED_FIELDS
from assistant.triage.extract import extract_facts
from bench.extraction import held_out, main

TEXTS = {  # zz03 goes to held-out by the sha1 rule, zz04 to dev
    "zz03": ("complaint", "2024年3月12日在平台上一家小店买的暖手宝漏液，把手烫起了水泡，去医院换了三次药。"),
    "zz04": ("wechat", "网上买的保温杯 盖子一拧就裂了 人倒没事 就是杯子报废了"),
}


def _expected(text):
    """The extractor's own reading, as labels (so every pair of the case counts right)."""
    got = extract_facts(text).facts.model_dump(exclude={"narrative"}, mode="json")
    return {f: got[f] for f in EXTRACTED_FIELDS if got[f] is not None}


def _batch(tmp_path, flip_harm_of):
    """A batch file in the Python ``CASES`` form, one case's harm label changed to another value."""
    cases = []
    for cid, (register, text) in TEXTS.items():
        exp = _expected(text)
        assert exp.get("harm"), "each text states a harm"
        if cid == flip_harm_of:
            exp["harm"] = "none" if exp["harm"] != "none" else "property_loss"
        cases.append({"id": cid, "register": register, "text": text, "expected": exp})
    path = tmp_path / "fresh.py"
    path.write_text(f"CASES = {cases!r}\n", encoding="utf-8")
    return path


def test_split_rule_sends_the_fixture_cases_apart():
    assert held_out("zz03") and not held_out("zz04")


def test_one_flipped_label_is_one_wrong_value_in_its_field_register_and_part(tmp_path):
    out = tmp_path / "extraction.json"
    result = main(["--files", str(_batch(tmp_path, "zz04")), "--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8")) == result
    whole, held, dev = (result["runs"][k] for k in ("fresh", "fresh -> held-out part", "fresh -> dev part"))
    assert (whole["narratives"], held["narratives"], dev["narratives"]) == (2, 1, 1)
    assert whole["pairs"] == 2 * len(EXTRACTED_FIELDS)
    assert (whole["wrong"], held["wrong"], dev["wrong"]) == (1, 0, 1)
    assert whole["fields"]["harm"]["wrong"] == 1 and whole["registers"]["wechat"]["wrong"] == 1
    assert whole["registers"]["complaint"]["accuracy"] == 1.0
    assert whole["recovered"] == whole["labelled"] - 1  # the flipped fact is labelled and not recovered
    assert whole["accuracy"] == round(1 - 1 / whole["pairs"], 4)


def test_no_flip_scores_every_pair_right(tmp_path):
    result = main(["--files", str(_batch(tmp_path, None)), "--out", str(tmp_path / "e.json")])
    assert result["runs"]["fresh"]["wrong"] == 0 and result["runs"]["fresh"]["accuracy"] == 1.0
