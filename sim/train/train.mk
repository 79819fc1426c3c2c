# sim/train/: the C reference trainer esrutrain (data, MLP and LeNet, training loop, CLI).
TRAIN_SRCS := $(filter-out sim/train/train_main.c sim/train/lanes_report.c,$(sort $(wildcard sim/train/*.c)))

$(TRAIN_LIB): $(TRAIN_SRCS:%.c=$(BUILD)/%.o)
	$(AR) rcs $@ $^
$(TRAIN_LIB_ASAN): $(TRAIN_SRCS:%.c=$(BUILD)/asan/%.o)
	$(AR) rcs $@ $^

# The steps' own element loops (updates, masks): vectorized like gen/'s kernels.
$(BUILD)/sim/train/mlp_fp32.o $(BUILD)/sim/train/mlp_fixed.o: CFLAGS += -O3 -ffp-contract=off

esrutrain: $(BUILD)/sim/train/train_main.o $(TRAIN_LIB) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
$(BUILD)/asan/esrutrain: $(BUILD)/asan/sim/train/train_main.o $(TRAIN_LIB_ASAN) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(LDLIBS)

# Rounding comparison over seeds (reduced budget, < 1 hour on 2 cores).
.PHONY: accuracy accuracy-lanes test-train test-train-asan bench-train
ACC_MODEL = $(if $(MODEL),$(MODEL),mlp)
accuracy: esrutrain esrugen
	@./esrugen vars accuracy MODEL='$(ACC_MODEL)' >/dev/null
	MODEL='$(ACC_MODEL)' sh sim/train/accuracy.sh

# The robustness matrix: every design at lane counts 1..64 (resumable; hours).
LANESREP := $(BUILD)/lanesrep
$(LANESREP): $(BUILD)/sim/train/lanes_report.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
LANES_OUT ?= $(OUT)/lanes
LANES_JOBS ?= 1
accuracy-lanes: esrutrain $(LANESREP)
	@mkdir -p $(LANES_OUT)
	sh sim/train/lanes_plan.sh > $(LANES_OUT)/plan.txt
	sh sim/train/lanes_run.sh $(LANES_OUT)/plan.txt $(LANES_OUT)/runs $(LANES_JOBS)
	$(LANESREP) $(LANES_OUT)/plan.txt $(LANES_OUT)/runs $(OUT)/reports/accuracy-lanes
# The report on hand-written results with worked-out answers.
.PHONY: test-lanesrep
test: test-lanesrep
test-lanesrep: $(LANESREP)
	sh tests/test_lanesrep.sh $(LANESREP)

# Tests (cmocka): plain and with AddressSanitizer + UBSan.
$(BUILD)/tests/test_train: $(BUILD)/tests/test_train.o $(TRAIN_LIB) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
$(BUILD)/asan/tests/test_train: $(BUILD)/asan/tests/test_train.o $(TRAIN_LIB_ASAN) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# The IDX loader's tests (generated bad files), plain and sanitized.
$(BUILD)/tests/test_idx: $(BUILD)/tests/test_idx.o $(TRAIN_LIB) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
$(BUILD)/asan/tests/test_idx: $(BUILD)/asan/tests/test_idx.o $(TRAIN_LIB_ASAN) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
.PHONY: test-idx
test: test-idx
test-idx: $(BUILD)/tests/test_idx $(BUILD)/asan/tests/test_idx
	$(BUILD)/tests/test_idx
	$(ASAN_ENV) $(BUILD)/asan/tests/test_idx
test: test-train test-train-asan
test-train: $(BUILD)/tests/test_train
	$<
test-train-asan: $(BUILD)/asan/tests/test_train
	$(ASAN_ENV) $<

# The convolutional layers' tests (tests/test_cnn.c), plain and sanitized.
$(BUILD)/tests/test_cnn: $(BUILD)/tests/test_cnn.o $(TRAIN_LIB) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
$(BUILD)/asan/tests/test_cnn: $(BUILD)/asan/tests/test_cnn.o $(TRAIN_LIB_ASAN) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
.PHONY: test-cnn
test: test-cnn
test-cnn: $(BUILD)/tests/test_cnn $(BUILD)/asan/tests/test_cnn
	$(BUILD)/tests/test_cnn
	$(ASAN_ENV) $(BUILD)/asan/tests/test_cnn
