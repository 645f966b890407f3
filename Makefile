# Tuijin: the two commands a new user types are `make run` and `make test`.

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
DB      ?= sqlite:./data/tuijin.db
ADDR    ?= 127.0.0.1:8080

.PHONY: all build build-go web run demo test test-go test-web test-e2e vet bench bench-go loadtest clean

all: build

# Front-end packages, installed from the lock file when it changes.
web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

WEB_SRC := $(shell find web/src web/index.html web/vite.config.ts web/public -type f 2>/dev/null)

web/dist/index.html: web/node_modules/.installed $(WEB_SRC)
	cd web && npm run build

web: web/dist/index.html

# One static binary with the front end inside.
build: web
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/tuijin ./cmd/tuijin

# The server binary alone, with whatever front end web/dist holds: what
# the benchmarks need, without npm.
build-go:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/tuijin ./cmd/tuijin

# Build and start on SQLite; the first start prints the admin account.
run: build
	@echo "Tip: 'make demo' starts a demo county of about 200 projects instead (./data/demo.db)."
	bin/tuijin serve --addr $(ADDR) --db $(DB)

# A living county to look at: seeded once into ./data/demo.db (set in this
# year as of today: projects on track and late, their key nodes, monthly
# reports in every state, problems, visits and meetings, the lights, the
# inbox), then served. The seed prints the accounts and their password.
demo: build
	@test -f data/demo.db || bin/tuijin seed --demo --db sqlite:./data/demo.db
	bin/tuijin serve --addr $(ADDR) --db sqlite:./data/demo.db

vet:
	$(GO) vet ./...

# Everything: Go tests on SQLite and PostgreSQL, front-end unit tests,
# browser tests in headless Chromium against the built binary.
test: vet test-go test-web test-e2e

test-go:
	$(GO) test -count=1 ./...

test-web: web/node_modules/.installed
	cd web && npm run test:unit

test-e2e: build
	cd web && TUIJIN_BIN=$(CURDIR)/bin/tuijin npm run test:e2e

# Speed, measured: seeds a province of 50,000 projects (five years of
# monthly reports, key nodes, problems, lights) and measures the API over
# HTTP on loopback against its SQL floor: the ledger and the daily work
# (battle map, periods, light board, cockpit, report submission); writes
# bench/results.json and bench/RESULTS.md. Under 10 minutes on 2 cores.
# PG=1 measures PostgreSQL too; BENCH_FLAGS passes more (see
# bin/tuijin-bench -h).
bench: build-go
	$(GO) build -o bin/tuijin-bench ./cmd/tuijin-bench
	bin/tuijin-bench --bin bin/tuijin --readme README.md $(if $(PG),--pg auto) $(BENCH_FLAGS)

# Go benchmarks of the hot functions (parsers, rules, diffs, generators).
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# 200 simulated users of every role for 60 s on loopback (the ledger,
# project edits and stages, report submissions, problem steps), then a
# check that every acknowledged write is stored exactly once (bench/LOAD.md).
loadtest: build-go
	$(GO) build -o bin/tuijin-bench ./cmd/tuijin-bench
	bin/tuijin-bench load --bin bin/tuijin $(LOAD_FLAGS)

clean:
	rm -rf bin test-output web/dist/assets web/dist/index.html bench/tmp
