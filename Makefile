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
APT_BUILD    := libicu-dev pkg-config
APT_TEST     := python3-venv

.PHONY: help build release run test test-swift test-asan bench bench-text bench-translation format clean deps deps-build deps-test

help:
	@echo "make run        build and start the relay on the embedded defaults (http://$(HOST):$(PORT))"
	@echo "make test       install what is missing and run every test"
	@echo "make build      debug build        make release   release build"
	@echo "make bench      all benchmarks (release build)"
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

# XCTest's own runner leaks two objects at exit, so only the Swift Testing run is checked (it is where our tests
# live); LeakSanitizer fails the run on any leak, e.g. an ICU object that is never closed.
test-asan: deps-build
	ASAN_OPTIONS=detect_leaks=1 $(SWIFT) test --sanitize=address --scratch-path .build-asan --disable-xctest \
	  --filter ParleyTextTests

bench: bench-text bench-translation

bench-text: deps-build
	PARLEY_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target ParleyBenchmarks --filter 'Text.*'

bench-translation: deps-build
	PARLEY_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target ParleyBenchmarks --filter 'Translation.*'

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-* $(VENV) build
