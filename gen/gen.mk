# gen/: the library (model, PRNG kinds, RTL emitters, output plumbing, flag
# table) and the esrugen CLI. Layers: docs/architecture.md.
LIB_SRCS := $(sort $(wildcard gen/model/*.c gen/kinds/*.c gen/rtl/*.c gen/io/*.c gen/cli/*.c))
LIB_SRCS := $(filter-out gen/cli/main.c,$(LIB_SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)

# The trainer's hot loops (matrix kernels, the lane rule, bank stepping):
# vectorized at -O3; no contraction of a float multiply and add into one
# rounding, so every vector width computes the same floats.
# The same objects of libesru.so (pic/) and of the sanitizer build (asan/, whose
# -O1 comes later and wins) get the same flags: the Python package rounds
# through these loops too (at -O2 they stayed scalar: 6x slower).
# $(call in_all_builds,SOURCES): the objects of SOURCES (paths without .c) in
# each object tree.
in_all_builds = $(foreach d,$(BUILD) $(BUILD)/pic $(BUILD)/asan,$(1:%=$(d)/%.o))
HOT := $(addprefix gen/model/,kernels kernels_tile quant quant_pass prng lfsr backend_c) gen/kinds/kind_shared \
       gen/api/api_bank
$(call in_all_builds,$(HOT)): CFLAGS += -O3 -ffp-contract=off
# The rounding passes: one loop per case and vector width; no second,
# narrower vector loop for each loop's last few elements (code size).
$(call in_all_builds,gen/model/quant_pass): CFLAGS += --param vect-epilogues-nomask=0
# The API's float-to-fixed loops: gcc vectorizes floor() only without trapping
# math (floating-point exception flags, never read here; values unchanged).
$(call in_all_builds,gen/api/api_bank): CFLAGS += -fno-trapping-math

$(LIB): $(LIB_OBJS)
	$(AR) rcs $@ $^
$(LIB_ASAN): $(LIB_SRCS:%.c=$(BUILD)/asan/%.o)
	$(AR) rcs $@ $^

esrugen: $(BUILD)/gen/cli/main.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
$(BUILD)/asan/esrugen: $(BUILD)/asan/gen/cli/main.o $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(LDLIBS)

# The flag tables in the docs come from the flag table.
FLAG_DOCS := README.md docs/flags.md
.PHONY: docs test-docs
docs: esrugen ## rewrite the flag tables of README.md and docs/flags.md from the flag table
	tools/flagdocs.sh ./esrugen $(FLAG_DOCS)
test: test-docs
test-docs: esrugen
	+MAKE="$(MAKE)" sh tests/test_help.sh
	tools/flagdocs.sh --check ./esrugen $(FLAG_DOCS)
	@echo "docs: flag tables match the flag table"
