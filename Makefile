# The two commands: `make run` and `make test`. Both set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= var/demo

.PHONY: run test check-all lint setup clean bench chaos i18n dist

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	@bash scripts/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# the SANE binding builds against libsane's headers: included when they are there
	extras=dev; if [ -f /usr/include/sane/sane.h ]; then extras=dev,scanner; fi; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[$$extras]"
	@touch $@

run: $(STAMP)
	@bash scripts/run-demo.sh "$(DATA)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The default suite, slow and size tests left out (pyproject.toml's addopts). Four workers on two
# CPUs: many tests wait on a server, a sync process or a timer, and the others use that time.
# Bytecode is cached even where the environment says not to (pytest's rewritten test modules
# cost each worker seconds of CPU otherwise).
PYTEST := QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 4

test: lint
	$(PYTEST)

# everything: the slow and size tests too, and ten times the property-test examples
check-all: lint
	@start=$$(date +%s); \
	  HYPOTHESIS_PROFILE=nightly $(PYTEST) -m "slow or not slow" --timeout 1800; rc=$$?; \
	  echo "make check-all: pytest took $$(( $$(date +%s) - start )) s"; exit $$rc

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run_all

# the packaged counter: dist/motcua/ (QuayMotCua = the window, motcua = the console twin)
dist: $(STAMP)
	$(BIN)/pyinstaller build.spec --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller

# after changing screen texts: new strings into the .ts files, then compile them to .qm
i18n: $(STAMP)
	$(BIN)/pyside6-lupdate desktop/ui/*.py desktop/devices/camera_qt.py -ts resources/i18n/motcua_en.ts \
	  -source-language vi -target-language en
	$(BIN)/pyside6-lrelease resources/i18n/motcua_en.ts -qm resources/i18n/motcua_en.qm
	$(BIN)/pyside6-lrelease resources/i18n/qtbase_vi.ts -qm resources/i18n/qtbase_vi.qm

# nightly: the chaos test at full size over many seeds (CHAOS_SEEDS=1,2,… CHAOS_DOSSIERS=N)
chaos: $(STAMP)
	CHAOS_DOSSIERS=$${CHAOS_DOSSIERS:-1000} CHAOS_SEEDS=$${CHAOS_SEEDS:-1,2,3,4,5,6,7,8} \
	  $(BIN)/python -m pytest tests/sync/test_chaos.py -m slow -q -s --timeout 7200

clean:
	rm -rf $(VENV) var build dist .pytest_cache .mypy_cache .ruff_cache
