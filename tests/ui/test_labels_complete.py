"""Issue 16: every engine name a page can show has a Chinese label in the one translation table (ui/i18n.py with
ui/labels_zh.yaml). A new enum value, rule id, trace element or headline figure without a label fails here, before a
lawyer sees ``joint_and_several`` or ``ecl_38_2``.
"""

from __future__ import annotations

import json
import re
import sys
import typing
from pathlib import Path
from typing import Any, Iterator, get_args, get_origin

import pytest
import yaml

from identifiers import engine_identifiers

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "ui"))
from engine_text import corpus_cite, humanize, metric_label  # noqa: E402
from i18n import FIELD_LABELS, VALUE_LABELS, label  # noqa: E402
from views.verdict_panel import rule_heading  # noqa: E402

from assistant.core import classify  # noqa: E402
from assistant.core.models import DOCTRINES, ClaimFacts, Scenario, TraceEntry, Verdict  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
EXAMPLES = sorted((REPO / "examples" / "claims").glob("*.json"))


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Labels in Chinese: outside a script run i18n answers in the last run's language (an English-mode AppTest
    earlier in the session would otherwise leave it English)."""
    import i18n

    monkeypatch.setattr(i18n, "_last_lang", ["zh"])


def _literals(annotation: Any) -> tuple[str, ...]:
    """The values of every Literal inside ``annotation`` (Optional, Annotated and unions unwrapped)."""
    if get_origin(annotation) is typing.Literal:
        return tuple(str(v) for v in get_args(annotation))
    return tuple(v for arg in get_args(annotation) for v in _literals(arg))


def _enum_fields(model: Any) -> Iterator[tuple[str, tuple[str, ...]]]:
    for name, info in model.model_fields.items():
        values = _literals(info.annotation)
        if values:
            yield name, values


def _assert_chinese(kind: str, value: str) -> None:
    pair = VALUE_LABELS.get(kind, {}).get(value)
    assert pair is not None, f"no label for {kind}={value!r} in ui/i18n.py or ui/labels_zh.yaml"
    assert CJK.search(pair[0]) and pair[1], (kind, value, pair)


def test_the_label_file_is_well_formed():
    """Every entry of labels_zh.yaml is [Chinese, English], the Chinese with Chinese characters in it."""
    data = yaml.safe_load((REPO / "ui" / "labels_zh.yaml").read_text(encoding="utf-8"))
    bad = [(kind, value, pair) for kind, values in data.items() for value, pair in values.items()
           if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)
                   and CJK.search(pair[0]))]
    assert not bad, bad


@pytest.mark.parametrize("field,values", list(_enum_fields(ClaimFacts)))
def test_every_claimfacts_enum_value_has_a_chinese_label(field, values):
    for value in values:
        _assert_chinese(field, value)


@pytest.mark.parametrize("model", [Verdict, TraceEntry, Scenario])
def test_every_verdict_enum_value_has_a_chinese_label(model):
    kinds = {"burden_of_proof": "burden_of_proof", "form": "liability_form", "on_record": "liability_form"}
    for field, values in _enum_fields(model):
        for value in values:
            _assert_chinese(kinds.get(field, field), value)
    for profile in DOCTRINES:
        _assert_chinese("doctrine", profile)


def test_every_rule_the_core_registers_has_a_chinese_name():
    """Liability rules and the section-7 rules (H*, P*, L*, F*, D*, S*): a new rule without a name fails here."""
    import assistant.core.engine  # noqa: F401  (registers the liability rules)
    import assistant.core.forum  # noqa: F401
    import assistant.core.limitation  # noqa: F401
    import assistant.core.remedies  # noqa: F401
    from assistant.core.registry import REGISTRY

    missing = [rule for rule in REGISTRY if rule not in VALUE_LABELS["rule"]]
    assert not missing, f"rules without a Chinese name in ui/labels_zh.yaml (rule:): {missing}"
    for rule in REGISTRY:
        _assert_chinese("rule", rule)


def test_every_worked_example_has_a_chinese_title():
    for path in EXAMPLES:
        _assert_chinese("example", path.stem)


def _fact_sets() -> Iterator[tuple[str, dict, str]]:
    """Every worked example and every verdict golden, each under every doctrine profile."""
    from evals.goldens import load_verdict_goldens

    for path in EXAMPLES:
        data = json.loads(path.read_text(encoding="utf-8"))
        facts = {k: v for k, v in data.get("facts", data).items() if not k.startswith("_")}
        yield path.stem, facts, data.get("doctrine", "qin2025") if "facts" in data else "qin2025"
    for golden in load_verdict_goldens():
        yield golden.name, golden.facts, golden.doctrine


def test_what_the_core_emits_reads_in_chinese():
    """Classify every example and golden under all five profiles; each trace heading, element, value, detail, note,
    route and scenario as the verdict panel shows it carries no engine identifier (the core's own words included)."""
    from assistant.corpus import load_corpus

    cite = corpus_cite(load_corpus())
    leaks: set[str] = set()
    seen_elements: set[str] = set()
    runs = 0
    for name, facts, _doctrine in _fact_sets():
        for doctrine in DOCTRINES:
            verdict = classify(facts, doctrine=doctrine)
            runs += 1
            shown = [label("liability_form", verdict.liability_form), label("imputation", verdict.imputation),
                     label("burden_of_proof", verdict.burden_of_proof), label("burden_basis", verdict.burden_basis),
                     label("liability_nature", verdict.liability_nature), label("doctrine", doctrine),
                     *(label("liability_form", f) for f in verdict.doctrine.alternatives.values()),
                     *(humanize(n, cite) for n in verdict.notes), *(cite(r) for r in verdict.regimes)]
            for entry in verdict.trace:
                shown += [rule_heading(entry), humanize(entry.detail, cite)]
                for el in entry.elements:
                    seen_elements.add(el.name)
                    shown.append(FIELD_LABELS.get(el.name, (el.name,))[0])
                    value = el.value
                    shown.append(humanize(value, cite) if isinstance(value, str) and "=" in value
                                 else label(el.name, value) if value is not None and not isinstance(value, bool)
                                 else "")
            for scenario in verdict.scenarios:
                shown += [label("liability_form", scenario.form), cite(scenario.route)]
                shown += [label(f, v) for f, v in scenario.requires.items() if isinstance(v, str)]
            for text in shown:
                for token in engine_identifiers(text):
                    leaks.add(f"{name} ({doctrine}): {token!r} in {text[:100]!r}")
    assert runs > 500 and seen_elements  # the corpus of fact sets is really there
    assert not leaks, "\n".join(sorted(leaks)[:40])


def test_every_limitation_status_and_party_the_engine_emits_has_chinese():
    """The badge and the triage table say a claim's status and its defendant in Chinese, for every example."""
    from assistant.triage.columns import PARTY_ZH, STATUS_ZH

    statuses, parties = set(), set()
    for _name, facts, doctrine in _fact_sets():
        limitation = classify(facts, doctrine=doctrine).limitation or {}
        for claim in limitation.get("claims") or []:
            statuses.add(claim.get("status"))
            parties.add(claim.get("against"))
    assert statuses and parties
    assert not statuses - set(STATUS_ZH) - {None}, statuses - set(STATUS_ZH)
    assert not parties - set(PARTY_ZH) - {None}, parties - set(PARTY_ZH)


# Headline figures the suites write (evals/suites/*.py "headline"): each has a Chinese name on the eval page.
HEADLINES = (
    "goldens", "agreement", "form_accuracy", "citation_recall", "citation_precision", "citations_resolving",
    "defective", "clean", "catch_rate", "false_alarm_rate", "catch_rate_engine_verdicts",
    "false_alarm_rate_engine_verdicts", "cases", *(f"agreement_{p}" for p in DOCTRINES), "agreement_on_record_qin2025",
    "queries", *(f"{m}_{k}" for m in ("bm25", "dense", "hybrid") for k in ("recall@5", "mrr")),
    "memos", "drafter", "conclusion_all_three", "guard_ok", "seconds_per_memo",
)


@pytest.mark.parametrize("figure", HEADLINES)
def test_every_headline_figure_has_a_chinese_name(figure):
    shown = metric_label(figure)
    assert CJK.search(shown) and not engine_identifiers(shown), (figure, shown)
