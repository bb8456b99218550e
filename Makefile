# Two entry points: `make run` (extract the bundled corpus) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dask,test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/communique extract corpus/ --out outputs/

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.parquet outputs/datapackage.json outputs/.communique
