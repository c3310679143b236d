"""Issue 14 (K12): classes of WRONG values found by probing narratives written for the probe (tests/triage/probe_k12.yaml).

Each class: an injury word that is context (the reason for buying, a department as a place or a trade), the other
side's say-so that nothing was lost, English negation scope (nobody hurt), a burn on a thing, a third person hurt,
and evidence that is the platform's, not the consumer's. The sentences here are new, written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.core import ClaimFacts
from assistant.triage.coerce import EXTRACTED_FIELDS
from assistant.triage.extract import extract_facts


def _facts(text: str) -> ClaimFacts:
    return extract_facts(text, category_fallback=False).facts


# --- an injury told as the reason for buying, before the purchase -----------------------------------------------

@pytest.mark.parametrize("text", [
    "奶奶中风住院以后，我在平台上给她买了一台轮椅，刚用一周坐垫就裂了，卖家不肯换。",
    "为刚做完手术的爸爸在网上一家店订了一台理疗仪，开机就报错，根本用不了，店家拖着不退。",
    "老公骨折后在平台租的拐杖，把手断了，商家要扣押金。",
])
def test_an_injury_before_the_purchase_is_the_reason_not_the_harm(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    "用了网上买的护膝以后膝盖过敏起红疹，后来又在同一家店买了一副，还是一样。",   # the injury follows a use
    "吃了平台买的腊肠以后住院了三天，出院后我又买了药。",
    "孩子喝了网购的果汁后腹泻，去医院输液两天。",
])
def test_an_injury_after_use_still_reads(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


# --- a department as a place or a trade, not a visit ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "我在口腔科上班，平台上买的电动冲牙器用了两周就充不进电了，卖家说过了退货期。",
    "在皮肤科医院对面那家药店的网店买的消毒棉签，整包都是发霉的。",
    "本人是眼科护士，网购的护目镜镜片一碰就掉，商家不理。",
])
def test_a_department_as_a_place_or_a_trade_is_no_injury(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


@pytest.mark.parametrize("text", [
    "网购的睫毛胶水用完眼皮肿了，去眼科看了，医生开了药膏。",
    "眼科医生说我的角膜被那瓶护理液灼伤了。",
])
def test_a_department_visited_is_still_an_injury(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


# --- the other side's say-so that nothing was lost ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "卖家称我没有任何损失，可是那台网购的洗碗机漏水，把橱柜底板全泡坏了。",
    "The shop claims there was no loss, yet the shelf it sold collapsed and smashed six plates and a vase.",
])
def test_the_other_sides_say_so_of_no_loss_is_not_none(text: str) -> None:
    assert _facts(text).harm != "none"


def test_the_consumers_own_no_loss_still_reads_none() -> None:
    assert _facts("商家当天就退了全款，我没有任何损失，只是想提醒平台注意这家店。").harm == "none"


# --- English negation scope, and a burn on a thing ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The fan heater sparked and charred the carpet, nobody hurt.",
    "Its battery swelled and cracked the phone screen; no one in the family got hurt.",
    "The shelf fell off the wall and broke the TV, without anyone getting hurt.",
    "The lamp overheated and left a burn mark on the bedside table.",
    "There is a burn on the sofa where the heated cushion was lying.",
])
def test_english_damage_to_things_is_not_an_injury(text: str) -> None:
    assert _facts(text).harm == "property_loss"


@pytest.mark.parametrize("text", [
    "The heating pad gave her a burn on the back of her hand.",
    "The iron burned my fingers when the handle came off.",
    "No one told us the jelly cups were a choking risk; my son choked on one and was taken to hospital.",
])
def test_english_injuries_still_read(text: str) -> None:
    assert _facts(text).harm == "personal_injury"


@pytest.mark.parametrize("text", [
    "My client's electric scooter lost its brakes and knocked down a cyclist, who fractured his ankle; my client paid his medical bills.",
    "The e-bike he bought on the app veered into a passer-by, who was badly injured.",
])
def test_english_a_third_persons_injury_is_not_the_consumers(text: str) -> None:
    assert _facts(text).harm != "personal_injury"


# --- evidence the platform did not submit is not the consumer's -------------------------------------------------

@pytest.mark.parametrize("text", [
    "被告一辩称已核实被告二的资质，但未提供任何证据。",
    "平台说它审核过卖家，却拿不出任何凭证，也没有提交聊天记录。",
])
def test_evidence_the_platform_lacks_is_not_the_consumers(text: str) -> None:
    assert _facts(text).consumer_prima_facie_evidence is None


def test_evidence_the_consumer_kept_still_reads() -> None:
    assert _facts("原告保留了订单截图和病历，已向被告一提交。").consumer_prima_facie_evidence is True


# --- the probe itself: narratives written for it, with their facts -----------------------------------------------

PROBE = Path(__file__).with_name("probe_k12.yaml")


def _wrong_values() -> list[str]:
    """Every value the extractor sets that the probe's labels say is wrong (unsure fields not scored)."""
    wrong = []
    for case in yaml.safe_load(PROBE.read_text(encoding="utf-8"))["cases"]:
        anchor = case.get("anchor")
        anchor = date.fromisoformat(anchor) if isinstance(anchor, str) else anchor
        got = extract_facts(case["text"], anchor=anchor, category_fallback=False).facts.model_dump()
        want = ClaimFacts(**case["expected"]).model_dump()
        never, unsure = case.get("never", {}), set(case.get("unsure", []))
        for f in EXTRACTED_FIELDS:
            if (f in never and got[f] == never[f]) or (
                    f not in unsure and got[f] is not None and got[f] != want[f]):
                wrong.append(f"{case['id']}.{f}: want {want[f]!r}, got {got[f]!r}")
    return wrong


def test_the_probe_has_no_wrong_value_in_the_fields_of_this_round() -> None:
    """The probe's wrong values outside category (K13's field, measured apart): none after this round."""
    assert [w for w in _wrong_values() if ".category:" not in w] == []
