# Model, CLI and sanitizer tests (cmocka). RTL tests live in tests/equiv.mk.
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
TEST_CFLAGS  = $(filter-out -Werror,$(CFLAGS)) -Werror -Wno-unused-parameter
MODEL_TESTS := lfsr sru prng analyze config
ASAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(BUILD)/tests/test_%: tests/test_%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $< $(LIB) -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# The sanitizer build compiles the model sources themselves with ASan+UBSan.
$(BUILD)/asan/test_%: tests/test_%.c $(LIB_SRCS) $(BUILD)/templates.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -O1 $(ASAN_FLAGS) -DPERIOD_MAX_WIDTH=24 $< $(LIB_SRCS) -o $@ $(CMOCKA_LIBS) $(LDLIBS)

.PHONY: test-model test-asan test-cli
test-model: $(MODEL_TESTS:%=$(BUILD)/tests/test_%)
	@set -e; for t in $^; do $$t; done

test-asan: $(MODEL_TESTS:%=$(BUILD)/asan/test_%)
	@set -e; for t in $^; do $$t; done

test-cli: esrugen
	tests/test_cli.sh ./esrugen
