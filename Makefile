# esrugen: top-level build. Each area adds its targets in its own fragment.
CC      ?= gcc
CXX     ?= g++
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Igen -Ibuild
LDLIBS  += -lm
BUILD   := build
OUT     := out

.PHONY: all run test bench clean distclean synth sim accuracy explore deps formal
all: esrugen

# The main job: the default ESRU (8/3 plateau) generated, analysed and synthesized.
run: deps all
	./esrugen -o $(OUT)/esru
	./esrugen analyze | tee $(OUT)/esru/analysis.txt
	$(MAKE) -j$$(nproc) synth

# The C model + generator library: everything in gen/ except the CLI entry.
LIB_SRCS := $(filter-out gen/main.c,$(wildcard gen/*.c))
LIB_OBJS := $(LIB_SRCS:gen/%.c=$(BUILD)/gen/%.o)
LIB      := $(BUILD)/libesru.a
TEMPLATES := $(sort $(wildcard templates/*.v.in))

$(BUILD)/gen/%.o: gen/%.c $(wildcard gen/*.h) $(BUILD)/templates.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	$(AR) rcs $@ $^

# Templates are embedded into the binary so esrugen runs from anywhere.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $< -o $@
$(BUILD)/templates.h: $(BUILD)/embed $(TEMPLATES)
	$(BUILD)/embed $(TEMPLATES) > $@.tmp && mv $@.tmp $@

esrugen: $(BUILD)/gen/main.o $(LIB)
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

deps:
	@tools/install-deps.sh

clean:
	rm -rf $(BUILD) esrugen esrutrain
distclean: clean
	rm -rf $(OUT)/*

# Every area adds its test groups as prerequisites of `test`; the model's come first.
test: deps test-model test-asan test-cli
	@echo "groups: $(words $(filter-out deps,$^)) passed, 0 failed"

-include sim/sim.mk
-include sim/rtl.mk
-include synth/synth.mk
-include tests/tests.mk
-include tests/equiv.mk
-include tests/mac_icarus.mk
-include tests/formal.mk
-include sim/explore.mk
