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
$(call synth_mac,mac8x8_shared8_3,$(abspath $(ESRUGEN)) mac --array 8x8 --sru-width 8 --prng-width 3 --prng shared --fill half,$(ESRUGEN))

# make pnr (synth/pnr.mk) places and routes every design above inside its timing
# wrapper (esrugen --wrap reg: every input and output registered), except where
# named here, plus small arrays that fit an iCE40.
#   $(call pnr_wrap,NAME,serial)          NAME (above) inside the five-pin serial wrapper
#   $(call pnr_mac,NAME,COMMAND,BINARY)   a MAC array for P&R only (serial wrapper)
# sliced: 8 lanes of 32 -> 8 bits are 323 I/O bits, more than an iCE40 has pins.
$(call pnr_wrap,sru8_3_sliced,serial)
# The 8x8 arrays fit no iCE40 (the report says why); the 2x2 arrays do.
$(call pnr_wrap,mac8x8_sru24,serial)
$(call pnr_wrap,mac8x8_plateau8_3,serial)
$(call pnr_wrap,mac8x8_shared8_3,serial)
$(call pnr_wrap,sru8_3_shared_L8,serial)
$(call pnr_wrap,sru8_3_shared_L16,serial)
$(call pnr_wrap,sru8_3_shared_L64,serial)
$(call pnr_wrap,sru8_4_shared_L8,serial)
$(call pnr_mac,mac2x2_sru24,$(abspath $(ESRUGEN)) mac --array 2x2 --sru-width 24 --prng-width 24 --prng lfsr,$(ESRUGEN))
$(call pnr_mac,mac2x2_plateau8_3,$(abspath $(ESRUGEN)) mac --array 2x2 --sru-width 8 --prng-width 3 --prng plateau,$(ESRUGEN))
$(call pnr_mac,mac2x2_shared8_3,$(abspath $(ESRUGEN)) mac --array 2x2 --sru-width 8 --prng-width 3 --prng shared --fill half,$(ESRUGEN))

# make synth-pipeline (synth/synth.mk): the default 8/3 shared unit and the 2x2
# array at --pipeline 0, 1 and 2, synthesized and placed and routed like the set
# above (the array inside the serial wrapper). Declared only for that target.
ifdef SYNTH_PIPELINE
SYNTH_PIPE_UNIT := $(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng shared --fill half
SYNTH_PIPE_MAC := $(abspath $(ESRUGEN)) mac --array 2x2 --sru-width 8 --prng-width 3 --prng shared --fill half
$(call synth_sru,pipe_sru8_3_p0,$(SYNTH_PIPE_UNIT))
$(call synth_sru,pipe_sru8_3_p1,$(SYNTH_PIPE_UNIT) --pipeline 1)
$(call synth_sru,pipe_sru8_3_p2,$(SYNTH_PIPE_UNIT) --pipeline 2)
$(call synth_mac,pipe_mac2x2_p0,$(SYNTH_PIPE_MAC),$(ESRUGEN))
$(call synth_mac,pipe_mac2x2_p1,$(SYNTH_PIPE_MAC) --pipeline 1,$(ESRUGEN))
$(call synth_mac,pipe_mac2x2_p2,$(SYNTH_PIPE_MAC) --pipeline 2,$(ESRUGEN))
$(call pnr_wrap,pipe_mac2x2_p0,serial)
$(call pnr_wrap,pipe_mac2x2_p1,serial)
$(call pnr_wrap,pipe_mac2x2_p2,serial)
endif

# make synth-prng-reg (synth/synth.mk): the 8/3 shared unit at 8 and 64 lanes
# with and without --prng-reg 1 (each lane's random bits registered after the
# phase shifter), synthesized and placed and routed (serial wrapper).
ifdef SYNTH_PRNG_REG
SYNTH_PREG_UNIT := $(SYNTH_UNIT) --sru-width 8 --prng-width 3 --prng shared --fill half
$(call synth_sru,preg_L8_r0,$(SYNTH_PREG_UNIT) --lanes 8)
$(call synth_sru,preg_L8_r1,$(SYNTH_PREG_UNIT) --lanes 8 --prng-reg 1)
$(call synth_sru,preg_L64_r0,$(SYNTH_PREG_UNIT) --lanes 64)
$(call synth_sru,preg_L64_r1,$(SYNTH_PREG_UNIT) --lanes 64 --prng-reg 1)
$(call pnr_wrap,preg_L8_r0,serial)
$(call pnr_wrap,preg_L8_r1,serial)
$(call pnr_wrap,preg_L64_r0,serial)
$(call pnr_wrap,preg_L64_r1,serial)
endif
