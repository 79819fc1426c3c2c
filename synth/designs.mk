# The default `make synth` set: one line per design.
#   $(call synth_sru,NAME,ESRUGEN ARGS)       an esrugen unit (esrugen flags)
#   $(call synth_mac,NAME,COMMAND,BINARY)     a MAC array: COMMAND is run with --name NAME -o NAME appended
#   $(call synth_pending,[mac:]NAME,NOTE)     a row reported as pending (no commas in NOTE)
# Every unit rounds a 32-bit accumulator to 8 bits and discards D = 24 bits, so
# the 24-bit baseline's adder really sees 24 discarded bits (at D = 16 its low
# 8 bits would add zeros and be optimized away: not a real 24-bit SRU).
SYNTH_UNIT := --in-width 32 --out-width 8 --shift 24
$(call synth_sru,sru24_24_lfsr,$(SYNTH_UNIT) --sru-width 24 --prng-width 24 --prng lfsr)
$(call synth_sru,sru8_3_lfsr,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng lfsr)
$(call synth_sru,sru8_3_lfsr_inv,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng lfsr-inv)
$(call synth_sru,sru8_3_plateau,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng plateau)
$(call synth_sru,sru8_3_pair,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng pair --lanes 2)
$(call synth_sru,sru8_3_sliced,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng sliced --lanes 8)
$(call synth_sru,sru8_3_shared,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng shared --fill half)
$(call synth_sru,sru8_3_shared_L8,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng shared --fill half --lanes 8)
$(call synth_sru,sru8_3_shared_L16,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng shared --fill half --lanes 16)
$(call synth_sru,sru8_3_shared_L64,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng shared --fill half --lanes 64)
$(call synth_sru,sru8_4_shared_L8,$(SYNTH_UNIT) --sru-width 8 --prng-width 4 --prng shared --fill half --lanes 8)
$(call synth_sru,sru8_3_ext,$(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng ext)
$(call synth_sru,sru8_8_lfsr,$(SYNTH_UNIT) --sru-width 8 --prng-width 8 --prng lfsr)
$(call synth_sru,sru16_16_lfsr,$(SYNTH_UNIT) --sru-width 16 --prng-width 16 --prng lfsr)
$(call synth_sru,sru4_2_lfsr,$(SYNTH_UNIT) --sru-width 4 --prng-width 2 --prng lfsr)
$(call synth_sru,sru3_3_lfsr,$(SYNTH_UNIT) --sru-width 3 --prng-width 3 --prng lfsr)
$(call synth_sru,rne,$(SYNTH_UNIT) --rounding rne)
$(call synth_sru,trunc,$(SYNTH_UNIT) --rounding trunc)
# 8x8 MAC arrays (esrugen mac): 8 requantization + 8 update lanes each; the
# SRUs' share of the array is computed against the matching unit above.
$(call synth_mac,mac8x8_sru24,$(abspath $(ESRUGEN)) mac --array 8x8 --sru-width 24 --prng-width 24 --prng lfsr,$(ESRUGEN))
$(call synth_mac,mac8x8_plateau8_3,$(abspath $(ESRUGEN)) mac --array 8x8 --sru-width 8 --prng-width 3 --prng plateau,$(ESRUGEN))
