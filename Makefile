# Every target runs on the project's own Node 24 (installed into .tools by `make setup`).
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export NX_DAEMON := false
export NX_NO_CLOUD := true
export npm_config_update_notifier := false

.PHONY: setup build chart-docs dev test proto proto-check codegen lint typecheck format migrate seed bench

setup: ## install everything a fresh machine lacks (idempotent)
	@bash scripts/setup.sh

build: ## every deployable as plain JavaScript in dist/<name>/ (bundled with esbuild, source maps), started with node
	@node --import tsx scripts/build.ts

chart-docs: ## every chart's values.schema.json and README values table, from the @param lines of its values.yaml
	@node --import tsx scripts/chart-docs.ts

dev: ## start the whole platform locally and print its URLs
	@node --import tsx scripts/dev.ts

test: proto-check typecheck lint ## every test; ends with `tests: N passed, N failed`
	@node scripts/run-tests.mjs

proto: ## regenerate libs/contracts from proto/
	@rm -rf libs/contracts/src/gen && cd proto && buf generate && echo "proto: libs/contracts regenerated"

codegen: ## regenerate each subgraph's resolver types from its SDL (a test fails while they are stale)
	@node --import tsx scripts/graphql-codegen.ts

proto-check: ## buf lint, and buf breaking against main once main has contracts
	@cd proto && buf lint && echo "proto: buf lint clean"
	@if git cat-file -e main:proto/buf.yaml 2>/dev/null; then \
	  cd proto && buf breaking --against '../.git#branch=main,subdir=proto' && echo "proto: no breaking change against main"; \
	else echo "proto: main has no contracts yet, buf breaking skipped"; fi

typecheck:
	@tsc -p tsconfig.json && tsc -p portal/tsconfig.json && echo "typecheck: clean"

lint:
	@nx show projects >/dev/null && eslint . && prettier --check . --log-level warn && echo "lint: eslint and prettier clean"

format:
	@prettier --write . --log-level warn

migrate: ## run pending migrations of every service (DATABASE_URL per service, see README)
	@node --import tsx scripts/migrate.ts

seed: ## load realistic demo data into the running dev stack
	@node --import tsx scripts/seed.ts

bench: ## benchmarks, each with its baseline measured in the same run
	@node --import tsx scripts/bench/run.ts
