# tests/mac_icarus/: the generated MAC array under Icarus Verilog, beside the
# Verilator checks of sim/rtl: stim.c writes stimulus and expected outputs from
# the C model (the MAC reference in gen/model), tb_mac.v replays them under
# `iverilog -Wall -g2005`, run.sh adds negative checks (corrupted value, wrong seed, wrong latency, bad manifest).
MAC_ICARUS_DIR := $(BUILD)/mac_icarus

.PHONY: test-mac-icarus
test: test-mac-icarus

$(MAC_ICARUS_DIR)/stim: $(BUILD)/tests/mac_icarus/stim.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

test-mac-icarus: esrugen $(MAC_ICARUS_DIR)/stim $(SYNTHREP) tests/mac_icarus/tb_mac.v tests/mac_icarus/run.sh
	@sh tests/mac_icarus/run.sh ./esrugen $(MAC_ICARUS_DIR)/stim $(MAC_ICARUS_DIR) $(SYNTHREP)
