# esrutrain: the C reference trainer (issue 3). Included by the top Makefile.
# Explicit list: other areas may add their own files under sim/.
TRAIN_SRCS := $(addprefix sim/train/,idx.c gzin.c kernels.c quant.c backend_c.c mlp.c mlp_fp32.c mlp_fixed.c train.c train_cli.c json_out.c)
TRAIN_OBJS := $(TRAIN_SRCS:sim/train/%.c=$(BUILD)/train/%.o)
TRAIN_HDRS := $(addprefix sim/train/,idx.h gzin.h kernels.h quant.h mlp.h train.h json_out.h) $(wildcard gen/*.h)
TRAIN_LIBS := -lz -lm

all: esrutrain

$(BUILD)/train/%.o: sim/train/%.c $(TRAIN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isim/train -c $< -o $@

esrutrain: $(BUILD)/train/train_main.o $(TRAIN_OBJS) $(LIB)
	$(CC) $(CFLAGS) $^ -o $@ $(TRAIN_LIBS) $(LDLIBS)

# The matrix kernels are the hot loops of both numerics: let gcc vectorize them
# (the same flags for the fp32 and the integer kernel keep the bench fair).
$(BUILD)/train/kernels.o: CFLAGS += -O3

# Rounding comparison over seeds (reduced budget, < 1 hour on 2 cores).
accuracy: esrutrain
	sh sim/train/accuracy.sh

# Tests (cmocka): plain and with AddressSanitizer + UBSan.
TRAIN_TEST_CFLAGS := $(CFLAGS) -Isim/train $(shell pkg-config --cflags cmocka 2>/dev/null)
TRAIN_TEST_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka) $(TRAIN_LIBS) $(LDLIBS)
ASAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

$(BUILD)/test_train: tests/test_train.c $(TRAIN_OBJS) $(LIB) $(TRAIN_HDRS)
	$(CC) $(TRAIN_TEST_CFLAGS) tests/test_train.c $(TRAIN_OBJS) $(LIB) -o $@ $(TRAIN_TEST_LIBS)

# The sanitized binary compiles the C model files it uses from source too.
TRAIN_MODEL_SRCS := gen/config.c gen/lfsr.c gen/prng.c
$(BUILD)/test_train_asan: tests/test_train.c $(TRAIN_SRCS) $(TRAIN_MODEL_SRCS) $(TRAIN_HDRS)
	@mkdir -p $(BUILD)
	$(CC) $(TRAIN_TEST_CFLAGS) $(ASAN) tests/test_train.c $(TRAIN_SRCS) $(TRAIN_MODEL_SRCS) -o $@ $(TRAIN_TEST_LIBS)

.PHONY: test-train test-train-asan bench-train
test: test-train test-train-asan
test-train: $(BUILD)/test_train
	$(BUILD)/test_train
test-train-asan: $(BUILD)/test_train_asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(BUILD)/test_train_asan

# Training throughput, fp32 vs fixed point with an SRU.
bench: bench-train
bench-train: esrutrain
	sh sim/train/bench.sh
