"""The corpus: every provision, seed section and case by id, with citation rendering and in-force checks."""

from __future__ import annotations

import difflib
import hashlib
import threading
from datetime import date
from pathlib import Path

from . import citations, national
from .cases import case_passage_text, normalise_case_number, parse_cases_text
from .ids import parse_id
from .manifest import MANIFEST, Manifest, read_manifest
from .records import Case, CorpusError, Instrument, Passage, Provision, UnknownIdError
from .seed import parse_seed_text
from .statutes import parse_statute_text

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
CASE_CODE = "CASE"


class Corpus:
    """Every provision, seed-article section and case of one corpus directory, addressable by id."""

    def __init__(
        self, root: Path, instruments: dict[str, Instrument], provisions: list[Provision], cases: list[Case], hash_: str,
        national_texts=None,
    ) -> None:
        self.root = root
        self.instruments = instruments
        self.hash = hash_
        # the national-law layer's texts (issue 19) load on first use: 26k articles must not slow every caller
        self._national_texts = national_texts
        self._national_lock = threading.Lock()
        self.national_codes = frozenset(c for c, i in instruments.items() if i.file.startswith(national.DB_PACKAGE))
        self.national_skipped: list[str] = []
        self.cases = list(cases)
        self._provisions: dict[str, Provision] = {}
        for p in provisions:
            if p.id in self._provisions:
                first = self._provisions[p.id]
                raise CorpusError(f"duplicate id {p.id} (also {first.file}:{first.line})", p.file, p.line)
            self._provisions[p.id] = p
        self._cases: dict[str, Case] = {}
        for c in self.cases:
            if c.id in self._provisions or c.id in self._cases:
                raise CorpusError(f"duplicate id {c.id}", instruments[CASE_CODE].file if CASE_CODE in instruments else None, c.line)
            self._cases[c.id] = c
        self._case_numbers = {normalise_case_number(n): c for c in self.cases for n in c.case_numbers}
        self._passages: list[Passage] | None = None

    def load_national(self) -> None:
        """Load the national-law texts now (idempotent); search, passages and lookups of NL ids call it."""
        if self._national_texts is None:
            return
        with self._national_lock:
            if self._national_texts is None:
                return
            provisions, self.national_skipped = self._national_texts()
            for p in provisions:
                if p.id in self._provisions:
                    raise CorpusError(f"duplicate id {p.id}", p.file)
                self._provisions[p.id] = p
            self._passages = None
            self._national_texts = None

    # lookup ---------------------------------------------------------------------------------------------------
    def get(self, id: str) -> Provision | Case | None:
        """The provision or case an id (or a case's 案号) names, or None."""
        key = id.strip()
        if self._national_texts is not None and key.split("-")[0] in self.national_codes:
            self.load_national()
        found = self._provisions.get(key) or self._cases.get(key)
        if found is None and key:
            found = self._case_numbers.get(normalise_case_number(key))
        return found

    def resolve(self, id: str) -> bool:
        """True when the id names a provision, seed section or case of this corpus."""
        return self.get(id) is not None

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self.resolve(id)

    def _require(self, id: str) -> Provision | Case:
        found = self.get(id)
        if found is None:
            hint = ", ".join(self.closest(id, n=5))
            raise UnknownIdError(f"unknown id {id!r}" + (f"; closest: {hint}" if hint else ""))
        return found

    def instrument_of(self, id: str) -> Instrument:
        """The instrument an id belongs to (the CASE pseudo-instrument for a case)."""
        found = self._require(id)
        return self.instruments[CASE_CODE if isinstance(found, Case) else found.code]

    def provisions(self, code: str | None = None, kind: str | None = None) -> list[Provision]:
        """All provisions (optionally of one code and/or kind), in document order."""
        if code is None or code in self.national_codes:
            self.load_national()
        return [p for p in self._provisions.values() if (code is None or p.code == code) and (kind is None or p.kind == kind)]

    def ids(self) -> list[str]:
        """Every id: provisions in document order, then case ids."""
        self.load_national()
        return [*self._provisions, *self._cases]

    # law in time ----------------------------------------------------------------------------------------------
    def in_force(self, id: str, on: date) -> bool:
        """effective <= on < repealed for the id's instrument; seed sections and cases are always in force."""
        found = self._require(id)
        if isinstance(found, Case) or found.kind == "section":
            return True
        return self.instruments[found.code].in_force(on)

    # citations ------------------------------------------------------------------------------------------------
    def cite(self, id: str, first: bool = False) -> str:
        """The Chinese citation of an id: full title on first use, short title after; a case by its 案号."""
        found = self._require(id)
        if isinstance(found, Case):
            return citations.cite_case(found, first)
        return citations.cite_provision(self.instruments[found.code], found, first)

    # suggestions ----------------------------------------------------------------------------------------------
    def closest(self, id: str, n: int = 5) -> list[str]:
        """The known ids nearest to ``id`` (same instrument and nearby article first), for error messages."""
        s = id.strip()
        if not self.resolve(s) and self.resolve(s.upper()):
            return [s.upper()]  # only the case was wrong (ecl-38-2)
        codes = list(self.instruments)
        try:
            pid = parse_id(s.upper(), codes)
        except ValueError:
            pid = None
        if pid is not None and pid.code not in self.instruments:
            guess = difflib.get_close_matches(pid.code.upper(), codes, n=1, cutoff=0.4)
            pid = type(pid)(guess[0], pid.article, pid.paragraph, pid.item, pid.section) if guess else None
        if pid is None or pid.code in self.national_codes:
            self.load_national()
        if pid is None:
            pool = list(self._provisions) + list(self._cases)
            return difflib.get_close_matches(s, pool, n=n, cutoff=0.3)
        # canonical ids only: the "-1" alias of a single-paragraph article is not suggested
        same = [
            p for p in self._provisions.values()
            if p.code == pid.code and not (p.kind == "paragraph" and p.paragraphs == 1)
        ]
        if pid.section is not None or not same or same[0].kind == "section":
            return difflib.get_close_matches(s if pid.section is None else f"{pid.code}-{pid.section}", [p.id for p in same], n=n, cutoff=0.0)
        want = (pid.article or 0, pid.paragraph or 0, pid.item or 0)

        def distance(p: Provision) -> tuple[int, int, int, int]:
            return (abs(p.article - want[0]), abs((p.paragraph or 0) - want[1]), abs((p.item or 0) - want[2]), len(p.id))

        return [p.id for p in sorted(same, key=distance)[:n]]

    # retrieval units ------------------------------------------------------------------------------------------
    def passages(self) -> list[Passage]:
        """Statutes at 款 granularity (a single-paragraph article is one passage under the article id), the
        seed article one passage per section, one passage per case."""
        self.load_national()
        if self._passages is None:
            self._passages = self._build_passages()
        return list(self._passages)

    def _build_passages(self) -> list[Passage]:
        out: list[Passage] = []
        for p in self._provisions.values():
            inst = self.instruments[p.code]
            if p.kind == "section":
                title = f"{inst.author or ''}《{inst.title}》{p.section} {p.title or ''}".strip()
                # a parent section without an introduction of its own is represented by its heading
                text = p.text or f"{p.section} {p.title or ''}".strip()
                out.append(Passage(p.id, text, title, p.code, "seed", heading=p.title or ""))
            elif (p.kind == "article" and p.paragraphs == 1) or (p.kind == "paragraph" and p.paragraphs > 1):
                out.append(Passage(p.id, p.text, citations.cite_provision(inst, p), p.code, "statute", heading=p.heading))
        for c in self.cases:
            title = c.case_name + (f" {'、'.join(normalise_case_number(x) for x in c.case_numbers)}" if c.case_numbers else "")
            out.append(Passage(c.id, case_passage_text(c), title, CASE_CODE, "case", heading=c.tier))
        return out


