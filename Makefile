# Dalil: the two commands a newcomer runs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DALIL := $(VENV)/bin/dalil
DEMO_HOME ?= .dalil-demo
STAMP := $(VENV)/.installed

.PHONY: install demo test test-neo4j lint neo4j-start neo4j-stop clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24" 
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -rf $(DEMO_HOME)
	$(DALIL) ingest data/demo --home $(DEMO_HOME)
	$(DALIL) ask "Which bodies cover youth in Nineveh?" --home $(DEMO_HOME)
	$(DALIL) ask "What is the mandate of the Tel Kaif district government?" --home $(DEMO_HOME)
	$(DALIL) ask "Who funds the STRIVE Cities programme?" --home $(DEMO_HOME)
	$(DALIL) ask "Which ministries have offices in all governorates?" --home $(DEMO_HOME)

# Installs Debian's chromium and tesseract-ocr (ara, eng) when absent, starts a real Neo4j when
# Java and Maven are here (CI sets DALIL_REQUIRE_NEO4J=1, DALIL_REQUIRE_CHROMIUM=1 and
# DALIL_REQUIRE_TESSERACT=1 so that none is silently skipped),
# runs the whole suite, and always stops Neo4j.
test: install
	@set -e; \
	if ! bash scripts/ensure_chromium.sh && [ "$$DALIL_REQUIRE_CHROMIUM" = "1" ]; then \
	  echo "Chromium is required for the browser tests"; exit 1; fi; \
	if ! bash scripts/ensure_tesseract.sh && [ "$$DALIL_REQUIRE_TESSERACT" = "1" ]; then \
	  echo "Tesseract (with Arabic and English) is required for the OCR tests"; exit 1; fi; \
	started=0; \
	if [ -z "$$DALIL_TEST_NEO4J_URI" ] && command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then \
	  if bash scripts/neo4j/start.sh; then started=1; export DALIL_TEST_NEO4J_URI=bolt://127.0.0.1:$${DALIL_NEO4J_PORT:-7687}; \
	  export DALIL_TEST_NEO4J_PASSWORD=$${DALIL_NEO4J_PASSWORD:-dalil-test-pw}; \
	  elif [ "$$DALIL_REQUIRE_NEO4J" = "1" ]; then echo "Neo4j failed to start"; exit 1; fi; \
	fi; \
	rc=0; $(PY) -m pytest -q $(PYTEST_ARGS) || rc=$$?; \
	if [ $$started = 1 ]; then bash scripts/neo4j/stop.sh; fi; \
	exit $$rc

test-neo4j: install
	@set -e; bash scripts/neo4j/start.sh; \
	export DALIL_TEST_NEO4J_URI=bolt://127.0.0.1:$${DALIL_NEO4J_PORT:-7687}; \
	export DALIL_TEST_NEO4J_PASSWORD=$${DALIL_NEO4J_PASSWORD:-dalil-test-pw}; \
	export DALIL_REQUIRE_NEO4J=1; \
	rc=0; $(PY) -m pytest -q -m neo4j || rc=$$?; bash scripts/neo4j/stop.sh; exit $$rc

lint: install
	$(VENV)/bin/ruff check ingest graph search api tests
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) $(DEMO_HOME) .neo4j-run
