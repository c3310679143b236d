"""Memo sections (split/join, labelled 简要结论 lines) and the guard's term tables (longest match, negation)."""

from __future__ import annotations

import pytest

from assistant.guard import terms
from assistant.memo import SECTIONS, conclusion_lines, join_sections, split_memo, split_sections

MEMO = """# 关于平台责任的备忘录

## 一、问题

平台是否承担责任？

## 二、简要结论

责任形态：补充责任
归责原则: 过错推定
**举证责任**：平台（举证责任倒置）

## 法律分析

### 一级要件
文字

## 附录

附件清单
"""


def test_split_accepts_numbered_and_plain_headings_and_keeps_unknown_ones():
    title, sections = split_memo(MEMO)
    assert title == "关于平台责任的备忘录"
    assert list(sections) == ["问题", "简要结论", "法律分析", "附录"]
    assert sections["法律分析"] == "### 一级要件\n文字"
    assert "事实与假设" not in sections


def test_join_is_canonical_numbered_and_round_trips():
    title, sections = split_memo(MEMO)
    joined = join_sections(title, sections)
    assert "## 一、问题" in joined and "## 三、法律分析" in joined and "## 四、附录" in joined
    assert split_sections(joined) == sections


def test_join_orders_known_sections_canonically():
    joined = join_sections("T", {"声明": "d", "问题": "q", "其他": "x"})
    assert joined.index("## 一、问题") < joined.index("## 二、声明") < joined.index("## 三、其他")


def test_conclusion_lines_full_and_half_width_colons():
    lines = conclusion_lines(split_sections(MEMO)["简要结论"])
    assert lines == {"liability_form": "补充责任", "imputation": "过错推定", "burden_of_proof": "平台（举证责任倒置）"}


def test_numbered_and_bulleted_label_lines():
    lines = conclusion_lines("1. 责任形态：补充责任\n（二）**归责原则**：过错推定\n- 举证责任: 平台")
    assert lines == {"liability_form": "补充责任", "imputation": "过错推定", "burden_of_proof": "平台"}


def test_known_heading_with_a_gloss_is_read_as_the_known_section():
    sections = split_sections("# T\n\n## 二、简要结论（Short Answer）\n\nx\n\n## 简要结论与建议\n\ny\n")
    assert sections == {"简要结论": "x", "简要结论与建议": "y"}


def test_sections_constant():
    assert SECTIONS == ("问题", "简要结论", "事实与假设", "法律分析", "风险提示", "建议", "依据", "声明")


@pytest.mark.parametrize(
    "form, label",
    [("joint_and_several", "连带责任"), ("supplementary", "补充责任"), ("proportional", "按份责任"),
     ("proportional_joint", "比例连带责任"), ("seller_liability", "承担销售者责任"),
     ("advance_compensation", "先行赔付责任（可追偿）"), ("none", "不承担责任"), ("undetermined", "事实不足，暂无法确定")],
)
def test_form_labels_round_trip(form, label):
    assert terms.form_label(form) == label
    assert terms.detect_form(label) == form


def test_longest_term_wins():
    assert terms.detect_form("比例连带责任") == "proportional_joint"
    assert terms.detect_imputation("无过错责任") == "no_fault"
    assert terms.detect_burden("平台（举证责任倒置）") == "platform"


def test_negated_terms_are_skipped():
    assert terms.detect_form("平台不承担连带责任，而承担补充责任") == "supplementary"
    assert terms.detect_form("而非连带责任") is None


def test_other_labels():
    assert terms.imputation_label("presumed_fault") == "过错推定"
    assert terms.burden_label("consumer") == "消费者（谁主张谁举证）"
    assert terms.basis_label("proposal") == "学说建议（覃玉娟2025），非现行法"
    assert terms.detect_basis("学说建议（覃玉娟2025），非现行法") == "proposal"
    with pytest.raises(KeyError):
        terms.form_label("joint")