# loading --------------------------------------------------------------------------------------------------------
def _corpus_hash(root: Path, manifest: Manifest) -> str:
    """sha256 over the manifest and every data file it names (names and bytes)."""
    files = [MANIFEST] + [i.file for i in manifest.statutes] + [d["file"] for d in manifest.duplicates]
    files += [i.file for i in (manifest.seed, manifest.cases) if i is not None]
    if manifest.national:  # the generated file records the database's sha256, so a new database changes the hash
        files += [manifest.national, national.CORRECTIONS_FILE]
    h = hashlib.sha256()
    for rel in sorted(set(files)):
        h.update(rel.encode() + b"\0")
        h.update((root / rel).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _verify_duplicate(root: Path, entry: dict, provisions: dict[str, Provision]) -> None:
    """An excerpt must hold exactly the same article texts as the instrument it duplicates."""
    rel = entry["file"]
    code = entry["duplicate_of"]
    _, excerpt = parse_statute_text((root / rel).read_text(encoding="utf-8"), code, rel, ranges=entry.get("article_ranges"))
    for p in excerpt:
        original = provisions.get(p.id)
        if original is None:
            raise CorpusError(f"excerpt holds {p.id}, which {code} does not have", rel, p.line)
        if original.text != p.text:
            raise CorpusError(f"excerpt text of {p.id} differs from {original.file}:{original.line}", rel, p.line)


def _load(root: Path) -> Corpus:
    manifest = read_manifest(root)
    instruments: dict[str, Instrument] = {}
    provisions: list[Provision] = []
    for inst in manifest.statutes:
        meta, provs = parse_statute_text((root / inst.file).read_text(encoding="utf-8"), inst.code, inst.file)
        if inst.articles is not None and meta.get("articles") != inst.articles:
            raise CorpusError(f"manifest says {inst.articles} articles, front matter {meta.get('articles')}", inst.file)
        instruments[inst.code] = inst
        provisions.extend(provs)
    by_id = {p.id: p for p in provisions}
    for entry in manifest.duplicates:
        _verify_duplicate(root, entry, by_id)
    if manifest.seed is not None:
        instruments[manifest.seed.code] = manifest.seed
        text = (root / manifest.seed.file).read_text(encoding="utf-8")
        provisions.extend(parse_seed_text(text, manifest.seed.file, manifest.seed.code))
    cases: list[Case] = []
    if manifest.cases is not None:
        instruments[CASE_CODE] = manifest.cases
        cases = parse_cases_text((root / manifest.cases.file).read_text(encoding="utf-8"), manifest.cases.file)
    texts = None
    if manifest.national:
        header, entries = national.read_instruments(root)
        for entry in entries:
            if entry.get("curated"):
                continue  # the curated instrument is authoritative (tests/corpus/test_national.py compares the texts)
            inst = national.instrument(entry)
            if inst.code in instruments:
                raise CorpusError(f"duplicate code {inst.code}", national.INSTRUMENTS_FILE)
            instruments[inst.code] = inst

        def texts():  # noqa: ANN202 - deferred: read from the installed package on first use
            return national.load_texts(root, header, entries)
    return Corpus(root, instruments, provisions, cases, _corpus_hash(root, manifest), texts)


_CACHE: dict[Path, Corpus] = {}
_LOCK = threading.Lock()


def default_corpus_dir() -> Path:
    """``settings.corpus_dir`` when set, else the repository's ``corpus/`` folder."""
    from assistant.settings import get_settings

    return get_settings().corpus_dir or DEFAULT_CORPUS_DIR


def load_corpus(path: str | Path | None = None, *, use_cache: bool = True) -> Corpus:
    """Load (once per directory, then from cache) the corpus at ``path`` or the default corpus directory."""
    root = Path(path) if path is not None else default_corpus_dir()
    root = root.resolve()
    with _LOCK:
        if use_cache and root in _CACHE:
            return _CACHE[root]
        corpus = _load(root)
        if use_cache:
            _CACHE[root] = corpus
        return corpus
