# esrugen: top-level build. Common tools, flags and rules live here, once; each
# area's fragment (named after its folder) only adds sources and targets.
CC      ?= gcc
CXX     ?= g++
CFLAGS  ?= -O2 -g
BUILD   := build
OUT     := out

# Every C file of the project compiles with these; headers are found from the
# repository root ("sim/train/idx.h") or from gen/ ("model/sru.h").
WARN      := -Wall -Wextra -Werror
CSTD      := -std=c11 -D_POSIX_C_SOURCE=200809L
DEPFLAGS   = -MMD -MP
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
CMOCKA_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# OpenMP: the trainer's kernels use every core (esrutrain --threads). Idle
# threads wait passively: spinning ones take the cores of a shared machine.
OPENMP    ?= -fopenmp
export OMP_WAIT_POLICY ?= passive
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) $(OPENMP) -I. -Igen -I$(BUILD) $(CJSON_CFLAGS)
LDLIBS    += $(CJSON_LIBS) -lz -lm
# The sanitizer build (tests): AddressSanitizer + UBSan, any finding is fatal.
ASAN_FLAGS := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_ENV   := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Output paths become make targets, which cannot hold spaces: refuse them
# before anything runs instead of writing into a stray directory.
out_vars := OUT SYNTH_OUT SYNTH_REPORTS PNR_OUT PNR_REPORTS EXPLORE_OUT LANES_OUT
$(foreach v,$(out_vars),$(if $(filter-out 0 1,$(words $($(v)))),\
    $(error make variable $(v)='$($(v))' contains a space (valid: a path without spaces))))

# The libraries and tools every fragment may depend on, named here so the
# order of the includes below does not matter.
LIB            := $(BUILD)/libesru.a
LIB_ASAN       := $(BUILD)/asan/libesru.a
TRAIN_LIB      := $(BUILD)/libtrain.a
TRAIN_LIB_ASAN := $(BUILD)/asan/libtrain.a
SYNTHREP       := $(BUILD)/synth/synthrep
EXPTOOL        := $(BUILD)/explore/exptool

.PHONY: all run test bench clean distclean deps
# Objects are intermediate files of pattern chains: keep them (incremental builds).
.SECONDARY:
all: esrugen esrutrain ## build esrugen and esrutrain

# The main job: the default ESRU generated, analysed and synthesized.
run: deps all ## the main job: install missing packages, build, generate, analyse and synthesize the default ESRU
	./esrugen -o $(OUT)/esru
	./esrugen analyze | tee $(OUT)/esru-analysis.txt
	$(MAKE) -j$$(nproc) synth

deps: ## install the missing Debian packages (tools/install-deps.sh)
	@tools/install-deps.sh

# The targets from their "## " notes in the Makefile and its fragments, then
# the make variables each checks through the flag table (gen/cli/vars.c).
.PHONY: help
help: ## this list
	@echo "Targets (make TARGET):"
	@awk -F' ## ' '/^[a-z][a-z0-9-]*:([^=]|$$)/ && / ## / {sub(/:.*/, "", $$1); printf "  %-16s %s\n", $$1, $$2}' \
	    $(MAKEFILE_LIST)
	@echo "Variables, checked before anything runs (VAR=VALUE; docs/flags.md, docs/explore.md):"
	@$(MAKE) -s esrugen >/dev/null 2>&1 || { echo "  (esrugen does not build yet: make deps all, then make help)"; exit 0; }; \
	for g in $$(./esrugen vars --groups); do \
	    printf '  %-16s %s\n' "$$g$$([ $$g = accuracy ] && echo '[-lanes]')" "$$(./esrugen vars --names $$g)" | \
	    fold -s -w 100 | sed 's/ *$$//; 2,$$s/^/                   /'; done

# One rule for every object: build/PATH.o from PATH.c, plain and sanitized.
$(BUILD)/%.o: %.c | $(BUILD)/templates.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@
# -O1 gives gcc less range information: its format-truncation guesses turn into
# false errors there (e.g. "lut%d" with k <= 6), so that warning is off.
$(BUILD)/asan/%.o: %.c | $(BUILD)/templates.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) -Wno-format-truncation $(DEPFLAGS) -c $< -o $@
# Position-independent, for libesru.so (gen/api/api.mk): only ESRU_API is exported.
$(BUILD)/pic/%.o: %.c | $(BUILD)/templates.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden $(DEPFLAGS) -c $< -o $@

# Templates are embedded into the binary so esrugen runs from anywhere.
TEMPLATES := $(sort $(wildcard templates/*.v.in))
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $< -o $@
$(BUILD)/templates.h: $(BUILD)/embed $(TEMPLATES)
	$(BUILD)/embed $(TEMPLATES) > $@.tmp && mv $@.tmp $@

clean: ## remove build/ and the binaries
	rm -rf $(BUILD) esrugen esrutrain
distclean: clean ## clean, and empty out/
	rm -rf $(OUT)/*

# Every area adds its test groups as prerequisites of `test`.
test: deps ## the test suite (under 10 minutes on 2 cores)
	@echo "make test: all groups passed"

include gen/gen.mk
include gen/api/api.mk
include tests/tests.mk
include sim/train/train.mk
include sim/rtl/rtl.mk
include synth/synth.mk
include sim/explore/explore.mk
include tests/equiv/equiv.mk
include tests/mac_icarus/mac_icarus.mk
include tests/fuzz/fuzz.mk
include tests/mutate/mutate.mk
include tests/formal/formal.mk
include python/python.mk
include sim/bench/bench.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
