# esrutrain: the C reference trainer (issue 3). Included by the top Makefile.
TRAIN_SRCS := $(filter-out sim/train/train_main.c,$(wildcard sim/train/*.c))
TRAIN_OBJS := $(TRAIN_SRCS:sim/train/%.c=$(BUILD)/train/%.o)
TRAIN_HDRS := $(wildcard sim/train/*.h) $(wildcard gen/*.h)
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
