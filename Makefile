# Picturing Neural Networks: every job is one target, safe to run twice.
# `make help` lists them.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
KATEX    := 0.19.1
KATEX_TO := docs/assets/katex
CHROMIUM ?= /usr/lib/chromium/chromium
export CHROMIUM                  # the browser tests launch this one (another CI may set its own)
AXE      := 4.14.1
AXE_JS   := .cache/axe/axe-core-$(AXE)/axe.min.js
IFRAME_WORKER := 1.0.4
OFFLINE_NAME  := picturing-neural-networks
OFFLINE_SITE  ?= .cache/offline/$(OFFLINE_NAME)
OFFLINE_ZIP   ?= dist/$(OFFLINE_NAME)-offline.zip
LIGHTHOUSE := 13.5.0
LH_BIN   := .cache/lighthouse/$(LIGHTHOUSE)/node_modules/.bin/lighthouse
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help install docs serve offline test test-fast test-unit test-build test-browser \
	test-floors test-wheel lock lint ci-without-root check-workflows bench vendor-katex vendor-iframe-worker \
	chromium node axe lighthouse clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml src/picturenn_docs/pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,site-test,dev]" -e src/picturenn_docs
	@touch $@

install: $(STAMP) ## create .venv: the library, the docs build and the test tools, at the locked versions

lock: ## re-resolve the newest versions pyproject allows into constraints.txt (then: make install)
	rm -rf .cache/lock && $(PYTHON) -m venv .cache/lock
	.cache/lock/bin/python -m pip install --quiet --upgrade pip
	.cache/lock/bin/python -m pip install --quiet -e ".[test,site-test,dev]" -e src/picturenn_docs
	{ echo "# Exact versions make install uses (pip -c). Refresh with: make lock"; \
	  .cache/lock/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf .cache/lock
	@echo "constraints.txt refreshed: review the diff, run make test, commit it"

FLOORS   := .cache/floors
test-floors: $(STAMP) ## the library's doctests and unit tests on the lowest numpy/matplotlib pyproject allows
	rm -rf $(FLOORS) && $(PYTHON) -m venv $(FLOORS)
	$(FLOORS)/bin/python -m pip install --quiet --upgrade pip
	$(FLOORS)/bin/python -m pip install --quiet $$($(BIN)/python -m tests.floors) pytest hypothesis
	$(FLOORS)/bin/python -m pip install --quiet --no-deps -e . -e src/picturenn_docs
	@# warnings are errors (pyproject), as in a strict teacher's CI. matplotlib 3.10.0 calls
	@# pyparsing by names pyparsing 3.3 deprecates: exactly those two modules' warnings are
	@# filtered (theirs, not the library's). The docs build's own tests need its libraries.
	$(FLOORS)/bin/python -m pytest -p no:cacheprovider tests/unit src/picturenn -q \
		-W "ignore::DeprecationWarning:matplotlib._fontconfig_pattern" \
		-W "ignore::DeprecationWarning:matplotlib._mathtext" \
		--ignore=tests/unit/test_griffe_hook.py --ignore=tests/unit/test_lazy_jupyter.py

WHEEL_VENV := .cache/wheel
test-wheel: $(STAMP) ## build the wheel, install it alone in a fresh venv, run its doctests outside the repo
	rm -rf $(WHEEL_VENV) && mkdir -p $(WHEEL_VENV)/dist && $(PYTHON) -m venv $(WHEEL_VENV)
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(WHEEL_VENV)/dist .
	$(WHEEL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		$(WHEEL_VENV)/dist/picturenn-*.whl pytest hypothesis
	@# from a folder outside the repository, so only the installed wheel can be imported
	cd $$(mktemp -d) && $(abspath $(WHEEL_VENV))/bin/python -m pytest -p no:cacheprovider -q \
		-W error --doctest-modules --pyargs picturenn

docs: $(STAMP) node ## build the site strictly into site/
	$(BIN)/mkdocs build --strict --site-dir site
	@echo "Site built in site/. Preview it with live reload: make serve (http://127.0.0.1:8000)"

serve: $(STAMP) node ## preview with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# The copy names no address (SITE_URL unset): it is opened from the file system.
offline: $(STAMP) node ## build a copy that works from the file system, packed into one zip
	rm -rf $(OFFLINE_SITE)
	env -u SITE_URL OFFLINE=true $(BIN)/mkdocs build --strict --site-dir $(OFFLINE_SITE)
	mkdir -p $(dir $(OFFLINE_ZIP)) && rm -f $(OFFLINE_ZIP)
	$(BIN)/python -c 'import shutil, sys; shutil.make_archive(*sys.argv[1:2], "zip", *sys.argv[2:])' \
		$(basename $(OFFLINE_ZIP)) $(dir $(OFFLINE_SITE)) $(notdir $(OFFLINE_SITE))
	@echo "Offline copy in $(OFFLINE_ZIP): unpack it and open $(OFFLINE_NAME)/index.html"

# one worker more than cores, at most four: the browser tests leave a core idle while they wait
# on chromium (2 cores: 3 workers took pytest from 383 s to 354 s, quiet, in one session);
# each test file on one worker, with its fixtures (tests/shared.py)
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n + 1 > 4 ? 4 : n + 1 )))
WHEEL_LOG := .cache/test-wheel.log
test: $(STAMP) node chromium axe lint ## the whole suite: lint, the wheel alone, unit, doctests, site build, browser
	@# the wheel check is mostly pip unpacking into its own venv: it runs beside pytest,
	@# whose browser tests leave a core idle much of the time, and fails the run as its own
	@mkdir -p .cache && { $(MAKE) --no-print-directory test-wheel > $(WHEEL_LOG) 2>&1; echo $$? > $(WHEEL_LOG).rc; } & \
	$(BIN)/python -m pytest -n $(TEST_JOBS) --maxprocesses 4 --dist loadfile; tests=$$?; \
	wait; grep -v "^WARNING: Location" $(WHEEL_LOG); \
	test "$$(cat $(WHEEL_LOG).rc)" = 0 || { echo "make test-wheel failed (above)"; exit 1; }; \
	exit $$tests

