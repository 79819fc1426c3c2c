# tests/: cmocka model tests (plain and sanitized) and the CLI contract.
# RTL tests live in tests/equiv/ and tests/mac_icarus/.
MODEL_TESTS := lfsr sru prng analyze config quant kernels
TEST_CFLAGS := -Wno-unused-parameter

$(BUILD)/tests/test_%.o $(BUILD)/asan/tests/test_%.o: CFLAGS += $(TEST_CFLAGS)
$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
# The sanitizer build compiles the library itself with ASan+UBSan too.
$(BUILD)/asan/tests/test_%: $(BUILD)/asan/tests/test_%.o $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
# The sanitized full-period LFSR test stops at 24 bits (it is 20x slower).
$(BUILD)/asan/tests/test_lfsr.o: CFLAGS += -DPERIOD_MAX_WIDTH=24

.PHONY: test-model test-asan test-cli
test: test-model test-asan test-cli
test-model: $(MODEL_TESTS:%=$(BUILD)/tests/test_%)
	@set -e; for t in $^; do $$t; done
test-asan: $(MODEL_TESTS:%=$(BUILD)/asan/tests/test_%)
	@set -e; for t in $^; do $(ASAN_ENV) $$t; done
test-cli: esrugen
	tests/test_cli.sh ./esrugen
