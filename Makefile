# Tuijin: the two commands a new user types are `make run` and `make test`.

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
DB      ?= sqlite:./data/tuijin.db
ADDR    ?= 127.0.0.1:8080

.PHONY: all build web run test test-go test-web test-e2e vet bench clean

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

# Build and start on SQLite; the first start prints the admin account.
run: build
	bin/tuijin serve --addr $(ADDR) --db $(DB)

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

clean:
	rm -rf bin test-output web/dist/assets web/dist/index.html
