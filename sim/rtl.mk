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
	echo "mac negative checks: the comparison must fail when the RTL and the model differ"; \
	if $(MAC_CHECK_DIR)/b/mac_check --rounding sr --seed 9 --rounds 2 2>$(MAC_CHECK_DIR)/neg1.txt; then \
	    echo "FAIL: rne RTL accepted as sr"; exit 1; fi; grep MISMATCH $(MAC_CHECK_DIR)/neg1.txt; \
	if $(MAC_CHECK_DIR)/c/mac_check --prng pair --fill half --sru-width 4 --prng-width 2 --seed 78 --rounds 2 2>$(MAC_CHECK_DIR)/neg2.txt; then \
	    echo "FAIL: seed 77 RTL accepted as seed 78"; exit 1; fi; grep MISMATCH $(MAC_CHECK_DIR)/neg2.txt; \
	echo "mac negative: 2 passed, 0 failed"
