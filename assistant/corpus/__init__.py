"""The legal corpus: statutes, judicial interpretations, the seed article and court cases, by stable id.

``load_corpus()`` returns a cached :class:`Corpus`; see ARCHITECTURE.md, section ``assistant.corpus``.
"""

from .ids import ProvisionId, format_id, parse_id
from .loader import Corpus, load_corpus
from .records import Case, CorpusError, Instrument, Passage, Provision, UnknownIdError

__all__ = [
    "Case", "Corpus", "CorpusError", "Instrument", "Passage", "Provision", "ProvisionId", "UnknownIdError",
    "format_id", "load_corpus", "parse_id",
]
