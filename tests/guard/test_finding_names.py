"""The guard's findings read as Chinese (issue 16): a provision is named by its Chinese citation with its id in
parentheses after it, never by a bare id; no English words in the reasons the guard writes itself."""

from __future__ import annotations

import re

import pytest

from assistant.corpus import load_corpus
from assistant.guard.naming import name_zh, names_zh
from evals.guard.run import run_all
from tests.ui.identifiers import engine_identifiers


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def outcomes():
    return run_all()["outcomes"]


@pytest.mark.parametrize("pid, want", [
    ("ECL-38-2", "《电子商务法》第三十八条第二款（ECL-38-2）"),
    ("ECL-38-3", "《电子商务法》第三十八条第三款（ECL-38-3）"),  # not in the corpus: named from its numbers
    ("ECL-38-2-5", "《电子商务法》第三十八条第二款第五项（ECL-38-2-5）"),
    ("SPC-OC-99", "《网络消费纠纷规定（一）》第九十九条（SPC-OC-99）"),  # hyphenated code
    ("CC-1198之1", "《民法典》第一千一百九十八条之一"),  # no clean id to put in parentheses
    ("QIN-5.3", "覃玉娟文第5.3部分（QIN-5.3）"),
    ("QIN-9.9.9", "覃玉娟文第9.9.9部分（QIN-9.9.9）"),
    ("XYZ-3", "XYZ-3"),  # an unknown law code is shown as written, never dropped
    ("ECL-21198", "ECL-21198"),  # no statute prints such a number: shown as written
])
def test_name_zh(corpus, pid, want):
    assert name_zh(corpus, pid) == want


def test_names_zh_joins(corpus):
    assert names_zh(corpus, ["ECL-38-2", "ECL-38-1"]) == "《电子商务法》第三十八条第二款（ECL-38-2）、《电子商务法》第三十八条第一款（ECL-38-1）"


def test_no_finding_names_an_engine_identifier(outcomes):
    """Every reason of every finding on the defect set passes the page checker (the id after its citation is allowed)."""
    bad = {f.reason: ids for o in outcomes for f in o.report.findings
           if (ids := engine_identifiers(f.reason))}
    assert not bad, bad


def test_reasons_written_by_the_guard_have_no_english(outcomes):
    """ASCII words in a reason are only ids in parentheses, citation keys [S7] and what the memo itself says (quoted)."""
    leftover = []
    for o in outcomes:
        for f in o.report.findings:
            own = re.sub(r"“[^”]*”|（[A-Z][A-Za-z0-9.\-]*）|\[[A-Za-z0-9]+\]", "", f.reason)
            if re.search(r"[A-Za-z]{2,}", own):
                leftover.append(f.reason)
    assert not leftover, leftover


def test_unresolved_reason_names_the_invented_article_and_its_neighbours(outcomes):
    reasons = [f.reason for o in outcomes if o.name == "invented_ecl_38_paragraph_3" for f in o.report.unresolved]
    assert reasons and reasons[0].startswith("《电子商务法》第三十八条第三款（ECL-38-3）在语料库中不存在（《电子商务法》共89条）；相近条文：")
    assert "《电子商务法》第三十八条第二款（ECL-38-2）" in reasons[0]
