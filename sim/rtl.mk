# The generated MAC array under Verilator (issue 4): the MAC check in
# `make test` and the training simulation `make sim`.
RTL_HDRS := $(wildcard sim/rtl/*.h sim/rtl/*.cpp sim/rtl/build.sh)

# Trainer objects for the C++ harnesses (the C model backend included).
$(BUILD)/libtrain.a: $(TRAIN_OBJS)
	$(AR) rcs $@ $^

MAC_DEPS := esrugen $(LIB) $(BUILD)/libtrain.a $(RTL_HDRS)

# Each check: a generated array, its SRU flags for the model, and (negative
# checks) model flags that differ from the RTL, which must be caught.
MAC_CHECK_DIR := $(BUILD)/mac_check
.PHONY: test-mac
test: test-mac
test-mac: $(MAC_DEPS)
	@set -e; \
	sim/rtl/build.sh $(MAC_CHECK_DIR)/a mac_check "--array 4x4 --lanes 4"; \
	$(MAC_CHECK_DIR)/a/mac_check --rounds 12; \
	sim/rtl/build.sh $(MAC_CHECK_DIR)/b mac_check "--array 3x5 --lanes 4 --acc-width 16 --rounding rne --seed 9"; \
	$(MAC_CHECK_DIR)/b/mac_check --rounding rne --seed 9 --rounds 12; \
	sim/rtl/build.sh $(MAC_CHECK_DIR)/c mac_check "--array 8x8 --prng pair --fill half --sru-width 4 --prng-width 2 --seed 77"; \
	$(MAC_CHECK_DIR)/c/mac_check --prng pair --fill half --sru-width 4 --prng-width 2 --seed 77 --rounds 8; \
	sim/rtl/build.sh $(MAC_CHECK_DIR)/d mac_check "--array 2x7 --lanes 3 --prng lfsr --sru-width 24 --prng-width 24 --operand-width 16 --weight-width 16 --grad-width 16 --acc-width 40"; \
	$(MAC_CHECK_DIR)/d/mac_check --prng lfsr --sru-width 24 --prng-width 24 --rounds 8; \
	for v in a b c d; do ln -sfn rtl $(MAC_CHECK_DIR)/$$v/mac; \
	    tests/equiv/lint.sh mac $(MAC_CHECK_DIR)/$$v $(MAC_CHECK_DIR)/$$v/lint || exit 1; done; \
	echo "mac lint: 4 arrays clean under verilator -Wall, iverilog -Wall and yosys (no latch, no width warning)"; \
	echo "mac negative checks: the comparison must fail when the RTL and the model differ"; \
	if $(MAC_CHECK_DIR)/b/mac_check --rounding sr --seed 9 --rounds 2 2>$(MAC_CHECK_DIR)/neg1.txt; then \
	    echo "FAIL: rne RTL accepted as sr"; exit 1; fi; grep MISMATCH $(MAC_CHECK_DIR)/neg1.txt; \
	if $(MAC_CHECK_DIR)/c/mac_check --prng pair --fill half --sru-width 4 --prng-width 2 --seed 78 --rounds 2 2>$(MAC_CHECK_DIR)/neg2.txt; then \
	    echo "FAIL: seed 77 RTL accepted as seed 78"; exit 1; fi; grep MISMATCH $(MAC_CHECK_DIR)/neg2.txt; \
	echo "mac negative: 2 passed, 0 failed"

# `make sim`: training steps through the generated array, bit-exact against
# the reference trainer. Variables select the design and the run.
ARRAY    ?= 8x8
SRU      ?= 8/3
PRNG     ?= plateau
FILL     ?= zero
ROUNDING ?= sr
WEIGHT   ?= 8
SEED     ?= 1
STEPS    ?= 300
TRACE    ?= 0
LANES    ?= $(word 2,$(subst x, ,$(ARRAY)))
SIM_ARGS ?=
sim_n     = $(word 1,$(subst /, ,$(SRU)))
sim_m     = $(word 2,$(subst /, ,$(SRU)))
sim_opw   = $(if $(filter 1,$(shell [ $(WEIGHT) -gt 8 ] && echo 1)),$(WEIGHT),8)
SIM_SRU   = --rounding $(ROUNDING) --sru-width $(sim_n) --prng-width $(sim_m) --prng $(PRNG) --fill $(FILL) \
            --lanes $(LANES) --seed $(SEED)
SIM_RTL   = --array $(ARRAY) --operand-width $(sim_opw) --weight-width $(WEIGHT) --grad-width $(WEIGHT) $(SIM_SRU)
SIM_DIR   = $(OUT)/sim/$(subst /,_,$(ARRAY)_$(ROUNDING)$(SRU)_$(PRNG)_$(FILL)_L$(LANES)_w$(WEIGHT)_s$(SEED))$(if $(filter 1,$(TRACE)),_trace)

.PHONY: sim test-sim bench-sim
sim: $(MAC_DEPS)
	@sim/rtl/build.sh $(SIM_DIR) sim_main "$(SIM_RTL)" $(TRACE)
	$(SIM_DIR)/sim_main --steps $(STEPS) $(SIM_SRU) --weight-width $(WEIGHT) \
	    $(if $(filter 1,$(TRACE)),--trace $(SIM_DIR)/trace.fst) $(SIM_ARGS)
	@$(if $(filter 1,$(TRACE)),echo "waveform: $(SIM_DIR)/trace.fst (gtkwave)")

# In make test: a short bit-exact run on a small array and a smaller net, and
# the negative check: an RTL built with another seed must be caught.
SIM_TEST_DIR := $(BUILD)/sim_test
SIM_TEST_SRU := --sru-width 8 --prng-width 3 --prng plateau --lanes 4
test: test-sim
test-sim: $(MAC_DEPS)
	@sim/rtl/build.sh $(SIM_TEST_DIR) sim_main "--array 4x4 $(SIM_TEST_SRU) --seed 5"
	$(SIM_TEST_DIR)/sim_main --steps 30 $(SIM_TEST_SRU) --seed 5 --hidden 48,24 --batch 16 --test-limit 500
	@echo "sim negative check: RTL seeded 5, model seeded 6: the comparison must fail"
	@if $(SIM_TEST_DIR)/sim_main --steps 3 $(SIM_TEST_SRU) --seed 6 --hidden 48,24 --batch 16 --test-limit 100 \
	    >$(SIM_TEST_DIR)/neg.txt 2>&1; then echo "FAIL: a wrongly seeded RTL passed"; exit 1; fi
	@grep MISMATCH $(SIM_TEST_DIR)/neg.txt && echo "sim negative: 1 passed, 0 failed"

# Simulation throughput for three array sizes.
bench: bench-sim
bench-sim: $(MAC_DEPS)
	@mkdir -p $(OUT)/reports
	sh sim/rtl/bench.sh $(OUT)/reports/bench-sim.md
