# tests/: cmocka model tests (plain and sanitized) and the CLI contract.
# RTL tests live in tests/equiv/ and tests/mac_icarus/.
MODEL_TESTS := lfsr lfsr_kat sru prng analyze config mac_drive flags quant kernels
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
# (synth/synth.mk, which sets SYNTHREP, is read after this file: a prerequisite needs the path)
test-cli: esrugen esrutrain $(BUILD)/synth/synthrep
	tests/test_cli.sh ./esrugen
	tests/test_train_cli.sh ./esrutrain
	tests/test_synthrep_cli.sh $(SYNTHREP)

.PHONY: test-cli-asan
test: test-cli-asan
# The same CLI tests against every binary built with ASan+UBSan: any report
# aborts that run, so the test sees a wrong exit status and fails.
test-cli-asan: $(BUILD)/asan/esrugen $(BUILD)/asan/esrutrain $(BUILD)/asan/synthrep
	$(ASAN_ENV) tests/test_cli.sh $(BUILD)/asan/esrugen
	$(ASAN_ENV) tests/test_publish.sh $(BUILD)/asan/esrugen 50 40
	$(ASAN_ENV) ESRU_ASAN=1 tests/test_train_cli.sh $(BUILD)/asan/esrutrain
	$(ASAN_ENV) tests/test_synthrep_cli.sh $(BUILD)/asan/synthrep

# Publication of file sets (kill -9 at every step and at random instants,
# concurrent writers, a full disk, foreign files) and --name rules.
.PHONY: test-publish test-names
test: test-publish test-names
test-publish: esrugen
	tests/test_publish.sh ./esrugen
test-names: esrugen
	tests/test_names.sh ./esrugen
