# Two commands on a fresh machine:
#   make run    set everything up and serve the demo site at http://127.0.0.1:8000
#   make test   set everything up and run every check and test
# A local PostgreSQL cluster in .pg/ is started unless DATABASE_URL is set.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

PY := .venv/bin/python
DB = $${DATABASE_URL:-$$(bin/pg start)}

# The production-like environment that `check --deploy` must pass under.
PROD_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$(openssl rand -hex 40) \
	DJANGO_ALLOWED_HOSTS=news.example.com

# Tests run with production settings, except plain HTTP for the live server.
TEST_ENV := DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_SECRET_KEY=test-only-secret \
	DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	DJANGO_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

.PHONY: help venv run test lint stop bench

help:
	@echo "make run    set up and serve the demo site at http://127.0.0.1:8000"
	@echo "make test   set up and run lint, checks and the whole test suite"
	@echo "make bench  run the W1 and scaling benchmarks"
	@echo "make stop   stop the local PostgreSQL cluster"

venv:
	@bin/setup-venv

run: venv
	export DATABASE_URL="$(DB)" DJANGO_DEBUG=$${DJANGO_DEBUG:-1}
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	echo "Serving Autoblog at http://127.0.0.1:8000 (Ctrl-C to stop)."
	exec .venv/bin/gunicorn autoblog.wsgi --bind 127.0.0.1:8000 --workers 2 \
		--access-logfile - --forwarded-allow-ips=127.0.0.1

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djade --check $$(find templates -name '*.html')

test: venv
	bin/setup-chromium
	$(MAKE) --no-print-directory lint
	export DATABASE_URL="$(DB)"
	$(PROD_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks run in production settings against their own database.
BENCH_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-secret \
	DJANGO_ALLOWED_HOSTS=testserver DJANGO_LOG_LEVEL=WARNING

bench: venv
	# A fresh database each time, so that every run measures the same data.
	export DATABASE_URL="$${BENCH_DATABASE_URL:-$$(AUTOBLOG_DB_NAME=autoblog_bench bin/pg reset)}"
	$(BENCH_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(BENCH_ENV) $(PY) manage.py bench_w1
	$(BENCH_ENV) $(PY) manage.py bench_scale $(BENCH_ARGS)
	$(BENCH_ENV) $(PY) manage.py bench_queue
	bin/bench-http

stop:
	@bin/pg stop
