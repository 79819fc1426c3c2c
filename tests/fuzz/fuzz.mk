# tests/fuzz/: make fuzz. clang libFuzzer harnesses, one file each
# (tests/fuzz/fuzz_NAME.c) with its seed corpus in tests/fuzz/corpus/NAME/.
# Every harness links the library, trainer and report code, so a new harness
# is one .c file and a corpus folder. make fuzz FUZZ_SECONDS=600 runs each
# that long, one at a time. Not part of make test. Objects track their headers
# (-MMD): a stale object once read a grown struct as the old size.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ         := $(BUILD)/fuzz
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = -g -O1 $(CSTD) $(WARN) -I. -Igen -I$(BUILD) $(CJSON_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -DESRU_NO_CLONES
FUZZ_SRCS    := $(LIB_SRCS) $(TRAIN_SRCS) $(filter-out synth/main.c,$(wildcard synth/*.c))
FUZZ_OBJS    := $(patsubst %.c,$(FUZZ)/obj/%.o,$(FUZZ_SRCS))

$(FUZZ)/obj/%.o: %.c $(BUILD)/templates.h | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -c $< -o $@
$(FUZZ)/libfuzzee.a: $(FUZZ_OBJS)
	$(AR) rcs $@ $^
$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ)/libfuzzee.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ)/libfuzzee.a -o $@ $(LDLIBS)

.PHONY: fuzz fuzz-deps
# clang and libFuzzer are only needed here: the install script adds them on demand.
fuzz-deps:
	@command -v $(FUZZ_CC) >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] \
	    || tools/install-deps.sh --fuzz
fuzz: $(FUZZ_NAMES:%=$(FUZZ)/fuzz_%) ## libFuzzer harnesses: flags, IDX loader, manifest and stat readers
	@tests/fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS) $(FUZZ_NAMES)
