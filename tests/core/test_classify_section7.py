"""``lexmemo classify`` plain output carries spec section 7 (remedies, limitation, forum) in Chinese: every head,
every obligor's limitation status and every defendant that ``--json`` has, read from the JSON of the same run."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import _register_verbs, app
from assistant.drafting.facts_zh import chinese_date
from assistant.drafting.limitation_zh import DEFENDANT, STATUS
from assistant.drafting.remedies_zh import HEADS, party

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "claims"
runner = CliRunner()
_register_verbs()  # as `lexmemo` does, so `classify` is a sub-command


@pytest.mark.parametrize("stem", ["catering_licence_not_reviewed", "drug_minor_contribution", "drug_facts_unknown",
                                  "food_2018_seller_unidentified"])
def test_plain_output_has_section_7_as_the_json_has_it(stem):
    path = str(EXAMPLES / f"{stem}.json")
    plain = runner.invoke(app, ["classify", path])
    assert plain.exit_code == 0, plain.output
    data = json.loads(runner.invoke(app, ["classify", path, "--json"]).stdout)
    text = plain.stdout
    seven = text[text.index("七、赔偿、诉讼时效与管辖"):]
    for heading in ("（一）赔偿项目", "（二）惩罚性赔偿", "（三）诉讼时效", "（四）管辖与当事人"):
        assert heading in seven
    for head in data["remedies"].get("heads", []):
        assert HEADS[head["head"]] in seven
    for claim in data["limitation"].get("claims", []):
        line = next(l for l in seven.splitlines() if l.startswith(f"- 对{party(claim['against'])}："))
        assert STATUS[claim["status"]] in line
        if claim.get("expiry_date"):
            assert chinese_date(date.fromisoformat(claim["expiry_date"])) in line
    for d in data["forum"].get("defendants", []):
        assert re.search(rf"^{d['order']}\. {re.escape(party(d['party']))}.*：{DEFENDANT[d['status']]}", seven, re.M)


def test_section_7_cites_in_chinese_and_leaves_no_case_id_behind():
    text = runner.invoke(app, ["classify", str(EXAMPLES / "catering_licence_not_reviewed.json")]).stdout
    seven = text[text.index("七、"):]
    assert seven.count("《中华人民共和国民法典》（以下简称《民法典》）") == 1  # the full title once, on first use
    assert "《民法典》第一百八十八条第一款" in seven
    assert "CC-188" not in seven and "spc2023" not in seven  # ids become citations (or words), never shown raw
    assert "参见案例 ，" not in seven  # a case the note names is cited, not dropped
