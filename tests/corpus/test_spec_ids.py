"""Every provision id that the legal spec itself uses resolves in the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import Corpus
from assistant.corpus.ids import find_ids

SPEC = Path("/work/shared/spec/liability.md")
# ids the spec is known to use; the extracted list must contain them (guards against a broken extraction)
MUST_APPEAR = {
    "CC-1172", "CC-178-2", "CC-1203-2", "SPC-OC-4-2", "SPC-OC-14", "SPC-OC-15", "SPC-OC-16", "SPC-FS1-2",
    "SPC-FS1-3", "TLL-36-3", "TLL-41", "QIN-3.2.3", "ECL-38-2", "CC-1198-2", "FSL-131-1", "SPC-FD-9",
}


def _spec_text() -> str:
    if not SPEC.is_file():
        pytest.skip(f"the shared spec is not on this machine ({SPEC})")
    return SPEC.read_text(encoding="utf-8")


def test_every_id_the_spec_uses_resolves(corpus: Corpus) -> None:
    ids = find_ids(_spec_text())
    assert MUST_APPEAR <= set(ids)
    unresolved = [i for i in ids if not corpus.resolve(i)]
    assert unresolved == []


def test_spec_ranges_resolve_throughout(corpus: Corpus) -> None:
    # "TLL-41 to TLL-43" in rule 1 names a range; its middle article must exist too
    assert "TLL-41 to TLL-43" in _spec_text()
    assert all(corpus.resolve(f"TLL-{n}") for n in (41, 42, 43))


def test_all_seed_section_ids_of_the_brief_resolve(corpus: Corpus) -> None:
    expected = (
        "1 2 3 3.1 3.2 3.2.1 3.2.2 3.2.3 4 4.1 4.1.1 4.1.2 4.2 4.3 5 5.1 5.2 5.2.1 5.2.2 5.2.3 5.3 5.4 5.4.1 5.4.2 "
        "5.4.3 6"
    ).split()
    assert [p.section for p in corpus.provisions("QIN")] == expected
