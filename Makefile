# Kumppani's two entry points, for a fresh Debian 12 machine (as root, missing
# Debian packages are installed with apt-get first):
#   make demo   build, then run the demo on a fresh data directory
#   make test   build, then run every test with ctest
# Other targets: deps, build, sanitize (tests under ASan+UBSan), fuzz (long
# fuzz runs), bench, clean.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
KUMPPANI_WARNINGS_AS_ERRORS ?= OFF
KUMPPANI_SANITIZE ?=
KUMPPANI_FUZZ_RUNS ?= ON
FUZZ_SECONDS ?= 600
CMAKE_BUILD_TYPE ?= RelWithDebInfo

DEBIAN_PACKAGES := cmake make g++ librocksdb-dev libgrpc++-dev protobuf-compiler-grpc \
  libprotobuf-dev protobuf-compiler libspdlog-dev libgtest-dev libgmock-dev \
  libbenchmark-dev libssl-dev libcli11-dev libtomlplusplus-dev python3-grpcio python3-grpc-tools \
  python3-cryptography python3-jsonschema chromium clang-14 libclang-rt-14-dev

.PHONY: deps configure build test demo sanitize fuzz bench clean

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing (run as root, or install them)"; exit 1; \
	  fi; \
	fi

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE) \
	  -DKUMPPANI_WARNINGS_AS_ERRORS=$(KUMPPANI_WARNINGS_AS_ERRORS) \
	  -DKUMPPANI_SANITIZE="$(KUMPPANI_SANITIZE)" -DKUMPPANI_FUZZ_RUNS=$(KUMPPANI_FUZZ_RUNS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

demo: build
	tools/demo/run_demo.sh $(BUILD_DIR) demo-data

# The 100,000-command equivalence workload outlasts the test timeout in a
# Debug ASan build; 10,000 commands exercise the same paths.
sanitize:
	KUMPPANI_EQUIVALENCE_COMMANDS=10000 $(MAKE) test BUILD_DIR=build-asan \
	  KUMPPANI_SANITIZE=address,undefined CMAKE_BUILD_TYPE=Debug KUMPPANI_FUZZ_RUNS=OFF

# The long fuzz runs: every target for FUZZ_SECONDS (default 600), one after
# the other, from the kept corpus; findings land in BUILD_DIR/tests/fuzz/runs.
fuzz: build
	for t in command command_file envelope proof report export; do \
	  tests/fuzz/run_fuzzer.sh $(BUILD_DIR)/fuzz/tests/fuzz/fuzz_$$t $(FUZZ_SECONDS) \
	    tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t $(BUILD_DIR)/tests/fuzz/runs/$$t-long || exit 1; \
	done

bench: build
	$(BUILD_DIR)/bench/store_append_bench
	$(BUILD_DIR)/bench/tree_bench
	$(BUILD_DIR)/bench/projection_bench
	$(BUILD_DIR)/bench/grpc_bench

clean:
	rm -rf $(BUILD_DIR) build-asan demo-data
