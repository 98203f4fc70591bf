# order-intake: `make demo` and `make test` work on a fresh Debian machine with Swift installed.
SWIFT ?= swift
BIN := .build/debug/intake
RELEASE_BIN := .build/release/intake
BENCH_DIR ?= /tmp/order-intake-bench
BENCH_ORDERS ?= 100000 1000000
FUZZ_TIME ?= 60

.PHONY: deps build demo test bench fuzz crash-test release docs install report-check clean
PREFIX ?= /usr/local

# libarchive-dev comes from Debian's archive; install it only when pkg-config cannot find it.
deps:
	@if ! pkg-config --exists libarchive 2>/dev/null; then \
		echo "installing libarchive-dev (needed by IntakeArchive)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libarchive-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in (`--static-swift-stdlib`): the binary runs where no Swift is installed,
# and a run starts ~10 ms sooner (no ~30 shared libraries to load and relocate).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# The demo pipeline on Fixtures/ with the embedded SQLite state (out/demo/state.sqlite); outputs under out/demo/.
demo: build
	@$(BIN) run pipelines/demo.yml; status=$$?; \
		echo "exit status $$status (0 = every row accepted, 1 = some rows rejected); outputs under out/demo/"; \
		[ $$status -le 1 ]

test: deps
	$(SWIFT) build
	$(SWIFT) test

# Not a test: builds release, generates the dataset, times ours beside the DuckDB peer (see ../shared/bench).
bench: release
	BENCH_DIR=$(BENCH_DIR) BENCH_ORDERS="$(BENCH_ORDERS)" bash Tests/Bench/run.sh

# Not a test: libFuzzer targets with AddressSanitizer (Tests/Fuzz), FUZZ_TIME seconds each (default 60).
fuzz: deps
	FUZZ_TIME=$(FUZZ_TIME) bash Tests/Fuzz/run.sh

# Not in `make test` (slow; the full-disk tests need root to mount a tmpfs): a 20,000-order run killed with SIGKILL
# at 30 random moments and run to the end, then runs whose outputs or state fill a small disk.
crash-test: build
	CRASH_ORDERS=20000 CRASH_KILLS=30 CRASH_FULL_DISK=1 $(SWIFT) test --filter "aKilledRunLosesAndDuplicatesNothing|FullDiskTests"

# Not a test: the HTML report of Fixtures/ in headless Chromium (installed when missing): a screenshot and a PDF
# under /tmp/order-intake-report to look at, and a check that no page is wider than its window.
report-check: build
	bash Tests/Report/check.sh

# The man page (swift-argument-parser's generate-manual plugin, over the debug build) and the shell completions
# (bash, zsh, fish), under .build/share/.
docs: build
	$(SWIFT) package plugin generate-manual --configuration debug
	mkdir -p .build/share/man/man1 .build/share/completions
	cp .build/plugins/GenerateManual/outputs/intake/intake.1 .build/share/man/man1/intake.1
	$(BIN) --generate-completion-script bash > .build/share/completions/intake.bash
	$(BIN) --generate-completion-script zsh > .build/share/completions/_intake
	$(BIN) --generate-completion-script fish > .build/share/completions/intake.fish

# The release binary, its man page and completions under PREFIX (default /usr/local).
install: release docs
	install -D -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/intake
	install -D -m 644 .build/share/man/man1/intake.1 $(DESTDIR)$(PREFIX)/share/man/man1/intake.1
	install -D -m 644 .build/share/completions/intake.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/intake
	install -D -m 644 .build/share/completions/_intake $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_intake
	install -D -m 644 .build/share/completions/intake.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/intake.fish

clean:
	rm -rf .build .build-fuzz
