"""The loader fails loudly, naming file and line, on malformed data (small bad corpora built in tmp_path)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.corpus import CorpusError, load_corpus

FRONT = """---
title: "测试法"
short_title: "测试法"
instrument_type: "law"
articles: {articles}
article_gaps: {gaps}
---

# 测试法

（2020年1月1日通过）

"""

GOOD_BODY = """## 第一章 总则

第一条 为了测试，制定本法。

第二条 第一款。
（一）第一项；
（二）第二项。
第二款。

第三条 最后一条。
"""


def make_corpus(tmp_path: Path, body: str, *, articles: int = 3, gaps: str = "[]", extra: str = "") -> Path:
    """A one-statute corpus (code TST) in tmp_path; ``extra`` appends manifest YAML."""
    root = tmp_path / "corpus"
    (root / "statutes").mkdir(parents=True)
    (root / "statutes" / "test_law.md").write_text(FRONT.format(articles=articles, gaps=gaps) + body, encoding="utf-8")
    (root / "instruments.yaml").write_text(
        "statutes:\n"
        "- {code: TST, file: statutes/test_law.md, title: 中华人民共和国测试法, short_title: 测试法,\n"
        "   instrument_type: law, effective: '2020-01-01', repealed: null, version: 测试文本}\n" + extra,
        encoding="utf-8",
    )
    return root


def line_of(root: Path, needle: str, file: str = "statutes/test_law.md") -> int:
    """1-based line number of the first line of ``file`` that starts with ``needle``."""
    for i, line in enumerate((root / file).read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(needle):
            return i
    raise AssertionError(needle)


def assert_names(exc: CorpusError, file: str, line: int) -> None:
    assert exc.file is not None and exc.file.endswith(file)
    assert exc.line == line
    assert re.search(rf"{re.escape(file)}:{line}\b", str(exc))


def test_good_fixture_loads(tmp_path: Path) -> None:
    corpus = load_corpus(make_corpus(tmp_path, GOOD_BODY), use_cache=False)
    assert corpus.get("TST-2").paragraphs == 2
    assert corpus.get("TST-2-1-2").text == "（二）第二项。"
    assert corpus.get("TST-2-2").text == "第二款。"
    assert corpus.cite("TST-2-1-2") == "《测试法》第二条第一款第二项"


@pytest.mark.parametrize(
    "bad_heading",
    ["第3条 最后一条。", "第三 条 最后一条。", "第三条最后一条。", "第叁条 最后一条。", "三条 最后一条。", "第一十三条 最后一条。"],
)
def test_malformed_article_heading(tmp_path: Path, bad_heading: str) -> None:
    root = make_corpus(tmp_path, GOOD_BODY.replace("第三条 最后一条。", bad_heading))
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert "heading" in str(err.value) or "numeral" in str(err.value)
    assert_names(err.value, "statutes/test_law.md", line_of(root, bad_heading))


def test_duplicate_article_id(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY.replace("第三条 最后一条。", "第二条 又一个第二条。"))
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert "duplicate id TST-2" in str(err.value)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "第二条 又一个第二条。"))


def test_gap_in_article_numbering(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY.replace("第三条 最后一条。", "第四条 跳号。"))
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert "gap" in str(err.value) and "第三条" in str(err.value)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "第四条"))


def test_disorder_in_article_numbering(tmp_path: Path) -> None:
    body = "第一条 一。\n\n第三条 三。\n\n第二条 二。\n"
    root = make_corpus(tmp_path, body)
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "第三条"))


def test_declared_gap_is_accepted(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY.replace("第三条 最后一条。", "第四条 跳号。"), gaps='["第三条"]')
    corpus = load_corpus(root, use_cache=False)
    assert corpus.resolve("TST-4") and not corpus.resolve("TST-3")


def test_article_count_must_match_front_matter(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY, articles=4)
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert "articles: 4" in str(err.value)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "第三条"))


def test_item_numbering_must_run_on(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY.replace("（二）第二项。", "（三）第二项。"))
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert "item numbering" in str(err.value)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "（三）"))


def test_article_heading_without_blank_line(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY.replace("第二款。\n\n第三条", "第二款。\n第三条"))
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "第三条"))


def test_article_variant_zhi_yi_is_refused(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, GOOD_BODY + "\n第三条之一 增补。\n")
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert_names(err.value, "statutes/test_law.md", line_of(root, "第三条之一"))


def test_duplicate_excerpt_must_be_identical(tmp_path: Path) -> None:
    excerpt = FRONT.format(articles=1, gaps="[]") + "第二条 第一款。\n（一）第一项；\n（二）第二项。\n第二款（改过的）。\n"
    extra = "- {code: TST, file: statutes/excerpt.md, duplicate_of: TST, title: 节选, article_ranges: [[2, 2]]}\n"
    root = make_corpus(tmp_path, GOOD_BODY, extra=extra)
    (root / "statutes" / "excerpt.md").write_text(excerpt, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert "differs" in str(err.value)
    assert_names(err.value, "statutes/excerpt.md", line_of(root, "第二条", "statutes/excerpt.md"))
    # the identical excerpt passes and adds no ids of its own
    (root / "statutes" / "excerpt.md").write_text(excerpt.replace("第二款（改过的）。", "第二款。"), encoding="utf-8")
    corpus = load_corpus(root, use_cache=False)
    assert {p.file for p in corpus.provisions()} == {"statutes/test_law.md"}


def test_duplicate_id_across_instruments(tmp_path: Path) -> None:
    extra = (
        "- {code: TST, file: statutes/test_law.md, title: 又一部, short_title: 又一部, instrument_type: law,\n"
        "   effective: '2020-01-01', version: v}\n"
    )
    root = make_corpus(tmp_path, GOOD_BODY, extra=extra)
    with pytest.raises(CorpusError, match="duplicate code TST"):
        load_corpus(root, use_cache=False)


def test_bad_case_record_names_its_line(tmp_path: Path) -> None:
    root = make_corpus(
        tmp_path, GOOD_BODY,
        extra="cases: {code: CASE, file: cases/cases.jsonl, title: 案例, short_title: 案例, instrument_type: cases}\n",
    )
    (root / "cases").mkdir()
    good = {"id": "c1", "case_name": "甲诉乙", "court": "某法院", "outcome": "other", "sources": [], "tier": "其他"}
    lines = [json.dumps(good, ensure_ascii=False), json.dumps(good | {"tier": "典型"}, ensure_ascii=False)]
    (root / "cases" / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert_names(err.value, "cases/cases.jsonl", 2)
    lines[1] = json.dumps(good, ensure_ascii=False)
    (root / "cases" / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate id c1") as err:
        load_corpus(root, use_cache=False)
    assert_names(err.value, "cases/cases.jsonl", 2)


def test_seed_section_numbering_is_checked(tmp_path: Path) -> None:
    root = make_corpus(
        tmp_path, GOOD_BODY,
        extra="seed: {code: QIN, file: seed/s.md, title: 文章, short_title: 文章, instrument_type: article,\n"
        "       effective: '2025-01-01', version: v, author: 某, year: 2025}\n",
    )
    (root / "seed").mkdir()
    (root / "seed" / "s.md").write_text("# 题目\n\n## 1. 引言\n正文\n### 1.1. 小节\n正文\n## **1.3. 跳了**\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(root, use_cache=False)
    assert_names(err.value, "seed/s.md", 7)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="manifest not found"):
        load_corpus(tmp_path, use_cache=False)


def test_seed_bold_only_heading_is_a_section_when_it_fits(tmp_path: Path) -> None:
    root = make_corpus(
        tmp_path, GOOD_BODY,
        extra="seed: {code: QIN, file: seed/s.md, title: 文章, short_title: 文章, instrument_type: article,\n"
        "       effective: '2025-01-01', version: v, author: 某, year: 2025}\n",
    )
    (root / "seed").mkdir()
    (root / "seed" / "s.md").write_text(
        "# 题目\n\n## 1. 引言\n正文一\n**1.1. 加粗小节**\n正文二\n**7. 不是小节的加粗行**\n### 2. 结语\n正文三\n\n### 参考文献\n- [1] 某\n",
        encoding="utf-8",
    )
    corpus = load_corpus(root, use_cache=False)
    assert [p.id for p in corpus.provisions("QIN")] == ["QIN-1", "QIN-1.1", "QIN-2"]
    assert corpus.get("QIN-1.1").title == "加粗小节"
    assert corpus.get("QIN-1.1").text == "正文二\n**7. 不是小节的加粗行**"
    assert corpus.get("QIN-2").text == "正文三"
