# Two commands matter: `make run` and `make test`. Both create or refresh .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser
CHROMIUM := /usr/bin/chromium
# Browser tests use Debian's chromium; nothing may fetch Playwright's own browser builds.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test bench clean catalogs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian's chromium for tests/browser, and libatomic1 for the Node.js driver inside the playwright package. Checked
# once per venv (the stamp); apt runs only when something is missing (as root, else through sudo).
$(BROWSER_STAMP): $(STAMP)
	@if ! test -x $(CHROMIUM) || ! $(BIN)/python -m playwright --version >/dev/null 2>&1; then \
	  install="apt-get update && apt-get install -y --no-install-recommends chromium libatomic1"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; \
	  else echo "The browser tests need Debian's chromium. As root, run: $$install" >&2; exit 1; fi; \
	  echo "Installing the browser tests' system packages: $$install"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive sh -c "$$install" \
	    || { echo "Could not install them. As root, run: $$install" >&2; exit 1; }; \
	  test -x $(CHROMIUM) && $(BIN)/python -m playwright --version >/dev/null \
	    || { echo "Still no working $(CHROMIUM) with Playwright's driver after: $$install" >&2; exit 1; }; \
	fi
	touch $@

run: $(STAMP)
	$(BIN)/lantern run

test: $(STAMP) $(BROWSER_STAMP)
	$(BIN)/ruff check api admin indexer seeds tests bench
	$(BIN)/python -m pytest

# Message catalogs (api/translations): extract every text marked for translation (babel.cfg says where), merge it
# into each language's .po (new texts arrive empty, changed ones fuzzy), then count what is left to translate.
# Translate the gaps and commit the .pot and .po; `make test` fails while one is left. The app compiles each .po
# itself when it first needs it (api/i18n/catalogs.py), so the compile step here only checks it and counts.
CATALOGS := api/translations
catalogs: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --add-location=file --sort-by-file --no-wrap --project=Lantern \
	  --copyright-holder="Lantern contributors" -o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel -q update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --ignore-obsolete --no-wrap \
	  --ignore-pot-creation-date
	for po in $(CATALOGS)/*/LC_MESSAGES/messages.po; do $(BIN)/pybabel compile --statistics -i $$po -o /dev/null; done

bench: $(STAMP)
	$(BIN)/python -m bench.api

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
