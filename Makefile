# Parley — the two commands are `make run` and `make test`; everything else is here for developers.
# `make test` installs what is missing (Debian packages with apt-get when root, PyPI tools in .venv) and runs every
# test. A warm machine installs nothing and runs no apt-get update.

SWIFT        ?= swift
PYTHON       ?= python3
VENV         ?= .venv
HOST         ?= 127.0.0.1
PORT         ?= 8080
DATA_DIR     ?= .parley-data
RELEASE_DIR  := .build-release
BUILD_FLAGS  ?=

# Debian packages the build and the tests need.
APT_BUILD    := libicu-dev pkg-config libsqlite3-dev
APT_TEST     := python3-venv
# Debian's spelling dictionaries: training sources of the language-ID profiles (make dictionaries).
APT_LANGID   := hunspell-de-de hunspell-en-us myspell-et hunspell-tr python3-venv
LANGID_DIR   := Dictionaries/langid
LANGID_VENV  := $(VENV)/langid

.PHONY: help build release run test test-swift test-asan bench bench-text format clean deps deps-build deps-test \
	dictionaries langid-profiles bench-langid bench-phrasebook eval-phrasebook

help:
	@echo "make run        build and start the relay on the embedded defaults (http://$(HOST):$(PORT))"
	@echo "make test       install what is missing and run every test"
	@echo "make build      debug build        make release   release build"
	@echo "make bench      all benchmarks (release build)"
	@echo "make dictionaries   rebuild generated data (language-ID profiles) from their sources"
	@echo "make bench-langid   language-ID accuracy vs lingua/py3langid/pycld2, and speed"
	@echo "make eval-phrasebook   phrasebook coverage and chrF on the development set"
	@echo "make test-asan  the text layer's tests under AddressSanitizer/LeakSanitizer"
	@echo "make format     apply .swift-format    make clean   remove build products"

# Installs only what is missing; runs `apt-get update` only when it must install something.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing. Install them with: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi
endef

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-test: deps-build
	$(call apt_install,$(APT_TEST))

deps: deps-test

build: deps-build
	$(SWIFT) build $(BUILD_FLAGS)

release: deps-build
	$(SWIFT) build -c release --scratch-path $(RELEASE_DIR) --product parley

run: release
	$(RELEASE_DIR)/release/parley serve --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR) --demo

test: deps-test test-swift

test-swift:
	$(SWIFT) test $(BUILD_FLAGS)

test-asan: deps-build
	$(SWIFT) test --sanitize=address --scratch-path .build-asan --filter ParleyTextTests

bench: bench-text bench-langid bench-phrasebook

bench-text: deps-build
	PARLEY_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target ParleyBenchmarks --filter 'Text.*'

dictionaries: langid-profiles

# Rebuilds Dictionaries/langid/*.profile and fold.tsv from Debian's hunspell dictionaries, pinned PyPI packages
# (tools/requirements.txt) and the project's own text (text/*.txt). Takes a few minutes.
langid-profiles:
	$(call apt_install,$(APT_LANGID))
	test -x $(LANGID_VENV)/bin/python || $(PYTHON) -m venv $(LANGID_VENV)
	$(LANGID_VENV)/bin/pip install -q -r $(LANGID_DIR)/tools/requirements.txt
	PYTHONHASHSEED=0 $(LANGID_VENV)/bin/python $(LANGID_DIR)/tools/train.py --out $(LANGID_DIR) --hunspell /usr/share/hunspell

# Accuracy per language x length bucket (and on the accent-stripped copy) beside lingua, py3langid and pycld2,
# then speed, load time and model size of `parley detect --benchmark` (release build).
bench-langid: release
	$(call apt_install,python3-venv)
	test -x $(LANGID_VENV)/bin/python || $(PYTHON) -m venv $(LANGID_VENV)
	$(LANGID_VENV)/bin/pip install -q -r $(LANGID_DIR)/tools/requirements-bench.txt
	$(LANGID_VENV)/bin/python $(LANGID_DIR)/tools/bench.py --parley $(RELEASE_DIR)/release/parley \
	  --data Tests/ParleyLanguageIDTests/Data --peers --speed

# The phrasebook's tools build only with PARLEY_TOOLS set, in their own scratch directory.
eval-phrasebook: deps-build
	PARLEY_TOOLS=1 $(SWIFT) run -c release --scratch-path .build-tools PhrasebookEval $(EVAL_ARGS)

bench-phrasebook: deps-build
	PARLEY_TOOLS=1 $(SWIFT) run -c release --scratch-path .build-tools PhrasebookBench

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-* $(VENV) build
