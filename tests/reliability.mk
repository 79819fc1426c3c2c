# Reliability (issue 10): IDX loader tests, every binary rebuilt with ASan +
# UBSan and run through the CLI tests, and the long jobs `make fuzz` and
# `make mutate` (not part of `make test`). See docs/reliability.md.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# -O1 gives gcc less range information: its format-truncation guesses
# (e.g. "lut%d" with k <= 6) turn into false errors there, so that one is off.
SAN_CFLAGS = $(filter-out -O2 -O3,$(CFLAGS)) $(SAN_FLAGS) -Wno-format-truncation
SAN := $(BUILD)/asan
# The library, the trainer and the report tool, compiled from source with the sanitizers.
SAN_LIB_OBJS := $(LIB_SRCS:gen/%.c=$(SAN)/obj/gen/%.o)
SAN_TRAIN_OBJS := $(TRAIN_SRCS:sim/train/%.c=$(SAN)/obj/train/%.o)
SAN_SYNTH_OBJS := $(patsubst synth/%.c,$(SAN)/obj/synth/%.o,$(filter-out synth/main.c,$(wildcard synth/*.c)))

$(SAN)/obj/gen/%.o: gen/%.c $(wildcard gen/*.h) $(BUILD)/templates.h
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) -c $< -o $@
$(SAN)/obj/train/%.o: sim/train/%.c $(TRAIN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) -Isim/train -c $< -o $@
$(SAN)/obj/synth/%.o: synth/%.c $(wildcard synth/*.h) $(wildcard gen/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) $(CJSON_CFLAGS) -c $< -o $@
$(SAN)/libesru.a: $(SAN_LIB_OBJS)
	$(AR) rcs $@ $^

$(SAN)/esrugen: $(SAN)/obj/gen/main.o $(SAN)/libesru.a
	$(CC) $(SAN_CFLAGS) $^ -o $@ $(LDLIBS)
$(SAN)/esrutrain: $(SAN)/obj/train/train_main.o $(SAN_TRAIN_OBJS) $(SAN)/libesru.a
	$(CC) $(SAN_CFLAGS) $^ -o $@ $(TRAIN_LIBS) $(LDLIBS)
$(SAN)/synthrep: $(SAN)/obj/synth/main.o $(SAN_SYNTH_OBJS) $(SAN)/libesru.a
	$(CC) $(SAN_CFLAGS) $^ -o $@ $(CJSON_LIBS) $(LDLIBS)

# The IDX loader's own tests, plain and sanitized.
$(BUILD)/tests/test_idx: tests/test_idx.c sim/train/idx.c sim/train/gzin.c $(TRAIN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Isim/train $< sim/train/idx.c sim/train/gzin.c -o $@ $(CMOCKA_LIBS) -lz
$(SAN)/test_idx: tests/test_idx.c sim/train/idx.c sim/train/gzin.c $(TRAIN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(SAN_FLAGS) -Isim/train $< sim/train/idx.c sim/train/gzin.c -o $@ $(CMOCKA_LIBS) -lz

SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
.PHONY: test-idx test-cli-asan test-tool-cli test-kat
test: test-kat test-idx test-tool-cli test-cli-asan
# Known answers of the LFSR model (XAPP052 taps, hand-stepped states, seeds).
test-kat: $(BUILD)/tests/test_lfsr_kat $(BUILD)/asan/test_lfsr_kat
	$(BUILD)/tests/test_lfsr_kat
	$(BUILD)/asan/test_lfsr_kat
test-idx: $(BUILD)/tests/test_idx $(SAN)/test_idx
	$(BUILD)/tests/test_idx
	$(SAN_ENV) $(SAN)/test_idx
test-tool-cli: esrutrain $(SYNTHREP)
	tests/test_train_cli.sh ./esrutrain
	tests/test_synthrep_cli.sh $(SYNTHREP)
# The same CLI tests against the sanitized binaries: any ASan/UBSan report
# aborts that run, so the test sees a wrong exit status and fails.
test-cli-asan: $(SAN)/esrugen $(SAN)/esrutrain $(SAN)/synthrep
	$(SAN_ENV) tests/test_cli.sh $(SAN)/esrugen
	$(SAN_ENV) ESRU_ASAN=1 tests/test_train_cli.sh $(SAN)/esrutrain
	$(SAN_ENV) tests/test_synthrep_cli.sh $(SAN)/synthrep

include tests/fuzz/fuzz.mk

# make mutate: every mutation in tests/mutate/mutations.txt must be killed by
# the fast test groups (model unit tests, Icarus equivalence, trainer tests).
.PHONY: mutate
mutate:
	@tests/mutate/run.sh tests/mutate/mutations.txt
