# The generated MAC array under Icarus Verilog (issue 4), beside the Verilator
# checks of sim/rtl.mk: tests/mac_icarus/stim.c writes stimulus and expected
# outputs from the C model (kern_int, fx_backend_c), tb_mac.v replays them
# under `iverilog -Wall -g2005`, run.sh adds two negative checks.
# Outputs under build/mac_icarus/ only.
ifndef MAC_ICARUS_MK
MAC_ICARUS_MK := 1

MAC_ICARUS_DIR := $(BUILD)/mac_icarus

.PHONY: test-mac-icarus
test: test-mac-icarus

$(MAC_ICARUS_DIR)/stim: tests/mac_icarus/stim.c $(LIB) $(BUILD)/libtrain.a $(wildcard sim/train/*.h gen/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isim/train $< $(BUILD)/libtrain.a $(LIB) -o $@ $(LDLIBS)

test-mac-icarus: esrugen $(LIB) $(BUILD)/libtrain.a $(MAC_ICARUS_DIR)/stim tests/mac_icarus/tb_mac.v tests/mac_icarus/run.sh
	@sh tests/mac_icarus/run.sh ./esrugen $(MAC_ICARUS_DIR)/stim $(MAC_ICARUS_DIR)

endif
