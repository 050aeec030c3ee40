# The two commands: `make run` and `make test`. Both set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= var/demo

.PHONY: run test lint setup clean bench chaos i18n dist

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

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

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
	  $(BIN)/python -m pytest tests/sync/test_chaos.py -q -s --timeout 7200

clean:
	rm -rf $(VENV) var build dist .pytest_cache .mypy_cache .ruff_cache
