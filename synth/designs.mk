# The default `make synth` set: one line per design.
#   $(call synth_sru,NAME,ESRUGEN ARGS)       an esrugen unit (IW/OW/D default 32/8/16)
#   $(call synth_mac,NAME,COMMAND,BINARY)     a MAC array: COMMAND is run with --name NAME -o NAME appended
#   $(call synth_pending,[mac:]NAME,NOTE)     a row reported as pending (no commas in NOTE)
$(call synth_sru,sru24_24_lfsr,--sru-width 24 --prng-width 24 --prng lfsr)
$(call synth_sru,sru8_3_lfsr,--sru-width 8 --prng-width 3 --prng lfsr)
$(call synth_sru,sru8_3_lfsr_inv,--sru-width 8 --prng-width 3 --prng lfsr-inv)
$(call synth_sru,sru8_3_plateau,--sru-width 8 --prng-width 3 --prng plateau)
$(call synth_sru,sru8_3_pair,--sru-width 8 --prng-width 3 --prng pair --lanes 2)
$(call synth_sru,sru8_3_sliced,--sru-width 8 --prng-width 3 --prng sliced)
$(call synth_sru,sru8_3_ext,--sru-width 8 --prng-width 3 --prng ext)
$(call synth_sru,sru8_8_lfsr,--sru-width 8 --prng-width 8 --prng lfsr)
$(call synth_sru,sru16_16_lfsr,--sru-width 16 --prng-width 16 --prng lfsr)
$(call synth_sru,sru4_2_lfsr,--sru-width 4 --prng-width 2 --prng lfsr)
$(call synth_sru,sru3_3_lfsr,--sru-width 3 --prng-width 3 --prng lfsr)
$(call synth_sru,rne,--rounding rne)
$(call synth_sru,trunc,--rounding trunc)
# Issue 4 (8x8 MAC array generator) has not landed. When it does, replace each
# line with e.g. $(call synth_mac,mac8x8_sru24,<generator> <args>,<generator binary>).
$(call synth_pending,mac:mac8x8_sru24,8x8 MAC array with 24/24 lfsr lanes - issue 4 not landed)
$(call synth_pending,mac:mac8x8_plateau8_3,8x8 MAC array with 8/3 plateau lanes - issue 4 not landed)
