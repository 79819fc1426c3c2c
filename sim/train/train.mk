# sim/train/: the C reference trainer esrutrain (data, MLP, training loop, CLI).
TRAIN_SRCS := $(filter-out sim/train/train_main.c,$(sort $(wildcard sim/train/*.c)))
TRAIN_LIB  := $(BUILD)/libtrain.a
TRAIN_LIB_ASAN := $(BUILD)/asan/libtrain.a

$(TRAIN_LIB): $(TRAIN_SRCS:%.c=$(BUILD)/%.o)
	$(AR) rcs $@ $^
$(TRAIN_LIB_ASAN): $(TRAIN_SRCS:%.c=$(BUILD)/asan/%.o)
	$(AR) rcs $@ $^

# The steps' own element loops (updates, masks): vectorized like gen/'s kernels.
$(BUILD)/sim/train/mlp_fp32.o $(BUILD)/sim/train/mlp_fixed.o: CFLAGS += -O3 -ffp-contract=off

esrutrain: $(BUILD)/sim/train/train_main.o $(TRAIN_LIB) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

# Rounding comparison over seeds (reduced budget, < 1 hour on 2 cores).
.PHONY: accuracy test-train test-train-asan
accuracy: esrutrain
	sh sim/train/accuracy.sh

# Tests (cmocka): plain and with AddressSanitizer + UBSan.
$(BUILD)/tests/test_train: $(BUILD)/tests/test_train.o $(TRAIN_LIB) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
$(BUILD)/asan/tests/test_train: $(BUILD)/asan/tests/test_train.o $(TRAIN_LIB_ASAN) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

test: test-train test-train-asan
test-train: $(BUILD)/tests/test_train
	$<
test-train-asan: $(BUILD)/asan/tests/test_train
	$(ASAN_ENV) $<
