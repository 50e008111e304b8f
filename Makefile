# Entry points for people and CI. Every target installs and builds what it needs first.
SHELL := /bin/bash
NPM ?= npm
RUN_FILE ?= hwx/mul-v9.hwx
SEED ?= 20261125

.PHONY: setup build run test typecheck bench fixtures oracle differential patches-check clean

# Without the package's own prepare (a build): dist/.built below is the one build. npm rebuild
# still runs the dependencies' install scripts (esbuild's).
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --ignore-scripts
	$(NPM) rebuild
	touch $@

dist/.built: node_modules/.installed tsconfig.json tsconfig.build.json scripts/bundle-cli.mjs scripts/code-cache.cjs bin/anecc.cjs $(shell find src -name '*.ts' 2>/dev/null)
	$(NPM) run --silent build
	touch $@

setup: dist/.built

build: dist/.built

# Convert the v9 sample shipped in hwx/ and show what was found.
run: setup
	@mkdir -p build
	node bin/anecc.cjs $(RUN_FILE) -p -n $(subst -,_,$(basename $(notdir $(RUN_FILE)))) -o build/$(basename $(notdir $(RUN_FILE))).anec

typecheck: node_modules/.installed
	npx tsc --noEmit -p tsconfig.json

test: setup typecheck
	npx vitest run

bench: setup
	node --expose-gc --import tsx bench/run.ts $(ONLY)

fixtures: setup
	npx tsx scripts/fixtures.ts hwx

# Records upstream's verdicts on the seeded differential inputs into test/oracle/ (needs upstream
# anecc, e.g. PYTHON_BIN=... ANECC_UPSTREAM_SRC=..., and the corpus). CASES=N overrides 2800.
oracle: setup
	npx tsx scripts/oracle.ts --seed $(SEED) $(if $(CASES),--cases $(CASES))

# Native against upstream: live when upstream is importable (CASES=N, default 10000 per profile;
# PROFILE=upstream|patched; MODE=live|replay), else replayed from test/oracle/.
differential: setup
	npx tsx scripts/differential.ts --seed $(SEED) $(if $(CASES),--cases $(CASES)) $(if $(PROFILE),--profile $(PROFILE)) $(if $(MODE),--mode $(MODE))

patches-check: setup
	npx tsx scripts/patches-check.ts

clean:
	rm -rf dist build .cache
