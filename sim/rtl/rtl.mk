# The generated MAC array under Verilator (issue 4): the MAC check in
# `make test` and the training simulation `make sim`.
RTL_HDRS := $(wildcard sim/rtl/*.h sim/rtl/*.cpp sim/rtl/build.sh)

MAC_DEPS := esrugen $(LIB) $(TRAIN_LIB) $(RTL_HDRS)

# Each check: a generated array; the harness takes the design from its
# manifest. Negative checks: a model made to differ (--break-model) must be caught.
MAC_CHECK_DIR := $(BUILD)/mac_check
MAC_CHECKS := "a|--array 4x4 --lanes 4|12" \
    "b|--array 3x5 --lanes 4 --acc-width 16 --rounding rne --seed 9|12" \
    "c|--array 8x8 --prng pair --fill half --sru-width 4 --prng-width 2 --seed 77|8" \
    "d|--array 2x7 --lanes 3 --prng lfsr --sru-width 24 --prng-width 24 --operand-width 16 --weight-width 16 --grad-width 16 --acc-width 40|8" \
    "e|--array 4x4 --lanes 4 --prng shared --fill half|6" \
    "p1|--array 4x4 --lanes 4 --prng shared --fill half --pipeline 1|6" \
    "p2|--array 3x5 --lanes 4 --acc-width 16 --rounding rne --seed 9 --pipeline 2|6"
.PHONY: test-mac
test: test-mac
test-mac: $(MAC_DEPS)
	@set -e; for c in $(MAC_CHECKS); do \
	    v=$${c%%|*}; rest=$${c#*|}; flags=$${rest%|*}; rounds=$${rest##*|}; \
	    sim/rtl/build.sh $(MAC_CHECK_DIR)/$$v mac_check "$$flags"; \
	    $(MAC_CHECK_DIR)/$$v/mac_check --manifest $(MAC_CHECK_DIR)/$$v/rtl/mac.json --rounds $$rounds; \
	    ln -sfn rtl $(MAC_CHECK_DIR)/$$v/mac; \
	    tests/equiv/lint.sh mac $(MAC_CHECK_DIR)/$$v $(MAC_CHECK_DIR)/$$v/lint || exit 1; done; \
	echo "mac lint: 7 arrays clean under verilator -Wall, iverilog -Wall and yosys (no latch, no width warning)"; \
	for e in 1 2; do $(MAC_CHECK_DIR)/a/mac_check --manifest $(MAC_CHECK_DIR)/a/rtl/mac.json --rounds 12 \
	    --evals-per-cycle $$e | sed 's/ ([0-9] evaluations* per cycle)//' >$(MAC_CHECK_DIR)/a_evals$$e.txt || exit 1; done; \
	cmp -s $(MAC_CHECK_DIR)/a_evals1.txt $(MAC_CHECK_DIR)/a_evals2.txt || { echo "FAIL: 1 and 2 evaluations per cycle differ"; exit 1; }; \
	echo "mac: array a with one and with two Verilator evaluations per cycle: every element equals the model in both, in the same cycles"; \
	echo "mac negative checks: the comparison must fail when the RTL and the model differ"; \
	if $(MAC_CHECK_DIR)/b/mac_check --manifest $(MAC_CHECK_DIR)/b/rtl/mac.json --break-model rounding --rounds 2 \
	    2>$(MAC_CHECK_DIR)/neg1.txt; then echo "FAIL: rne RTL accepted as sr"; exit 1; fi; grep MISMATCH $(MAC_CHECK_DIR)/neg1.txt; \
	if $(MAC_CHECK_DIR)/c/mac_check --manifest $(MAC_CHECK_DIR)/c/rtl/mac.json --break-model seed --rounds 2 \
	    2>$(MAC_CHECK_DIR)/neg2.txt; then echo "FAIL: seed 77 RTL accepted as seed 78"; exit 1; fi; grep MISMATCH $(MAC_CHECK_DIR)/neg2.txt; \
	if $(MAC_CHECK_DIR)/p1/mac_check --manifest $(MAC_CHECK_DIR)/p1/rtl/mac.json --break-model pipeline --rounds 2 \
	    2>$(MAC_CHECK_DIR)/neg3.txt; then echo "FAIL: --pipeline 1 RTL accepted with the P = 0 schedule"; exit 1; fi; \
	grep MISMATCH $(MAC_CHECK_DIR)/neg3.txt; \
	if $(MAC_CHECK_DIR)/p2/mac_check --manifest $(MAC_CHECK_DIR)/p2/rtl/mac.json --break-model pipeline --rounds 2 \
	    2>$(MAC_CHECK_DIR)/neg4.txt; then echo "FAIL: --pipeline 2 RTL accepted with the P = 1 schedule"; exit 1; fi; \
	grep MISMATCH $(MAC_CHECK_DIR)/neg4.txt; \
	echo "mac negative: 4 passed, 0 failed"

# `make sim`: training steps through the generated array, bit-exact against
# the reference trainer. Variables select the design and the run; they are
# checked by the flag table (esrugen vars) before anything runs.
ARRAY    ?= 8x8
SRU      ?= 8/3
PRNG     ?= shared
FILL     ?= half
ROUNDING ?= sr
WEIGHT   ?= 8
SEED     ?= 1
STEPS    ?= 300
MODEL    ?= mlp
CHECK_EVERY ?= 1
TRACE    ?= 0
LANES    ?= $(word 2,$(subst x, ,$(ARRAY)))
PIPELINE ?= 0
PRNG_REG ?= 0
SIM_ARGS ?=
SIM_VARS  = ARRAY='$(ARRAY)' SRU='$(SRU)' PRNG='$(PRNG)' FILL='$(FILL)' ROUNDING='$(ROUNDING)' WEIGHT='$(WEIGHT)' \
            LANES='$(LANES)' PIPELINE='$(PIPELINE)' PRNG_REG='$(PRNG_REG)' SEED='$(SEED)' STEPS='$(STEPS)' MODEL='$(MODEL)' CHECK_EVERY='$(CHECK_EVERY)' TRACE='$(TRACE)' \
            SIM_ARGS='$(SIM_ARGS)'
SIM_DIR   = $(OUT)/sim/$(subst /,_,$(ARRAY)_$(ROUNDING)$(SRU)_$(PRNG)_$(FILL)_L$(LANES)_w$(WEIGHT)_s$(SEED))$(if $(filter-out 0,$(PIPELINE)),_p$(PIPELINE))$(if $(filter-out 0,$(PRNG_REG)),_preg)$(if $(filter 1,$(TRACE)),_trace)

.PHONY: sim test-sim bench-sim
sim: $(MAC_DEPS) ## train through the generated MAC array (Verilator), bit-exact against the C trainer
	@./esrugen vars sim $(SIM_VARS) >/dev/null
	@opw=8; [ $(WEIGHT) -gt 8 ] && opw=$(WEIGHT); \
	sim/rtl/build.sh $(SIM_DIR) sim_main "--array $(ARRAY) --operand-width $$opw --weight-width $(WEIGHT) \
	    --grad-width $(WEIGHT) --rounding $(ROUNDING) --sru-width $(word 1,$(subst /, ,$(SRU))) \
	    --prng-width $(word 2,$(subst /, ,$(SRU))) --prng $(PRNG) --fill $(FILL) --lanes $(LANES) --seed $(SEED)$(if $(filter-out 0,$(PIPELINE)), --pipeline $(PIPELINE))$(if $(filter-out 0,$(PRNG_REG)), --prng-reg $(PRNG_REG))" $(TRACE)
	$(SIM_DIR)/sim_main --manifest $(SIM_DIR)/rtl/mac.json --model $(MODEL) --steps $(STEPS) --check-every $(CHECK_EVERY) \
	    $(if $(filter 1,$(TRACE)),--trace $(SIM_DIR)/trace.fst) $(SIM_ARGS)
	@$(if $(filter 1,$(TRACE)),echo "waveform: $(SIM_DIR)/trace.fst (gtkwave)")

# In make test: a short bit-exact run on a small array and a smaller net, and
# the negative check: a model seeded differently from the RTL must be caught.
SIM_TEST_DIR := $(BUILD)/sim_test
test: test-sim
test-sim: $(MAC_DEPS)
	@sim/rtl/build.sh $(SIM_TEST_DIR) sim_main "--array 4x4 --sru-width 8 --prng-width 3 --prng plateau --lanes 4 --seed 5"
	$(SIM_TEST_DIR)/sim_main --manifest $(SIM_TEST_DIR)/rtl/mac.json --steps 30 --hidden 48,24 --batch 16 --test-limit 500
	@echo "sim negative check: RTL seeded 5, model seeded 6: the comparison must fail"
	@if $(SIM_TEST_DIR)/sim_main --manifest $(SIM_TEST_DIR)/rtl/mac.json --break-model seed --steps 3 --hidden 48,24 \
	    --batch 16 --test-limit 100 >$(SIM_TEST_DIR)/neg.txt 2>&1; then echo "FAIL: a wrongly seeded RTL passed"; exit 1; fi
	@grep MISMATCH $(SIM_TEST_DIR)/neg.txt
	@echo "sim: every 7th operation checked; the unchecked ones still keep the trainers equal after every step"
	@$(SIM_TEST_DIR)/sim_main --manifest $(SIM_TEST_DIR)/rtl/mac.json --check-every 7 --steps 10 --hidden 48,24 \
	    --batch 16 --test-limit 100 >$(SIM_TEST_DIR)/every7.txt 2>&1 || { cat $(SIM_TEST_DIR)/every7.txt; exit 1; }
	@grep -E "^(model checks|weight hash|sim: [0-9]+ passed)" $(SIM_TEST_DIR)/every7.txt
	@echo "sim negative check: only the first operation checked (it is a GEMM, which the seed does not touch): the per-step comparison must fail"
	@if $(SIM_TEST_DIR)/sim_main --manifest $(SIM_TEST_DIR)/rtl/mac.json --break-model seed --check-every 1000000 --steps 3 \
	    --hidden 48,24 --batch 16 --test-limit 100 >$(SIM_TEST_DIR)/neg2.txt 2>&1; then echo "FAIL: a wrongly seeded RTL passed"; exit 1; fi
	@grep "MISMATCH after step" $(SIM_TEST_DIR)/neg2.txt && echo "sim negative: 2 passed, 0 failed"
	@echo "sim: LeNet (conv, pool, fc) through the same array, a few steps, and its negative check"
	@$(SIM_TEST_DIR)/sim_main --manifest $(SIM_TEST_DIR)/rtl/mac.json --model lenet --steps 3 --batch 4 \
	    --test-limit 100 >$(SIM_TEST_DIR)/lenet.txt 2>&1 || { cat $(SIM_TEST_DIR)/lenet.txt; exit 1; }
	@grep -E "^(mismatches|  conv|weight hash|sim: [0-9]+ passed)" $(SIM_TEST_DIR)/lenet.txt
	@if $(SIM_TEST_DIR)/sim_main --manifest $(SIM_TEST_DIR)/rtl/mac.json --model lenet --break-model seed --steps 2 \
	    --batch 4 --test-limit 100 >$(SIM_TEST_DIR)/lenet_neg.txt 2>&1; then echo "FAIL: a wrongly seeded RTL passed LeNet"; exit 1; fi
	@grep -m1 MISMATCH $(SIM_TEST_DIR)/lenet_neg.txt && echo "sim lenet negative: 1 passed, 0 failed"

# Simulation throughput for three array sizes.
bench: bench-sim
bench-sim: $(MAC_DEPS) ## array simulation speed, 4x4, 8x8 and 16x16 (M cycles/s)
	@mkdir -p $(OUT)/reports
	sh sim/rtl/bench.sh $(OUT)/reports/bench-sim.md
