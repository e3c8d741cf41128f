# The two commands of the README: `make run` (portal with demo content) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint demo bench messages clean

# The pinned requirements are installed by uv (pinned itself in requirements/bootstrap.txt, from PyPI):
# the same versions as pip installs, in about half of pip's time (a clean virtualenv, the machine loaded:
# 242 s against 445 s, 39 s of CPU against 51 s). Bytecode is compiled at install, as pip does.
UV := $(VENV)/bin/uv
UV_INSTALL := $(UV) pip install --quiet --compile-bytecode --python $(PY)

$(VENV)/.installed-uv: requirements/bootstrap.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements/bootstrap.txt
	touch $@

$(VENV)/.installed-base: $(VENV)/.installed-uv requirements/base.txt
	$(UV_INSTALL) -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-base requirements/test.txt
	$(UV_INSTALL) -r requirements/test.txt
	touch $@

## make run: install, migrate, load the demo (idempotent) and serve at http://127.0.0.1:$(PORT),
## with the scheduler (scheduled publishing, feeds) running beside the server.
run: demo
	$(PY) manage.py run_scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver --nostatic 127.0.0.1:$(PORT)

demo: $(VENV)/.installed-base
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

## make test: the whole suite (browser tests need Debian's chromium; .ci/run installs it), in
## parallel on one worker per core (PYTEST_WORKERS=0: in this process only); the browser tests
## run as two chains, each on one worker with its own served portal (--dist loadgroup), handed out
## in the order the root conftest sets (--no-loadscope-reorder).
PYTEST_WORKERS ?= auto
test: $(VENV)/.installed-test
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

## make lint: ruff, and the import contracts of pyproject.toml (core imports no other app, no new
## cycle between apps, operations imports only core, no app imports the demo)
lint: $(VENV)/.installed-test
	$(PY) -m ruff check portal bench
	$(PY) -m ruff format --check portal bench
	$(VENV)/bin/lint-imports --no-logo --no-cache

## make messages: refresh the project's own catalogues (needs GNU gettext)
messages: $(VENV)/.installed-test
	$(PY) manage.py makemessages -l vi -l en --no-obsolete \
		--ignore 'portal/locale_admin/*' --ignore 'bench/*' --ignore 'var/*' --ignore 'tests/*'
	cd portal && ../$(PY) ../manage.py compilemessages -v0

## make bench: this checkout against the baseline commit (7f2ce54), both served by granian and
## loaded by wrk in turns (bench/compare.py; BENCH_ARGS=--postgres for PostgreSQL). Never part of make test.
BENCH_ARGS ?=
bench: $(VENV)/.installed-test
	$(PY) bench/compare.py $(BENCH_ARGS)

clean:
	rm -rf var
