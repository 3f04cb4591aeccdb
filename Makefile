# The README's commands. Each target does its own set-up, idempotently: Debian packages when
# missing, a virtual environment in .venv/ with ontrack installed into it, the C++ builds.
#   make demo   runs the main job on the bundled Kundulun plan
#   make test   builds and runs every test suite

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

APT_PACKAGES := g++ libeigen3-dev libboost-test-dev libboost-math-dev nlohmann-json3-dev \
                clang libclang-rt-dev chromium fonts-noto-cjk
PY_BUILD_DEPS := scikit-build-core>=0.10 pybind11>=2.13 cmake>=3.18 ninja
PY_RUNTIME_DEPS := numpy>=1.23 rich>=12
PY_DATA_DEPS := pandas>=1.5 openpyxl>=3.1 pyarrow>=14 PyYAML>=6
PY_REPORT_DEPS := jinja2>=3.1 matplotlib>=3.7 python-docx>=1.1
PY_DASK_DEPS := dask[dataframe,distributed]>=2024.1
PY_TEST_DEPS := pytest>=7 hypothesis>=6 mypy>=1.5 pybind11-stubgen>=2.5 playwright>=1.40 \
                nbclient>=0.9 nbformat>=5.9 ipykernel>=6.25

CMAKE := $(VENV)/bin/cmake
CTEST := $(VENV)/bin/ctest
CMAKE_FLAGS := -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV)/bin/ninja)

.PHONY: help demo test bench calibration calibration-prior system-deps venv install cpp-test sanitize-test fuzz-test python-test stubs clean

help:
	@echo "make demo   run the main job on the bundled Kundulun plan"
	@echo "make test   build and run every test suite (C++, sanitizers, fuzzer, Python)"
	@echo "make bench  run the benchmarks against NumPy, statsforecast and statsmodels (docs/benchmarks.md)"
	@echo "make calibration  measure the default uncertainty out of sample (docs/uncertainty.md)"

# ---- set-up -------------------------------------------------------------------------------

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.stamp: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(foreach d,$(PY_BUILD_DEPS) $(PY_RUNTIME_DEPS) $(PY_DATA_DEPS) $(PY_REPORT_DEPS) $(PY_DASK_DEPS) $(PY_TEST_DEPS),"$(d)")
	touch $@

venv: $(VENV)/.stamp

install: system-deps venv
	$(PY) -m pip install -q --no-build-isolation --no-deps --force-reinstall .

# ---- the main job --------------------------------------------------------------------------

demo: install
	$(VENV)/bin/ontrack demo --format html,md,xlsx,json,docx,pdf

# ---- tests --------------------------------------------------------------------------------

test: install cpp-test sanitize-test fuzz-test python-test
	@echo "all test suites passed"

cpp-test: system-deps venv
	$(CMAKE) -S . -B build/cpp $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release >/dev/null
	$(CMAKE) --build build/cpp -j $(JOBS)
	cd build/cpp && $(abspath $(CTEST)) --output-on-failure -j $(JOBS)

sanitize-test: system-deps venv
	$(CMAKE) -S . -B build/asan $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DONTRACK_SANITIZE=ON \
	  -DONTRACK_BUILD_EXAMPLES=OFF -DONTRACK_HEADER_CHECK=OFF >/dev/null
	$(CMAKE) --build build/asan -j $(JOBS)
	cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(abspath $(CTEST)) --output-on-failure -j $(JOBS) -E consumer

fuzz-test: system-deps venv
	$(CMAKE) -S . -B build/fuzz $(CMAKE_FLAGS) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DONTRACK_BUILD_FUZZERS=ON -DONTRACK_BUILD_TESTS=OFF -DONTRACK_BUILD_EXAMPLES=OFF >/dev/null
	$(CMAKE) --build build/fuzz -j $(JOBS) --target plan_loader_fuzzer
	rm -rf build/fuzz/corpus && mkdir -p build/fuzz/corpus && cp tests/fuzz/corpus/* tests/data/*.json \
	  python/ontrack/data/plans/*.json build/fuzz/corpus/
	build/fuzz/tests/fuzz/plan_loader_fuzzer -max_total_time=15 -print_final_stats=1 \
	  -dict=tests/fuzz/plan.dict build/fuzz/corpus 2>&1 | tail -n 12

python-test: install
	$(PY) -m pytest -q
	$(PY) -m mypy --no-error-summary

# Benchmarks are not tests: they measure, side by side, and write bench/results/latest.json.
# OpenBLAS tuning variables a machine may set would slow NumPy's baseline: unset for this only.
bench: install
	$(PY) -m pip install -q -r bench/requirements.txt
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(PY) bench/run.py

# Out-of-sample calibration of the default uncertainty (docs/uncertainty.md): the tables, and
# the grid search that re-derives the shipped drift prior. Measurements, not tests.
calibration: install
	$(PY) bench/calibration/measure.py --out bench/calibration/results/calibration.md

calibration-prior: install
	$(PY) bench/calibration/learn_prior.py

# Regenerates python/ontrack/_core.pyi from the compiled module (after changing the binding).
# Unhashable records set __hash__ = None, which typeshed marks the same way.
stubs: install
	$(VENV)/bin/pybind11-stubgen ontrack._core -o build/stubs >/dev/null
	sed 's/^\(    __hash__: .*\)$$/\1  # type: ignore[assignment]/' build/stubs/ontrack/_core.pyi \
	  > python/ontrack/_core.pyi

clean:
	rm -rf build $(VENV) ontrack-report
