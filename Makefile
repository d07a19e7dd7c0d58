# Sâu sát: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# Two test processes (one per core); each gets its own test database.
PYTEST_ARGS ?= -n 2

# Django 6 needs Python >= 3.12; the machine's default python3 may be older, so look for a suitable one.
PYTHON_BOOT ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] 2>/dev/null); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	command -v $$p; break; fi; done)

.PHONY: run dev test test-random test-browser-slow-scripts venv deps migrate demo lint typecheck format messages bench-geo bench-search bench-data bench clean screenshots
SCALE ?= province

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON_BOOT)" ]; then \
	  echo "Sâu sát needs Python 3.12 or newer (Django 6). Install it, e.g. 'apt-get install python3.12 python3.12-venv' or 'pyenv install 3.12', then run make again."; \
	  exit 1; fi
	@[ -x $(PY) ] || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

# `make run`: the demo as a newcomer sees it. No DEBUG, so errors are the product's Vietnamese pages and
# never Django's debug page; a secret key generated once into var/; static files collected and served
# by WhiteNoise; plain http on this machine (SAUSAT_HTTPS=0); the shared demo password (SAUSAT_DEMO=1).
RUN_ENV = SAUSAT_DEBUG=0 SAUSAT_DEMO=1 SAUSAT_HTTPS=0 SAUSAT_SECRET_KEY="$$(cat var/secret_key)" \
	SAUSAT_EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

var/secret_key: | venv
	@mkdir -p var && umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

run: venv var/secret_key
	$(PY) manage.py compilepo
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_units
	$(RUN_ENV) $(PY) manage.py seed_demo
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py runserver $(HOST)

# `make dev`: the same data with DEBUG on (debug pages, static files from the apps, auto-reload).
dev: venv
	$(PY) manage.py compilepo
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_units
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST)

test: venv
	$(PY) manage.py compilepo
	$(PY) -m pytest $(PYTEST_ARGS)

# Fault drill: the browser tests with every static script held back SCRIPT_DELAY_MS (conftest.py), so a
# test that races a deferred script (acts on a field before app.js has wired it) fails every time.
SCRIPT_DELAY_MS ?= 700
test-browser-slow-scripts: venv
	$(PY) manage.py compilepo
	SAUSAT_BROWSER_SCRIPT_DELAY_MS=$(SCRIPT_DELAY_MS) $(PY) -m pytest $(PYTEST_ARGS) -m browser

# Property tests with fresh randomness and many more examples: run before a release (CI is derandomised).
PROPERTY_TESTS := $(shell grep -rl "@given" sausat --include='test_*.py')
test-random: venv
	SAUSAT_HYPOTHESIS_PROFILE=random $(PY) -m pytest $(PYTEST_ARGS) $(PROPERTY_TESTS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Static types: strict on services, selectors, the policy core and actors (config: pyproject.toml [tool.mypy]).
typecheck: venv
	$(VENV)/bin/mypy

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the English catalogue after adding Vietnamese msgids (then translate the empty entries).
messages: venv
	$(PY) manage.py makemessages -l en --add-location=file --no-obsolete -i benchmarks -i test-artifacts -i var -i '*/tests/*'

bench-geo: venv
	$(PY) benchmarks/geo_load.py

bench-search: venv
	$(PY) benchmarks/person_search.py

# Speed harness: deterministic data through the services, then gunicorn + a bounded loopback load.
bench-data: venv
	$(PY) -m benchmarks.harness.data --scale $(SCALE)

# Each demo role's home page on a phone, into docs/screenshots/ (linked from the README): a fresh demo, /usr/bin/chromium.
screenshots: venv
	$(PY) scripts/screenshots.py

bench: venv
	$(PY) -m benchmarks.harness.run

# Production-like on this machine: PostgreSQL, gunicorn, worker, scheduler, nginx + TLS (docs/deploy.md).
.PHONY: prod prod-stop
prod: venv
	deploy/prod.sh start

prod-stop:
	deploy/prod.sh stop

clean:
	rm -rf $(VENV) var/*.sqlite3*

# Attack and fault probes against a production-mode server they start themselves (probes/).
# SECURITY_BUDGET=ci keeps the API fuzzing small (CI); full is the nightly run.
SECURITY_BUDGET ?= full
.PHONY: security drills
security: venv
	$(PY) -m probes.security --budget $(SECURITY_BUDGET)

# Fault drills F1-F9 that fit on one machine; writes docs/reliability.md (F1 needs SAUSAT_DATABASE_URL=postgres://...).
drills: venv
	$(PY) -m probes.drills
