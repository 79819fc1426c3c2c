# gen/: the library (model, PRNG kinds, RTL emitters, output plumbing, flag
# table) and the esrugen CLI. Layers: docs/architecture.md.
LIB_SRCS := $(sort $(wildcard gen/model/*.c gen/kinds/*.c gen/rtl/*.c gen/io/*.c gen/cli/*.c))
LIB_SRCS := $(filter-out gen/cli/main.c,$(LIB_SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)

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
docs: esrugen
	tools/flagdocs.sh ./esrugen $(FLAG_DOCS)
test: test-docs
test-docs: esrugen
	tools/flagdocs.sh --check ./esrugen $(FLAG_DOCS)
	@echo "docs: flag tables match the flag table"
