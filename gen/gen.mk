# gen/: the library (model, PRNG kinds, RTL emitters, output plumbing, flag
# table) and the esrugen CLI. Layers: docs/architecture.md.
LIB_SRCS := $(sort $(wildcard gen/model/*.c gen/kinds/*.c gen/rtl/*.c gen/io/*.c gen/cli/*.c))
LIB_SRCS := $(filter-out gen/cli/main.c,$(LIB_SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)

# The trainer's hot loops (matrix kernels, the lane rule, bank stepping):
# vectorized at -O3; no contraction of a float multiply and add into one
# rounding, so every vector width computes the same floats.
HOT_OBJS := $(addprefix $(BUILD)/gen/model/,kernels.o kernels_tile.o quant.o quant_pass.o prng.o lfsr.o backend_c.o) \
            $(BUILD)/gen/kinds/kind_shared.o
$(HOT_OBJS): CFLAGS += -O3 -ffp-contract=off
# The rounding passes: one loop per case and vector width; no second,
# narrower vector loop for each loop's last few elements (code size).
$(BUILD)/gen/model/quant_pass.o: CFLAGS += --param vect-epilogues-nomask=0

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
	sh tests/test_help.sh
	tools/flagdocs.sh --check ./esrugen $(FLAG_DOCS)
	@echo "docs: flag tables match the flag table"
