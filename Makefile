# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Two workers: the suite is sized for a 2-core machine that is busy with other work too.
# worksteal: an idle worker takes tests queued on the other, so one slow module at the
# end does not leave a core idle.
PYTEST := $(BIN)/python -m pytest -n 2 --dist worksteal -q

.PHONY: run test test-all test-slow lint typecheck bench bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sourcedesk seeds

# Lint, then every test but the heavy fault and scale loops (marked `slow`): minutes.
# The 15 slowest tests are listed at the end, so a run shows where its time went.
test: lint
	$(PYTEST) -m "not slow" --durations=15

# Lint, then everything, the slow loops included.
test-all: lint
	$(PYTEST)

# Only what `make test` leaves out; .ci/run runs it after `make test`. Status 5
# (nothing collected) means no test is marked slow, which is not a failure.
test-slow: $(STAMP)
	$(PYTEST) -m slow --durations=15 || [ $$? -eq 5 ]

lint: $(STAMP)
	$(BIN)/ruff check index tui tests bench
	$(BIN)/ruff format --check index tui tests bench

# Type-check the two packages (mypy and stubs from the `typecheck` extra).
typecheck: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[typecheck]'
	$(BIN)/mypy index tui

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run_all --quick

clean:
	rm -rf $(VENV) .pytest_cache build dist
