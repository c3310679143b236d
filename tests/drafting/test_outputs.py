"""Word export, the audit receipt, and ``lexmemo draft`` writing .md, .docx and the receipt."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime

import pytest
from docx import Document
from typer.testing import CliRunner

from assistant.drafting import draft_memo
from assistant.drafting.docx_export import memo_to_docx
from assistant.drafting.provenance import canonical_json
from assistant.drafting.prompts import PROMPT_VERSION

EXAMPLE = "drug_minor_contribution"


def test_docx_opens_with_headings_numbered_basis_and_east_asian_font(examples, settings, tmp_path):
    """The .docx opens with python-docx; headings, a List Number 依据, and w:eastAsia on styles and runs."""
    result = draft_memo(examples(EXAMPLE), settings=settings)
    path = memo_to_docx(result.markdown, tmp_path / "memo.docx")
    doc = Document(str(path))
    styles = [p.style.name for p in doc.paragraphs]
    assert styles[0] == "Title" and styles.count("Heading 1") == 8
    basis = result.sections["依据"].splitlines()
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(basis) and numbered[0] == basis[0].split(". ", 1)[1]
    with zipfile.ZipFile(path) as z:
        body, styles_xml = z.read("word/document.xml").decode(), z.read("word/styles.xml").decode()
    assert 'w:eastAsia="宋体"' in body and 'w:eastAsia="宋体"' in styles_xml
    assert "eastAsiaTheme" not in body
    assert doc.core_properties.title == result.context.title


def test_docx_keeps_review_marks_bold(clean_tmp_marked_memo, tmp_path):
    """A 需复核 memo's marks survive into Word as bold runs (nothing dropped)."""
    path = memo_to_docx(clean_tmp_marked_memo, tmp_path / "marked.docx")
    doc = Document(str(path))
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    assert any("需复核" in text for text in bold)


@pytest.fixture
def clean_tmp_marked_memo(examples, settings, replay_file):
    memo = draft_memo(examples(EXAMPLE), settings=settings).markdown.replace("责任形态：补充责任", "责任形态：连带责任")
    result = draft_memo(examples(EXAMPLE), settings=settings.model_copy(
        update={"llm": f"replay:{replay_file(memo, memo)}"}))
    assert result.needs_review
    return result.markdown


def test_receipt_records_inputs_drafter_and_guard(examples, settings, corpus):
    """Corpus hash, rules version, doctrine, drafter, prompt version, verdict hash, guard, ids, keys, time."""
    result = draft_memo(examples(EXAMPLE), settings=settings, doctrine="supplementary_only")
    r = result.receipt
    assert r["corpus_hash"] == corpus.hash and r["doctrine"] == "supplementary_only"
    assert r["drafter"] == "template" and r["model"] is None and r["prompt_version"] == PROMPT_VERSION
    expected = hashlib.sha256(canonical_json(result.verdict.model_dump(mode="json")).encode()).hexdigest()
    assert r["verdict_hash"] == expected
    assert r["memo_sha256"] == hashlib.sha256(result.markdown.encode()).hexdigest()
    assert r["guard"] == result.report.to_json() and r["guard"]["ok"] is True
    assert r["allowed_ids"][: len(result.verdict.citations)] == result.verdict.citations
    assert r["key_table"]["S1"] == result.verdict.citations[0]
    assert r["rules_version"]
    assert datetime.fromisoformat(r["timestamp"]).tzinfo is not None
    json.dumps(r, ensure_ascii=False)  # serialisable


def test_different_doctrine_gives_different_verdict_hash(examples, settings):
    """The verdict hash follows the verdict: another profile, another hash."""
    a = draft_memo(examples(EXAMPLE), settings=settings).receipt["verdict_hash"]
    b = draft_memo(examples(EXAMPLE), settings=settings, doctrine="joint").receipt["verdict_hash"]
    assert a != b


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Run ``lexmemo`` in-process with settings on temporary dirs."""
    from assistant.cli import _register_verbs, app

    monkeypatch.setenv("LEXMEMO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LEXMEMO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LEXMEMO_LLM", "template")
    _register_verbs()
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(map(str, args)))


def test_cli_draft_writes_markdown_docx_and_receipt(cli, tmp_path):
    """``lexmemo draft FACTS -o memo.md -o memo.docx --receipt r.json`` writes all three and exits 0."""
    from .conftest import REPO

    facts = REPO / "examples" / "claims" / f"{EXAMPLE}.json"
    md, docx, receipt = tmp_path / "memo.md", tmp_path / "memo.docx", tmp_path / "receipt.json"
    result = cli("draft", facts, "-o", md, "-o", docx, "--receipt", receipt)
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 法律备忘录") and "## 二、简要结论" in text
    assert Document(str(docx)).paragraphs[0].text == text.splitlines()[0][2:]
    data = json.loads(receipt.read_text(encoding="utf-8"))
    assert data["memo_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert data["outputs"] == [str(md), str(docx)]


def test_cli_draft_marks_and_exits_1_when_guard_fails(cli, tmp_path, replay_file):
    """A replayed memo that fails twice is still written, marked 需复核, and the exit status is 1."""
    from .conftest import REPO

    bad = "# 备忘录\n\n## 二、简要结论\n\n责任形态：连带责任\n\n依《合同法》第一百零七条。\n"
    path = replay_file(bad, bad)
    out = tmp_path / "memo.md"
    result = cli("draft", REPO / "examples" / "claims" / f"{EXAMPLE}.json", "--llm", f"replay:{path}", "-o", out)
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "需复核" in text and "《合同法》第一百零七条" in text


def test_cli_draft_docx_of_a_failed_memo_carries_the_review_mark(cli, tmp_path, replay_file):
    """``lexmemo draft … -o m.docx`` of a memo that failed the guard: 需复核 in the title, the findings first."""
    from .conftest import REPO

    bad = "# 备忘录\n\n## 二、简要结论\n\n责任形态：连带责任\n\n依《合同法》第一百零七条。\n"
    out = tmp_path / "memo.docx"
    result = cli("draft", REPO / "examples" / "claims" / f"{EXAMPLE}.json", "--llm",
                 f"replay:{replay_file(bad, bad)}", "-o", out)
    assert result.exit_code == 1, result.output
    assert out.exists(), (result.output, repr(result.exception))
    paragraphs = [p.text for p in Document(str(out)).paragraphs if p.text.strip()]
    assert "需复核" in paragraphs[0]
    assert paragraphs[1].startswith("需复核") and "《合同法》第一百零七条" in paragraphs[1], paragraphs[:2]


@pytest.mark.parametrize("args, message", [
    (["{facts}", "-o", "memo.pdf"], "unknown format"),
    (["{bad}"], "harm"),
    (["{facts}", "--llm", "gpt"], "expected one of"),
    (["{facts}", "--doctrine", "nonsense"], "--doctrine"),
    (["{missing}"], "cannot read"),
])
def test_cli_draft_bad_input_exits_2(cli, tmp_path, args, message):
    """Bad suffix, bad facts, bad --llm, bad --doctrine, missing file: exit 2 with a clear message."""
    from .conftest import REPO

    bad = tmp_path / "bad.json"
    bad.write_text('{"harm": "broken"}', encoding="utf-8")
    paths = {"facts": REPO / "examples" / "claims" / f"{EXAMPLE}.json", "bad": bad, "missing": tmp_path / "nope.json"}
    result = cli("draft", *[a.format(**paths) for a in args])
    assert result.exit_code == 2
    assert message in result.output