lint: $(STAMP) ## ruff check and ruff format --check over every Python file (pyproject says what format skips)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-fast: $(STAMP) node ## the quick suite: unit tests, doctests and the fast build-engine tests
	$(BIN)/python -m pytest -n $(TEST_JOBS) --maxprocesses 4 --dist loadfile -m "not slow and not browser"

test-unit: $(STAMP) ## the library's unit tests and doctests (no docs build at all)
	$(BIN)/python -m pytest tests/unit src/picturenn

test-build: $(STAMP) node ## the docs build: its engines and whole-site builds (no browser)
	$(BIN)/python -m pytest tests/build src/picturenn_docs

test-browser: $(STAMP) node chromium axe ## headless chromium over the built site
	$(BIN)/python -m pytest tests/browser

ci-without-root: $(STAMP) ## every check that needs neither Node.js nor Chromium (no root)
	$(BIN)/python -m pytest -m "not slow and not browser and not node"

check-workflows: $(STAMP) ## validate .github/workflows against the GitHub schema (offline)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

bench: $(STAMP) node chromium lighthouse ## measure build, package, diagrams and pages against baselines
	$(BIN)/python -m tests.bench.run $(RUNS)

chromium: ## install Debian's chromium for browser tests when it is missing
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }

node: ## install Node.js and npm (KaTeX renders the math at build time) when missing
	@command -v node >/dev/null && command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm; }

axe: $(AXE_JS) ## fetch the pinned axe-core (accessibility checker) from npm into .cache/axe

$(AXE_JS):
	rm -rf $(@D) && mkdir -p $(@D)
	cd $(@D) && npm pack --silent axe-core@$(AXE) >/dev/null && tar xzf axe-core-$(AXE).tgz
	cp $(@D)/package/axe.min.js $(@D)/package/LICENSE $(@D)/
	rm -rf $(@D)/package $(@D)/axe-core-$(AXE).tgz

lighthouse: $(LH_BIN) ## fetch the pinned Lighthouse (page scores, for make bench) from npm into .cache/lighthouse

$(LH_BIN):
	rm -rf .cache/lighthouse/$(LIGHTHOUSE) && mkdir -p .cache/lighthouse/$(LIGHTHOUSE)
	cd .cache/lighthouse/$(LIGHTHOUSE) && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit \
		--no-fund --prefix . lighthouse@$(LIGHTHOUSE) >/dev/null

vendor-katex: ## re-vendor KaTeX (run by node at build time; readers get MathML) into docs/assets/katex
	rm -rf .cache/katex && mkdir -p .cache/katex
	cd .cache/katex && npm pack --silent katex@$(KATEX) >/dev/null && tar xzf katex-$(KATEX).tgz
	rm -rf $(KATEX_TO) && mkdir -p $(KATEX_TO)
	cp .cache/katex/package/dist/katex.min.js $(KATEX_TO)/
	cp .cache/katex/package/LICENSE $(KATEX_TO)/LICENSE
	@echo "KaTeX $(KATEX) vendored into $(KATEX_TO)"

vendor-iframe-worker: ## re-vendor the iframe-worker shim (search from file://) from npm
	rm -rf .cache/iframe-worker && mkdir -p .cache/iframe-worker docs/assets/iframe-worker
	cd .cache/iframe-worker && npm pack --silent iframe-worker@$(IFRAME_WORKER) >/dev/null \
		&& tar xzf iframe-worker-$(IFRAME_WORKER).tgz
	cp .cache/iframe-worker/package/shim/index.js docs/assets/iframe-worker/shim.js
	cp .cache/iframe-worker/package/LICENSE docs/assets/iframe-worker/LICENSE
	@echo "iframe-worker $(IFRAME_WORKER) vendored into docs/assets/iframe-worker"

clean: ## remove build outputs and caches (the .venv stays)
	rm -rf site dist .cache artifacts .pytest_cache .hypothesis
