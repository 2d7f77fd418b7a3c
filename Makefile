# symmem: `make run` builds the notebooks and slides; `make test` runs ruff and the tests.
# Both create .venv and install the project into it when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean notebook

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/symmem build

# JupyterLab and ipywidgets (the notebook extra), then JupyterLab on the notebooks
notebook: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[notebook]'
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/numeric.py
	$(BIN)/python bench/derivations.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/checker.py
	$(BIN)/python bench/grading.py

clean:
	rm -rf $(VENV) slides build
