"""Triage for paralegals: extract facts from claim narratives, classify them in batch, write a sorted table.

    from assistant.triage import extract_facts, run_triage, read_claims, triage_rows, table_bytes
    ex = extract_facts(narrative)                    # Extraction: facts (ClaimFacts), spans {field: (start, end, text)}
    rows, enc = read_claims(data, ".csv")            # bytes of an uploaded file → InputRows (bad rows marked)
    table = triage_rows(rows, "qin2025", on_row=cb)  # sorted output records (OUTPUT_COLUMNS), cb(done, record)
    table_bytes(table, "xlsx")                       # download
    run_triage("claims.csv", "out.csv", resume=True) # the CLI's batch: progress bar, resumable, sorted table
    name, ex = extract.llm.make_extractor(settings)  # optional LLM extractor (settings.llm), rules as fallback;
                                                     #   pass extractor=ex, extractor_name=name to the above
"""

from __future__ import annotations

from assistant.triage.batch import OUTPUT_COLUMNS, triage_row
from assistant.triage.extract import Extraction, extract_facts
from assistant.triage.io import table_bytes, write_table
from assistant.triage.priority import PRIORITY_LABELS, priority
from assistant.triage.rows import InputFileError, InputRow, read_claims, read_claims_file
from assistant.triage.runner import MAX_EXIT, TriageSummary, run_triage, triage_rows

__all__ = [
    "Extraction", "InputFileError", "InputRow", "MAX_EXIT", "OUTPUT_COLUMNS", "PRIORITY_LABELS", "TriageSummary",
    "extract_facts", "priority", "read_claims", "read_claims_file", "run_triage", "table_bytes", "triage_row",
    "triage_rows", "write_table",
]
