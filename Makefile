# make run  — install what is missing, build, serve http://127.0.0.1:8080 with demo data
# make test — the same set-up, then every test (unit, fuzz corpus replay, API, browser, benchmark smoke)
BUILD    ?= build
DATA_DIR ?= ./data
LISTEN   ?= 127.0.0.1:8080
JOBS     ?= $(shell nproc)
LINLI    := $(BUILD)/linli

# The API and browser tests run the server on a test clock (tests/api/server.mjs), by default a
# Wednesday morning. The request and escalation tests run again on these days (Asia/Shanghai):
# a Friday evening, a Sunday, and the second day of the 2026 Spring Festival holiday.
TEST_DAYS ?= 2026-12-04T18:30:00+08:00 2026-12-06T11:00:00+08:00 2026-02-18T10:00:00+08:00
DAY_TESTS := tests/api/requests.test.mjs tests/api/escalation.test.mjs
# How many API test files run at once (node --test --test-concurrency).
API_TEST_JOBS ?= 2

# Fuzzing (tests/fuzz): libFuzzer targets built with clang, ASan and UBSan in $(FUZZ_BUILD).
# make fuzz runs each for FUZZ_SECONDS (new inputs go to $(FUZZ_BUILD)/corpus/<target>, crashes
# to $(FUZZ_BUILD)/crashes/); make fuzz-replay runs every seed and crasher of tests/fuzz once.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CXX     ?= $(shell command -v clang++-14 || command -v clang++ || echo g++)
FUZZ_TARGETS := $(patsubst tests/fuzz/%.cc,%,$(filter-out tests/fuzz/replay_main.cc tests/fuzz/make_seeds.cc,$(wildcard tests/fuzz/*.cc)))

.PHONY: run test deps build fuzz fuzz-build fuzz-replay web web-deps test-deps unit-test api-test api-test-days e2e-test bench-smoke bench format clean

run: deps web build
	@test -f $(DATA_DIR)/linli.db || $(LINLI) demo --data-dir $(DATA_DIR)
	$(LINLI) serve --listen $(LISTEN) --data-dir $(DATA_DIR) --web-dir web/dist --demo

# The API suites and the browser suite run side by side (each mostly waits on its servers);
# --output-sync keeps each suite's report in one piece. Within the API suites API_TEST_JOBS test
# files run at once, each with its own server, port and data dir (tests/support/server.mjs).
test: deps web build test-deps unit-test fuzz-replay
	$(MAKE) --no-print-directory -j2 --output-sync=target e2e-test api-test api-test-days
	$(MAKE) --no-print-directory bench-smoke

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web-deps: web/node_modules/.package-lock.json

web: web-deps
	cd web && npm run build

tests/node_modules/.package-lock.json: tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund
	@touch $@

test-deps: tests/node_modules/.package-lock.json

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

api-test: build test-deps
	LINLI_BIN=$(abspath $(LINLI)) node --test --test-concurrency=$(API_TEST_JOBS) tests/api/

api-test-days: build test-deps
	@for day in $(TEST_DAYS); do \
	  echo "== request and escalation API tests as if it were $$day"; \
	  LINLI_TEST_NOW=$$day LINLI_BIN=$(abspath $(LINLI)) node --test --test-concurrency=$(API_TEST_JOBS) $(DAY_TESTS) || exit 1; \
	done

e2e-test: build web test-deps
	LINLI_BIN=$(abspath $(LINLI)) node --test --test-concurrency=1 tests/e2e/

bench-smoke: build
	$(LINLI) bench http --seconds 0.5
	$(LINLI) bench reports --residents 20000 --repeats 5
	$(LINLI) bench requests --seconds 0.5 --open 20000
	$(LINLI) bench today --seconds 0.3 --residents 20000 --open 5000
	$(LINLI) bench notify --residents 5000 --seconds 0.5 --assets 20000
	$(LINLI) bench spreadsheet --rows 2000 --repeats 1

bench: build
	$(LINLI) bench http
	$(LINLI) bench reports
	$(LINLI) bench requests
	$(LINLI) bench notify
	$(LINLI) bench spreadsheet

$(FUZZ_BUILD)/build.ninja: CMakeLists.txt tests/fuzz/CMakeLists.txt
	CXX=$(FUZZ_CXX) cmake -S . -B $(FUZZ_BUILD) -G Ninja -DLINLI_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo

fuzz-build: $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS)

fuzz-replay: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  test -n "$$(find tests/fuzz/$$t -type f 2>/dev/null)" || { echo "fuzz-replay: tests/fuzz/$$t has no inputs"; exit 1; }; \
	  $(FUZZ_BUILD)/fuzz_$$t $$(find tests/fuzz/$$t -type f) >$(FUZZ_BUILD)/replay-$$t.log 2>&1 \
	    || { cat $(FUZZ_BUILD)/replay-$$t.log; echo "fuzz-replay: $$t failed"; exit 1; }; \
	  echo "fuzz-replay: $$t: $$(find tests/fuzz/$$t -type f | wc -l) inputs ok"; \
	done

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/crashes; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- $(FUZZ_BUILD)/corpus/$$t tests/fuzz/$$t || exit 1; \
	done

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc' 'bench/*.h' 'tests/fuzz/*.cc')

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)
