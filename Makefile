# Every target installs what it needs into .venv/ (refreshed when pyproject.toml changes),
# so a clean clone needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
N      ?= 100000

.PHONY: venv venv-drivers demo demo-history test bench bench-apply clean

# pip compiles the packages it installs, not the editable one: compiling tools/ once spares every
# mdd command that work at start (0.1 s where PYTHONDONTWRITEBYTECODE stops Python writing .pyc)
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q tools
	touch $(STAMP)

venv: $(STAMP)

# the deploy jobs of .github/workflows/release.yml: also the SQL Server (pyodbc; needs unixODBC and
# Microsoft's ODBC driver on the runner) and Oracle (python-oracledb, thin mode) drivers
venv-drivers: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,mssql,oracle]'

demo: $(STAMP)
	$(BIN)/mdd validate --registry registry
	$(BIN)/mdd fmt --check --registry registry
	$(BIN)/mdd demo --registry registry

# the history scenario (examples/scenarios/): four release tags replayed into a git repository and
# deployed one by one to SQLite replicas, then rolled back to the tag before the last
demo-history: $(STAMP)
	$(BIN)/python examples/scenarios/replay.py bac-giang-2021-2025 --into .mdd-demo/history --deploy

test: $(STAMP)
	$(BIN)/mypy
	$(BIN)/python -m pytest

# one comparison table (bench/README.md): make bench N=10000, STEPS=validate,render to choose steps
bench: $(STAMP)
	$(BIN)/python bench/run.py --n $(N) $(if $(STEPS),--steps $(STEPS))

bench-scale: $(STAMP)
	$(BIN)/python bench/run.py --scale $(if $(STEPS),--steps $(STEPS))

bench-validate: $(STAMP)
	$(BIN)/python bench/validate.py --n $(N)

bench-apply: $(STAMP)
	$(BIN)/python bench/apply.py --n $(N)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis bench/out
