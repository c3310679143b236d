"""A sound memo in an LLM's own words (paraphrased provision, rejected view, a scenario, a denied repealed law, a
court risk under a named doctrine) passes every check, facts included: the guard's false-alarm guard rail."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.core import ClaimFacts, classify
from assistant.guard import check_memo

CLAIMS = Path(__file__).resolve().parents[2] / "examples" / "claims"
SOUND = """# 关于网上药店致害案件中平台责任的法律备忘录

## 一、问题

消费者在第三方平台的入驻药店购药后受到人身损害。平台已审核药店资质，但未尽到事中监控等安全保障义务。平台应承担何种责任？

## 二、简要结论

责任形态：补充责任
归责原则：过错推定
举证责任：平台（举证责任倒置）

举证责任的性质：学说建议（覃玉娟2025），非现行法。
平台应在药店不能赔偿的范围内承担相应的补充责任，而非连带责任；平台承担责任后，可以向药店追偿。

## 三、事实与假设

- 事发日期：2023年5月1日
- 平台为第三方平台，药品由入驻药店销售。
- 平台已对药店资质进行审核；平台事先不知道药品存在问题。
- 平台违反义务的原因力较小。
- 消费者已完成初步举证。

## 四、法律分析

《中华人民共和国电子商务法》（以下简称《电子商务法》）第三十八条第二款规定，对关系消费者生命健康的商品或者服务，平台未尽到审核义务或者安全保障义务的，依法承担相应的责任。该条未明确“相应的责任”的形态。

有观点主张平台应一律承担连带责任，本备忘录不采纳。依覃玉娟文第4.1.2部分的分析，平台已审核资质、仅在事中环节未尽安全保障义务的，可类推《中华人民共和国民法典》（以下简称《民法典》）第一千一百九十八条第二款，承担补充责任。

如能证明平台曾作出先行赔付承诺，则平台将承担先行赔付责任。

需要注意的是，《侵权责任法》已于2021年1月1日废止，本案不适用该法。

## 五、风险提示

法院可能采连带责任说，判令平台承担连带责任。

## 六、建议

向平台调取审核记录与监控记录；核实平台是否作出过先行赔付承诺。

## 七、依据

1. 《电子商务法》第三十八条第二款
2. 《民法典》第一千一百九十八条第二款

## 八、声明

本备忘录由人工智能辅助生成，须经执业律师审阅。
"""


def test_a_sound_llm_style_memo_passes():
    facts = ClaimFacts.model_validate(json.loads((CLAIMS / "drug_minor_contribution.json").read_text(encoding="utf-8")))
    verdict = classify(facts)
    report = check_memo(SOUND, verdict, event_date=facts.event_date, facts=facts)
    assert report.ok, report.to_text()
    assert report.facts_checked


def test_the_same_memo_with_one_fact_flipped_fails():
    facts = ClaimFacts.model_validate(json.loads((CLAIMS / "drug_minor_contribution.json").read_text(encoding="utf-8")))
    verdict = classify(facts)
    memo = SOUND.replace("平台事先不知道药品存在问题", "平台事先明知药品存在问题")
    report = check_memo(memo, verdict, event_date=facts.event_date, facts=facts)
    assert [f.field for f in report.fact_mismatches] == ["knew_or_should_have_known"]
