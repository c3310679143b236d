"""Every statute file parses; counts match INDEX.md and front matter; key provisions carry the exact text."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant.corpus import Corpus
from assistant.corpus.loader import DEFAULT_CORPUS_DIR
from assistant.corpus.numerals import from_chinese
from assistant.corpus.statutes import parse_statute_text, split_front_matter

STATUTES = DEFAULT_CORPUS_DIR / "statutes"
MANIFEST = yaml.safe_load((DEFAULT_CORPUS_DIR / "instruments.yaml").read_text(encoding="utf-8"))


def _index_counts() -> dict[str, int]:
    """File name → article count, from the table of corpus/statutes/INDEX.md (e.g. "89（第一条—第八十九条）")."""
    counts = {}
    for line in (STATUTES / "INDEX.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| \[([^\]]+\.md)\]\([^)]*\) \| [^|]+ \| [^|]+ \| (\d+)（", line)
        if m:
            counts[m.group(1)] = int(m.group(2))
    return counts


INDEX_COUNTS = _index_counts()


def test_index_lists_every_statute_file() -> None:
    files = {p.name for p in STATUTES.glob("*.md") if p.name != "INDEX.md"}
    assert len(files) == 18
    assert set(INDEX_COUNTS) == files


@pytest.mark.parametrize("entry", MANIFEST["statutes"], ids=lambda e: e["file"])
def test_every_statute_file_parses_with_the_indexed_article_count(entry: dict) -> None:
    path = DEFAULT_CORPUS_DIR / entry["file"]
    text = path.read_text(encoding="utf-8")
    meta, _, _ = split_front_matter(text, entry["file"])
    _, provisions = parse_statute_text(text, entry["code"], entry["file"], ranges=entry.get("article_ranges"))
    articles = [p for p in provisions if p.kind == "article"]
    assert len(articles) == meta["articles"] == INDEX_COUNTS[path.name] == entry["articles"]
    # every article's printed number agrees with its id
    for a in articles:
        assert from_chinese(a.article_label[1:-1]) == a.article


def test_every_manifest_statute_is_loaded_with_its_count(corpus: Corpus) -> None:
    for entry in MANIFEST["statutes"]:
        if entry.get("duplicate_of"):
            continue
        loaded = corpus.provisions(entry["code"], kind="article")
        assert len(loaded) == entry["articles"], entry["code"]
        assert [a.article for a in loaded] == list(range(1, entry["articles"] + 1))


def test_civil_code_excerpt_adds_no_ids(corpus: Corpus) -> None:
    # civil_code_tort.md is verified identical to civil_code.md and indexed once, under CC
    assert {p.file for p in corpus.provisions("CC")} == {"statutes/civil_code.md"}
    assert not any(p.file.endswith("civil_code_tort.md") for p in corpus.provisions())
    assert len(corpus.provisions("CC", kind="article")) == 1260


# Exact statutory text, copied from the source files in ../shared/corpus/statutes/.
EXACT = {
    "ECL-38-1": "电子商务平台经营者知道或者应当知道平台内经营者销售的商品或者提供的服务不符合保障人身、财产安全的要求，或者有其他侵害消费者合法权益行为，未采取必要措施的，依法与该平台内经营者承担连带责任。",
    "ECL-38-2": "对关系消费者生命健康的商品或者服务，电子商务平台经营者对平台内经营者的资质资格未尽到审核义务，或者对消费者未尽到安全保障义务，造成消费者损害的，依法承担相应的责任。",
    "CC-1198-2": "因第三人的行为造成他人损害的，由第三人承担侵权责任；经营者、管理者或者组织者未尽到安全保障义务的，承担相应的补充责任。经营者、管理者或者组织者承担补充责任后，可以向第三人追偿。",
    "CPL-44-1": "消费者通过网络交易平台购买商品或者接受服务，其合法权益受到损害的，可以向销售者或者服务者要求赔偿。网络交易平台提供者不能提供销售者或者服务者的真实名称、地址和有效联系方式的，消费者也可以向网络交易平台提供者要求赔偿；网络交易平台提供者作出更有利于消费者的承诺的，应当履行承诺。网络交易平台提供者赔偿后，有权向销售者或者服务者追偿。",
    "CPL-44-2": "网络交易平台提供者明知或者应知销售者或者服务者利用其平台侵害消费者合法权益，未采取必要措施的，依法与该销售者或者服务者承担连带责任。",
    "FSL-131-1": "违反本法规定，网络食品交易第三方平台提供者未对入网食品经营者进行实名登记、审查许可证，或者未履行报告、停止提供网络交易平台服务等义务的，由县级以上人民政府食品安全监督管理部门责令改正，没收违法所得，并处五万元以上二十万元以下罚款；造成严重后果的，责令停业，直至由原发证部门吊销许可证；使消费者的合法权益受到损害的，应当与食品经营者承担连带责任。",
    "FSL-131-2": "消费者通过网络食品交易第三方平台购买食品，其合法权益受到损害的，可以向入网食品经营者或者食品生产者要求赔偿。网络食品交易第三方平台提供者不能提供入网食品经营者的真实名称、地址和有效联系方式的，由网络食品交易第三方平台提供者赔偿。网络食品交易第三方平台提供者赔偿后，有权向入网食品经营者或者食品生产者追偿。网络食品交易第三方平台提供者作出更有利于消费者承诺的，应当履行其承诺。",
    "SPC-OC-4": "电子商务平台经营者以标记自营业务方式或者虽未标记自营但实际开展自营业务所销售的商品或者提供的服务损害消费者合法权益，消费者主张电子商务平台经营者承担商品销售者或者服务提供者责任的，人民法院应予支持。\n电子商务平台经营者虽非实际开展自营业务，但其所作标识等足以误导消费者使消费者相信系电子商务平台经营者自营，消费者主张电子商务平台经营者承担商品销售者或者服务提供者责任的，人民法院应予支持。",
    "SPC-OC-18": "网络餐饮服务平台经营者违反食品安全法第六十二条和第一百三十一条规定，未对入网餐饮服务提供者进行实名登记、审查许可证，或者未履行报告、停止提供网络交易平台服务等义务，使消费者的合法权益受到损害，消费者主张网络餐饮服务平台经营者与入网餐饮服务提供者承担连带责任的，人民法院应予支持。",
    "SPC-FD-9": "消费者通过网络交易第三方平台购买食品、药品遭受损害，网络交易第三方平台提供者不能提供食品、药品的生产者或者销售者的真实名称、地址与有效联系方式，消费者请求网络交易第三方平台提供者承担责任的，人民法院应予支持。\n网络交易第三方平台提供者承担赔偿责任后，向生产者或者销售者行使追偿权的，人民法院应予支持。\n网络交易第三方平台提供者知道或者应当知道食品、药品的生产者、销售者利用其平台侵害消费者合法权益，未采取必要措施，给消费者造成损害，消费者要求其与生产者、销售者承担连带责任的，人民法院应予支持。",
}


@pytest.mark.parametrize("pid", sorted(EXACT))
def test_key_provisions_resolve_with_exact_text(corpus: Corpus, pid: str) -> None:
    assert corpus.resolve(pid)
    assert corpus.get(pid).text == EXACT[pid]


@pytest.mark.parametrize(
    ("article", "paragraphs"), [("ECL-38", 2), ("CPL-44", 2), ("CC-1198", 2), ("FSL-131", 2), ("CC-1195", 3), ("SPC-FD-9", 3), ("SPC-OC-18", 1)]
)
def test_paragraph_counts_match_known_facts(corpus: Corpus, article: str, paragraphs: int) -> None:
    art = corpus.get(article)
    assert art.kind == "article" and art.paragraphs == paragraphs
    assert corpus.resolve(f"{article}-{paragraphs}")
    assert not corpus.resolve(f"{article}-{paragraphs + 1}")


def test_items_belong_to_their_paragraph_not_new_paragraphs(corpus: Corpus) -> None:
    # SPC-OC-1 is one 款 introducing five 项; CC-1179 likewise is a single paragraph
    art = corpus.get("SPC-OC-1")
    assert art.paragraphs == 1
    assert corpus.get("SPC-OC-1-1").text.count("\n") == 5
    assert corpus.get("SPC-OC-1-1-2").text == "（二）电子商务平台经营者依法应承担的责任一概由平台内经营者承担；"
    assert corpus.get("SPC-OC-1-1-5").kind == "item"
    assert not corpus.resolve("SPC-OC-1-1-6")
    assert not corpus.resolve("SPC-OC-1-2")


def test_paragraph_after_items_is_a_new_paragraph(corpus: Corpus) -> None:
    # ECL-76: 款 1 with items （一）–（三）, then 款 2 "电子商务平台经营者对违反前款规定的……"
    assert corpus.get("ECL-76").paragraphs == 2
    first = corpus.get("ECL-76-1").text.split("\n")
    assert len(first) == 4 and first[1].startswith("（一）") and first[3].startswith("（三）")
    assert corpus.get("ECL-76-1-3").label == "第七十六条第一款第三项"
    assert corpus.get("ECL-76-2").text.startswith("电子商务平台经营者对违反前款规定的平台内经营者未采取必要措施的")
    assert not corpus.resolve("ECL-76-2-1")


def test_single_paragraph_article_resolves_both_ways(corpus: Corpus) -> None:
    assert corpus.get("CC-1180").text == corpus.get("CC-1180-1").text
    assert corpus.get("CC-1180").kind == "article" and corpus.get("CC-1180-1").kind == "paragraph"


def test_article_text_is_its_paragraphs_without_the_printed_number(corpus: Corpus) -> None:
    art = corpus.get("ECL-38")
    assert art.article_label == "第三十八条"
    assert art.label == "第三十八条"
    assert art.text == EXACT["ECL-38-1"] + "\n" + EXACT["ECL-38-2"]
    assert corpus.get("ECL-38-2").label == "第三十八条第二款"
    assert art.heading == "第二章 电子商务经营者 / 第二节 电子商务平台经营者"
    assert art.file == "statutes/ecommerce_law.md" and art.line == 137


def test_tort_liability_law_is_loaded_for_pre_2021_facts(corpus: Corpus) -> None:
    assert corpus.get("TLL-37-2").text == "因第三人的行为造成他人损害的，由第三人承担侵权责任；管理人或者组织者未尽到安全保障义务的，承担相应的补充责任。"
    assert corpus.instruments["TLL"].title == "中华人民共和国侵权责任法"


def test_every_provision_points_at_its_source_line(corpus: Corpus) -> None:
    files: dict[str, list[str]] = {}
    for p in corpus.provisions():
        if p.kind == "section" or p.code in corpus.national_codes:
            continue  # national laws point at their database record (tests/corpus/test_national.py)
        lines = files.setdefault(p.file, (DEFAULT_CORPUS_DIR / p.file).read_text(encoding="utf-8").split("\n"))
        source_line = lines[p.line - 1]
        first = p.text.split("\n")[0]
        if p.kind == "article" or (p.kind == "paragraph" and p.paragraph == 1):
            assert source_line == f"{p.article_label} {first}", p.id
        else:
            assert source_line == first, p.id
