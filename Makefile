# smolgpt: the two set-up commands, and the pieces they are made of.
#   make demo    install smolgpt in .venv, prepare Tiny Shakespeare, train the char-level GPT on CPU, print a sample
#   make check   install the dev environment in .venv and run every check CI runs (clean, export, README, docs
#                pages in a browser, tests)
# Override the interpreter or torch build: `make demo PYTHON=python3.12 TORCH=torch`.

PYTHON ?= python3
TORCH ?= torch==2.13.0
VENV ?= .venv
BIN := $(VENV)/bin
RUN ?= out/demo
SHELL := /bin/bash

.PHONY: demo check venv install dev test test-slow clean-check export-check imports-check readme readme-check docs-check \
        docs-html docs-html-check figures-check

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "smolgpt needs Python 3.10+, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

venv: $(BIN)/python

install: venv
	$(BIN)/pip install -q "$(TORCH)"
	$(BIN)/pip install -q -e .

dev: venv
	$(BIN)/pip install -q "$(TORCH)"
	CMAKE_ARGS="$${CMAKE_ARGS:--DGGML_NATIVE=OFF}" $(BIN)/pip install -q -e ".[dev]"   # llama-cpp-python builds llama.cpp (minutes): portable across CPUs

demo: install
	$(BIN)/smolgpt prepare tinyshakespeare --tokenizer char
	$(BIN)/smolgpt train shakespeare-char-cpu --out-dir $(RUN) $$(test -f $(RUN)/ckpt.pt && echo --resume)   # a second demo continues the run
	$(BIN)/smolgpt sample --out-dir $(RUN) --prompt "ROMEO:" --max-new-tokens 300 --seed 1337

# nbdev-clean / nbdev-export must leave committed files as they are: notebooks and package in step
clean-check:
	source $(BIN)/activate && nbdev-clean && git diff --exit-code --stat -- nbs || { echo "nbdev-clean changed notebooks: run nbdev-clean and commit"; exit 1; }

export-check:
	source $(BIN)/activate && nbdev-export && { test -z "$$(git status --porcelain -- smolgpt)" && git diff --exit-code --stat -- smolgpt; } || { git status --short -- smolgpt; echo "nbdev-export changed the package: notebooks and smolgpt/ are out of step"; exit 1; }

readme:
	$(BIN)/python tools/readme.py

readme-check:
	$(BIN)/python tools/readme.py --check

# the docs smoke test where Quarto is unavailable
docs-check:
	source $(BIN)/activate && nbdev-proc-nbs

# static HTML pages of the chapters from _proc, without Quarto (nbconvert; each with a sidebar of every chapter)
docs-html: docs-check
	source $(BIN)/activate && python tools/docs_html.py --no-proc

# every page in headless Chromium (Debian's /usr/bin/chromium): loads, no error outputs, images load, links resolve
docs-html-check: docs-html
	source $(BIN)/activate && python tools/test_docs.py

# a committed cell that draws a figure must carry its image output
figures-check:
	$(PYTHON) tools/check_figures.py

# no module imports a later chapter's module
imports-check:
	$(BIN)/python tools/check_imports.py

test:
	source $(BIN)/activate && python tools/test_nbs.py

test-slow:
	source $(BIN)/activate && python tools/test_nbs.py --flags slow

check: dev clean-check export-check imports-check readme-check figures-check docs-check docs-html-check test
