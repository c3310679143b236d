"""Sources grouped by kind under 本结论所依据的规定: the seed article as one entry, statutes by article with their 款."""

from __future__ import annotations

import sys

from ui_helpers import REPO, new_app, texts

from assistant.corpus import load_corpus

sys.path.insert(0, str(REPO / "ui"))
from views.sources import group_sources  # noqa: E402


def test_group_sources_by_kind_one_seed_entry_statutes_by_article():
    corpus = load_corpus()
    ids = ["FSL-131-1", "SPC-FS1-3", "CC-1198-2", "ECL-38-2", "CC-1198-1", "QIN-5.1", "QIN-5.3", "NO-SUCH-1"]
    groups, unknown = group_sources(corpus, ids)
    assert unknown == ["NO-SUCH-1"]  # flagged, never dropped
    assert list(groups) == ["group_law", "group_interpretation", "group_doctrine"]
    law = {e.key: e for e in groups["group_law"]}
    assert list(law) == ["FSL-131", "CC-1198", "ECL-38"]
    assert law["CC-1198"].ids == ["CC-1198-2", "CC-1198-1"]  # one article, its two cited 款
    assert law["CC-1198"].heading == "《民法典》第一千一百九十八条第二款、第一款"
    assert [e.ids for e in groups["group_interpretation"]] == [["SPC-FS1-3"]]
    (seed,) = groups["group_doctrine"]
    assert seed.ids == ["QIN-5.1", "QIN-5.3"] and "覃玉娟" in seed.heading


def test_matter_page_lists_sources_grouped_with_the_seed_article_once(data_dir):
    at = new_app(example="drug_minor_contribution")
    page = texts(at)
    assert "本结论所依据的规定" in page and "裁判所依据的条文" not in page
    assert "**法律**（3）" in page and "**学说**（1）" in page  # ECL-38, CC-1198, CC-1165; the seed article once
    labels = [e.label for e in at.expander]
    assert sum(label.startswith("覃玉娟《") for label in labels) == 1
    assert not any("第5.1部分" in label for label in labels)  # the sections are inside the one entry
    assert "本文被引用的部分（7）" in page
    assert "对关系消费者生命健康的商品或者服务" in page  # the cited 款 verbatim
