# RTL-equals-model tests (issue 2): tests/equiv/README.md describes them.
# Included by the top Makefile: make test-equiv (or make test).
#
#   test-equiv-gen        esrugen every config of tests/equiv/configs.txt
#   test-equiv-lint       verilator --lint-only -Wall, iverilog -Wall, yosys synth: all clean
#   test-equiv-verilator  one Verilator build of all configs, compared every cycle with esru_unit
#   test-equiv-icarus     a subset replayed under Icarus from model-generated vectors
#   test-equiv-selfcheck  a deliberately wrong model must be caught
test: test-equiv

EQ          ?= $(BUILD)/equiv
EQ_SRC      := tests/equiv
EQ_CONFIGS  ?= $(EQ_SRC)/configs.txt
EQ_CYCLES   ?= 200000
EQ_SEED     ?= 1
EQ_HARNESS_FLAGS ?=
EQ_JOBS     ?= 2
EQ_ICARUS   ?= e_lfsr_e e_inv_c e_plat_b e_pair_d e_sl_g e_sh_a e_sh_e e_ext_n32 e_rne_a e_rne_d e_tr_b e_shr_a e_p1_sh e_p2_plat e_p2_ext e_p2_rne
EQ_ICARUS_CYCLES ?= 20000
EQ_ABS      := $(abspath .)

.PHONY: test-equiv test-equiv-gen test-equiv-lint test-equiv-verilator test-equiv-icarus test-equiv-selfcheck

$(EQ)/libeqtest.a: $(BUILD)/tests/equiv/cfgline.o $(BUILD)/tests/equiv/stim.o
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(EQ)/eqgen: $(BUILD)/tests/equiv/eqgen.o $(EQ)/libeqtest.a $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

# Every phase runs (make -k) even when an earlier one fails, so one bad config
# in lint does not hide the simulation results; any failure fails test-equiv.
test-equiv:
	@$(MAKE) --no-print-directory -k -f $(firstword $(MAKEFILE_LIST)) test-equiv-verilator \
	    test-equiv-icarus test-equiv-selfcheck test-equiv-lint \
	    || { echo "test-equiv: FAILED (see above)"; exit 1; }
	@echo "test-equiv: all passed"

test-equiv-gen: esrugen $(EQ)/eqgen
	@$(EQ_SRC)/gen.sh ./esrugen $(EQ)/eqgen $(EQ_CONFIGS) $(EQ)/rtl $(EQ)

test-equiv-lint: test-equiv-gen
	@rm -rf $(EQ)/lint
	@cut -d' ' -f1 $(EQ)/list.txt | xargs -P $(EQ_JOBS) -I{} $(EQ_SRC)/lint.sh {} $(EQ)/rtl $(EQ)/lint \
	    > $(EQ)/lint.txt; rc=$$?; \
	grep -v '^ok' $(EQ)/lint.txt; \
	echo "lint: $$(grep -c '^ok' $(EQ)/lint.txt) of $$(wc -l < $(EQ)/list.txt) configs clean (logs: $(EQ)/lint/)"; \
	exit $$rc

# One build for all configs. Verilator skips identical inputs, and gen.sh /
# eqgen keep file times of unchanged outputs, so reruns are cheap.
# Verilator's own make relinks only for its own inputs: the binary is removed
# first, so a changed model library (libesru.a) is always linked in. The
# library uses OpenMP (the kernels' threads), hence $(OPENMP) at the link.
$(EQ)/vobj/Vequiv: test-equiv-gen $(EQ)/libeqtest.a $(LIB) $(EQ_SRC)/harness.cpp
	@echo "verilator: building all configs in one model (log: $(EQ)/verilator.log)"
	@rm -f $@
	@verilator --cc --exe --build -O2 -j $(EQ_JOBS) -Wall -Wno-fatal --top-module equiv_top \
	    -Mdir $(EQ)/vobj -o Vequiv \
	    -CFLAGS "-I$(abspath .) -I$(abspath gen) -I$(abspath $(BUILD)) -I$(abspath $(EQ_SRC)) -I$(abspath $(EQ))" \
	    -f $(EQ)/files.f $(EQ)/equiv_top.v $(abspath $(EQ_SRC))/harness.cpp \
	    $(abspath $(EQ))/libeqtest.a $(abspath $(LIB)) -LDFLAGS "$(CJSON_LIBS) -lz -lm $(OPENMP)" > $(EQ)/verilator.log 2>&1 \
	    || { tail -20 $(EQ)/verilator.log; exit 1; }
	@! grep -E -A3 '^%(Warning|Error).*(equiv_top\.v|harness)' $(EQ)/verilator.log

test-equiv-verilator: $(EQ)/vobj/Vequiv
	$(EQ)/vobj/Vequiv --cycles $(EQ_CYCLES) --seed $(EQ_SEED) $(EQ_HARNESS_FLAGS)

test-equiv-icarus: test-equiv-gen
	@rc=0; for n in $(EQ_ICARUS); do \
	    $(EQ_SRC)/icarus.sh $(EQ)/eqgen $(EQ_CONFIGS) $(EQ)/rtl $(EQ)/icarus $$n $(EQ_ICARUS_CYCLES) $(EQ_SEED) || rc=1; \
	done; exit $$rc

test-equiv-selfcheck: $(EQ)/vobj/Vequiv
	@$(EQ_SRC)/selfcheck.sh $(EQ)/vobj/Vequiv
	@$(EQ_SRC)/icarus.sh $(EQ)/eqgen $(EQ_CONFIGS) $(EQ)/rtl $(EQ)/icarus e_pair_a 2000 $(EQ_SEED) 1234
