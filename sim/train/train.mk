# sim/train/: the C reference trainer esrutrain (data, MLP and LeNet, training loop, CLI).
TRAIN_SRCS := $(filter-out sim/train/train_main.c sim/train/lanes_report.c sim/train/accuracy_report.c sim/train/run_results.c,$(sort $(wildcard sim/train/*.c)))

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
ACC_NAME = $(if $(filter mlp,$(ACC_MODEL)),accuracy,accuracy-$(ACC_MODEL))
ACC_OUT ?= $(OUT)/accuracy/$(ACC_MODEL)
ACC_JOBS ?= 1
ACC_TITLE_mlp = MLP 784-256-128-10
ACC_TITLE_lenet = LeNet-5 (--model lenet): conv 5x5x6, pool, conv 5x5x16, pool, fc 256-120-84-10
ACCREP := $(BUILD)/accrep
$(ACCREP): $(BUILD)/sim/train/accuracy_report.o $(BUILD)/sim/train/run_results.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
# A fixed plan (sim/train/accuracy_plan.sh) through the runner of the robustness
# matrix: results are reused while esrutrain and the flags are the same; the
# table is published as one set in out/reports/$(ACC_NAME)/.
accuracy: esrutrain esrugen $(ACCREP) ## the accuracy table: designs x weight widths x seeds (out/reports/accuracy)
	@./esrugen vars accuracy MODEL='$(ACC_MODEL)' ACC_JOBS='$(ACC_JOBS)' $(if $(SEEDS),SEEDS='$(SEEDS)') \
	    $(if $(WIDTHS),WIDTHS='$(WIDTHS)') >/dev/null
	@e=$$(./esrutrain $$(MODEL='$(ACC_MODEL)' sh sim/train/accuracy_plan.sh --budget) --bias-check-only --quiet 2>&1 >/dev/null) || \
	    { echo "make accuracy: COMMON='$(COMMON)': $${e#esrutrain: }" >&2; exit 2; }
	@mkdir -p $(ACC_OUT)
	MODEL='$(ACC_MODEL)' sh sim/train/accuracy_plan.sh > $(ACC_OUT)/plan.txt
	sh sim/train/plan_run.sh $(ACC_OUT)/plan.txt $(ACC_OUT)/runs $(ACC_JOBS)
	$(ACCREP) --title '$(ACC_TITLE_$(ACC_MODEL))' --budget "$$(MODEL='$(ACC_MODEL)' sh sim/train/accuracy_plan.sh --budget)" \
	    --name $(ACC_NAME) $(ACC_OUT)/plan.txt $(ACC_OUT)/runs $(OUT)/reports/$(ACC_NAME)

# The robustness matrix: every design at lane counts 1..64 (resumable; hours).
LANESREP := $(BUILD)/lanesrep
$(LANESREP): $(BUILD)/sim/train/lanes_report.o $(BUILD)/sim/train/run_results.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
# MODEL=lenet: LeNet's matrix (out/lanes/lenet, out/reports/accuracy-lanes-lenet/).
LANES_NAME = $(if $(filter mlp,$(ACC_MODEL)),accuracy-lanes,accuracy-lanes-$(ACC_MODEL))
LANES_OUT ?= $(OUT)/lanes$(if $(filter mlp,$(ACC_MODEL)),,/$(ACC_MODEL))
LANES_JOBS ?= 1
LANES_COMMON = --epochs 3 --train-limit 20000 --test-limit 5000$(if $(filter mlp,$(ACC_MODEL)),, --model $(ACC_MODEL))
accuracy-lanes: esrutrain esrugen $(LANESREP) ## the robustness matrix: every design at 1..64 lanes (out/reports/accuracy-lanes)
	@./esrugen vars accuracy MODEL='$(ACC_MODEL)' LANES_JOBS='$(LANES_JOBS)' $(if $(SEEDS),SEEDS='$(SEEDS)') \
	    $(if $(WEIGHTS),WEIGHTS='$(WEIGHTS)') $(if $(LANES),LANES='$(LANES)') $(if $(LANES4),LANES4='$(LANES4)') >/dev/null
	@mkdir -p $(LANES_OUT)
	COMMON='$(LANES_COMMON)' sh sim/train/lanes_plan.sh > $(LANES_OUT)/plan.txt
	sh sim/train/plan_run.sh $(LANES_OUT)/plan.txt $(LANES_OUT)/runs $(LANES_JOBS)
	$(LANESREP) --title '$(ACC_TITLE_$(ACC_MODEL))' --budget '$(LANES_COMMON)' --name $(LANES_NAME) \
	    $(LANES_OUT)/plan.txt $(LANES_OUT)/runs $(OUT)/reports/$(LANES_NAME)
# The report on hand-written results with worked-out answers.
.PHONY: test-lanesrep
test: test-lanesrep
test-lanesrep: $(LANESREP)
	sh tests/test_lanesrep.sh $(LANESREP)
# make accuracy's runner and table on hand-written results with worked-out answers.
.PHONY: test-accrep
test: test-accrep
test-accrep: $(ACCREP)
	sh tests/test_accrep.sh $(ACCREP)

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
