# Everything a fresh Debian machine needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Qt's offscreen/xcb platforms, fonts, and the tools tests use to look at output
# (poppler for PDF checks, desktop-file-utils and appstream to validate packaging files).
SYSTEM_PACKAGES := libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 \
  libxkbcommon0 fonts-dejavu-core xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
  libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 \
  libxkbcommon-x11-0 poppler-utils desktop-file-utils appstream

.PHONY: demo test setup system-deps lint contract pytest bench clean lock

demo: setup
	$(PY) -m scocompare demo

test: setup lint contract pytest

setup: system-deps $(STAMP)

system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check scocompare tests bench tools

contract: setup
	$(VENV)/bin/lint-imports

pytest: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: setup
	$(PY) bench/compare_bench.py

# Refresh the constraints file from the current environment.
lock: setup
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
