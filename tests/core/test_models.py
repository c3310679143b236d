"""ClaimFacts validation (strict booleans, exact enum values, no future dates) and the Verdict JSON shape."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from assistant.core import ClaimFacts, classify, facts_error_messages


def _errors(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as info:
        ClaimFacts.model_validate(data)
    return facts_error_messages(info.value)


def test_unknown_category_names_the_field_and_accepted_values():
    """A category outside the spec's list is rejected, naming the field and every accepted value."""
    [line] = _errors({"category": "clothes"})
    assert line.startswith("category:")
    for value in ("food", "catering", "drug", "medical_device", "other_goods", "other_service"):
        assert value in line
    assert "clothes" in line


@pytest.mark.parametrize("bad", ["yes", "true", 1, 0, "no"])
def test_string_or_number_for_a_boolean_is_rejected(bad):
    """Strict tri-state booleans: only JSON true/false/null."""
    [line] = _errors({"causation": bad})
    assert line.startswith("causation:")
    assert "true, false or null" in line


def test_future_event_date_is_rejected():
    """event_date may not lie in the future."""
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    [line] = _errors({"event_date": tomorrow})
    assert line.startswith("event_date:") and "future" in line


def test_future_decision_date_is_allowed_but_must_be_a_real_date():
    """decision_date may lie ahead (a pending case's expected decision); it must still be a calendar date."""
    ahead = date.today() + timedelta(days=400)
    assert ClaimFacts(decision_date=ahead.isoformat()).decision_date == ahead
    [line] = _errors({"decision_date": "2027-02-30"})
    assert line.startswith("decision_date:") and "YYYY-MM-DD" in line


@pytest.mark.parametrize("bad", ["2023-13-01", "2023/05/01", "May 2023", 20230501, "2023-05"])
def test_malformed_dates_are_rejected(bad):
    """Only YYYY-MM-DD strings (or dates) are dates; timestamps and partial dates are not."""
    [line] = _errors({"event_date": bad})
    assert line.startswith("event_date:") and "YYYY-MM-DD" in line


def test_unknown_field_is_rejected_listing_the_accepted_fields():
    """extra="forbid": a misspelt field is an error, not silently dropped."""
    [line] = _errors({"causaton": True})
    assert line.startswith("causaton:") and "causation" in line


def test_several_bad_fields_give_one_line_each():
    """Every bad field is reported, each on its own line."""
    lines = _errors({"harm": "injury", "platform_role": "shop", "force_majeure": "yes"})
    assert sorted(line.split(":")[0] for line in lines) == ["force_majeure", "harm", "platform_role"]


def test_valid_json_facts_parse_and_unknown_stays_unknown():
    """JSON facts parse; absent and null fields are None, never defaulted."""
    facts = ClaimFacts.model_validate_json(json.dumps({"event_date": "2023-05-01", "category": "food",
                                                       "causation": None, "narrative": "外卖中毒"}))
    assert facts.event_date == date(2023, 5, 1)
    assert facts.causation is None and facts.harm is None and facts.life_health is None


def test_classify_does_not_mutate_or_default_life_health():
    """life_health is derived by the engine (trace), never written back into the facts."""
    facts = ClaimFacts(event_date=date(2023, 1, 1), category="drug", qualification_review_done=False,
                       harm="personal_injury", causation=True)
    verdict = classify(facts)
    assert facts.life_health is None
    entry = next(e for e in verdict.trace if e.rule == "ecl_38_2")
    life = next(el for el in entry.elements if el.name == "life_health")
    assert life.value is True and life.status == "satisfied"


def test_classify_rejects_a_bad_dict_and_an_unknown_doctrine():
    """classify validates dict input and the doctrine name (error lists the accepted profiles)."""
    with pytest.raises(ValidationError):
        classify({"harm": "injury"})
    with pytest.raises(ValueError, match="qin2025"):
        classify({}, doctrine="strict")


def test_verdict_json_shape_matches_the_spec():
    """model_dump(mode="json") gives plain strings, booleans, id lists and the spec's nested objects."""
    data = classify({"event_date": "2023-05-01", "platform_role": "marketplace", "category": "drug",
                     "harm": "personal_injury"}).model_dump(mode="json")
    for key in ("liability_form", "imputation", "burden_of_proof", "burden_basis", "liability_nature"):
        assert isinstance(data[key], str)
    assert isinstance(data["recourse"], bool) and isinstance(data["expanded_damage"], bool)
    assert data["doctrine"]["profile"] == "qin2025"
    assert set(data["doctrine"]["alternatives"]) == {"intent_split", "supplementary_only", "joint", "proportional_joint"}
    assert data["missing_facts"][0] == {"fact": "knew_or_should_have_known",
                                        "question": data["missing_facts"][0]["question"]}
    entry = data["trace"][0]
    assert set(entry) == {"rule", "title", "elements", "outcome", "detail", "citations", "form"}
    # spec 1.1 section 3: on_record a plain string, scenarios a list of {"route", "form", "requires"}
    assert data["on_record"] == "none"
    assert data["scenarios"] and all(set(s) == {"route", "form", "requires"} for s in data["scenarios"])
    assert all(isinstance(s["route"], str) and isinstance(s["requires"], dict) for s in data["scenarios"])
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_questions_are_specific_to_the_category():
    """The review question for food asks about the food licence; for drugs about the drug licence."""
    food = classify({"event_date": "2023-05-01", "category": "food", "harm": "personal_injury"})
    drug = classify({"event_date": "2023-05-01", "category": "drug", "harm": "personal_injury"})
    ask = lambda v: next(m.question for m in v.missing_facts if m.fact == "qualification_review_done")  # noqa: E731
    assert "食品经营许可证" in ask(food)
    assert "药品经营许可证" in ask(drug)
