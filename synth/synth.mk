# make synth: generate the default design set (synth/designs.mk), synthesize each
# design for xc7, ice40 and technology-neutral gates with Yosys, and on the OSU
# 0.18 um standard cells with Yosys + OpenSTA (area in um^2, critical paths), and
# write out/reports/synth/synth.{md,csv,json} (one set: all new or all old). Incremental: a design is resynthesized
# only when its generated files' content changed (see synth/gen.sh).
.PHONY: synth test-synth synthrep FORCE
SYNTH_OUT     ?= $(OUT)/synth
SYNTH_REPORTS ?= $(OUT)/reports/synth
SYNTH_TARGETS := ice40 gates osu018 xc7# slowest first (measured on the 8x8 arrays)
ESRUGEN       ?= esrugen
YOSYS         ?= yosys
STA           ?= sta

# The report tool: C, cJSON for Yosys' `stat -json` and esrugen manifests.
SYNTHREP_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(filter-out synth/main.c,$(wildcard synth/*.c)))
$(SYNTHREP): $(BUILD)/synth/main.o $(SYNTHREP_OBJS) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
$(BUILD)/asan/synthrep: $(BUILD)/asan/synth/main.o $(SYNTHREP_OBJS:$(BUILD)/%=$(BUILD)/asan/%) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) $^ -o $@ $(LDLIBS)
synthrep: $(SYNTHREP)

# The design set. SYNTH_SET may name a subset (the tests use a small one).
define synth_design
SYNTH_DESIGNS += $(1)
SYNTH_GEN_$(1) := $(2)
SYNTH_DEP_$(1) := $(3)
endef
synth_sru = $(eval $(call synth_design,$(1),$(abspath $(ESRUGEN)) $(2),$(ESRUGEN)))
synth_mac = $(eval SYNTH_MACS += $(1))$(eval $(call synth_design,$(1),$(2),$(3)))
synth_empty :=
synth_space := $(synth_empty) $(synth_empty)
synth_pending = $(eval SYNTH_PENDING += $(subst $(synth_space),~,$(1)=$(2)))
# make pnr (synth/pnr.mk): a design's timing wrapper (reg unless named here), and
# designs that are only placed and routed (MAC arrays, serial wrapper).
pnr_wrap = $(eval PNR_WRAP_$(1) := $(2))
pnr_mac = $(eval PNR_EXTRA += $(1))$(eval PNR_WRAP_$(1) := serial)$(eval SYNTH_GEN_$(1) := $(2))$(eval SYNTH_DEP_$(1) := $(3))
include synth/designs.mk
SYNTH_SET ?= $(SYNTH_DESIGNS)
# Designs mapped module by module (each module once, flattened afterwards for
# the count): the MAC arrays, whose 64 PEs are one module. Several times faster;
# the arrays' counts differ from flat mapping by a few % (docs/synth.md).
# SYNTH_HIER= maps every design flat.
SYNTH_HIER ?= $(SYNTH_MACS)
synth_mode = $(if $(filter $(1),$(SYNTH_HIER)),hier,flat)
ifneq ($(filter synth,$(MAKECMDGOALS)),)
ifneq ($(filter-out $(SYNTH_DESIGNS),$(SYNTH_SET)),)
$(error SYNTH_SET names unknown designs: $(filter-out $(SYNTH_DESIGNS),$(SYNTH_SET)) (known: $(SYNTH_DESIGNS)))
endif
endif

# Per design: the stamp reruns the generator whenever it or the design list
# changes; the manifest then only changes if the output did (empty recipe:
# make re-reads its time stamp), and only that triggers Yosys.
define synth_rules
$(SYNTH_OUT)/stamp/$(1): $(SYNTH_DEP_$(1)) synth/designs.mk synth/gen.sh
	@mkdir -p $$(@D) $(SYNTH_OUT)/gen
	@synth/gen.sh $(SYNTH_OUT)/gen $(1) $(SYNTH_GEN_$(1))
	@touch $$@
$(SYNTH_OUT)/gen/$(1)/$(1).json: $(SYNTH_OUT)/stamp/$(1) ;
# flat or hier, rewritten only when it changes: a change resynthesizes the design
$(SYNTH_OUT)/stamp/$(1).mode: FORCE
	@mkdir -p $$(@D)
	@echo $(call synth_mode,$(1)) | cmp -s - $$@ || echo $(call synth_mode,$(1)) > $$@
$(SYNTH_OUT)/$(1)/%.json: $(SYNTH_OUT)/gen/$(1)/$(1).json $(SYNTH_OUT)/stamp/$(1).mode synth/%.ys synth/yosys.sh | $(SYNTHREP)
	@echo "synth: $(1) ($$*, $(call synth_mode,$(1)))"
	@YOSYS=$(YOSYS) SYNTHREP=$(SYNTHREP) synth/yosys.sh $$* $$< $$@ $(call synth_mode,$(1))
$(SYNTH_OUT)/$(1)/osu018.json: $(SYNTH_OUT)/gen/$(1)/$(1).json $(SYNTH_OUT)/stamp/$(1).mode synth/stdcell.sh \
        synth/osu018.abc synth/sta.tcl | $(SYNTHREP)
	@echo "synth: $(1) (osu018, $(call synth_mode,$(1)))"
	@YOSYS=$(YOSYS) STA=$(STA) SYNTHREP=$(SYNTHREP) synth/stdcell.sh $$< $(SYNTH_OUT)/$(1) $(call synth_mode,$(1))
endef
$(foreach d,$(SYNTH_SET),$(eval $(call synth_rules,$(d))))

# Slow designs first (the MAC arrays, their slowest targets first), so that with
# -j the small units fill the other jobs instead of waiting behind an array.
SYNTH_ORDER := $(filter $(SYNTH_MACS),$(SYNTH_SET)) $(filter-out $(SYNTH_MACS),$(SYNTH_SET))
SYNTH_STATS := $(foreach d,$(SYNTH_ORDER),$(foreach t,$(SYNTH_TARGETS),$(SYNTH_OUT)/$(d)/$(t).json))
SYNTH_SPECS := $(foreach d,$(SYNTH_SET),$(if $(filter $(d),$(SYNTH_MACS)),mac:)$(d))
# The set itself, rewritten only when it changes: a smaller SYNTH_SET redoes the report.
$(SYNTH_OUT)/synth-set: FORCE
	@mkdir -p $(@D)
	@echo "$(SYNTH_SPECS) $(SYNTH_PENDING)" | cmp -s - $@ || echo "$(SYNTH_SPECS) $(SYNTH_PENDING)" > $@
$(SYNTH_REPORTS)/synth.md: $(SYNTH_STATS) $(SYNTHREP) $(SYNTH_OUT)/synth-set
	$(SYNTHREP) report -o $(@D) -g $(SYNTH_OUT)/gen -s $(SYNTH_OUT) \
	    $(foreach p,$(SYNTH_PENDING),-p '$(subst ~, ,$(p))') $(SYNTH_SPECS)
synth: $(SYNTH_REPORTS)/synth.md ## area and timing of the default designs: xc7, iCE40, gates, osu018 um^2 (out/reports/synth)
	@echo "synth: report in $(SYNTH_REPORTS)/synth.md (.csv, .json)"

# The make synth and make pnr rules for a side set of designs, $(call
# side_flows,SWITCH,NAME,SET,REPORTS): the designs of SET, defined in
# synth/designs.mk when SWITCH is set, built in out/{synth,pnr}-NAME, reports
# in REPORTS/{synth,pnr}.
side_flows = --no-print-directory synth pnr $(1)=1 SYNTH_SET="$(3)" PNR_SET="$(3)" SYNTH_HIER= PNR_HIER= \
    SYNTH_OUT=$(OUT)/synth-$(2) PNR_OUT=$(OUT)/pnr-$(2) SYNTH_REPORTS=$(4)/synth PNR_REPORTS=$(4)/pnr

# make synth-pipeline: area (xc7, osu018) and iCE40 Fmax (nextpnr, PNR_SEEDS) of
# the 8/3 shared unit and the 2x2 array at --pipeline 0, 1, 2 (the designs at
# the end of synth/designs.mk), through the make synth and make pnr rules into
# their own directories (reports: out/reports/pipeline/{synth,pnr}/);
# out/reports/pipeline/pipeline.md is the comparison.
SYNTH_PIPE_SET := pipe_sru8_3_p0 pipe_sru8_3_p1 pipe_sru8_3_p2 pipe_mac2x2_p0 pipe_mac2x2_p1 pipe_mac2x2_p2
SYNTH_PIPE_REPORTS ?= $(OUT)/reports/pipeline
.PHONY: synth-pipeline
synth-pipeline: esrugen $(SYNTHREP) ## area and timing at --pipeline 0, 1, 2 (unit and 2x2 array)
	@$(MAKE) $(call side_flows,SYNTH_PIPELINE,pipeline,$(SYNTH_PIPE_SET),$(SYNTH_PIPE_REPORTS))
	@synth/pipeline.sh $(SYNTH_PIPE_REPORTS)/synth $(SYNTH_PIPE_REPORTS)/pnr $(OUT)/pnr-pipeline \
	    > $(SYNTH_PIPE_REPORTS)/pipeline.md.tmp
	@mv $(SYNTH_PIPE_REPORTS)/pipeline.md.tmp $(SYNTH_PIPE_REPORTS)/pipeline.md
	@cat $(SYNTH_PIPE_REPORTS)/pipeline.md

# make synth-prng-reg: the same flows for the 8/3 shared unit at 8 and 64 lanes
# with and without --prng-reg 1 (the designs at the end of synth/designs.mk);
# reports: out/reports/prng-reg/{synth,pnr}/.
SYNTH_PREG_SET := preg_L8_r0 preg_L8_r1 preg_L64_r0 preg_L64_r1
SYNTH_PREG_REPORTS ?= $(OUT)/reports/prng-reg
.PHONY: synth-prng-reg
synth-prng-reg: esrugen $(SYNTHREP) ## area and timing with and without --prng-reg at 8 and 64 lanes
	@$(MAKE) $(call side_flows,SYNTH_PRNG_REG,prng-reg,$(SYNTH_PREG_SET),$(SYNTH_PREG_REPORTS))

# Tests: cmocka unit tests of the report tool, then the Yosys flow script.
TEST_SYNTH_BIN := $(BUILD)/tests/test_synth_stat
$(TEST_SYNTH_BIN): $(BUILD)/tests/test_synth_stat.o $(SYNTHREP_OBJS) $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
test-synth: $(TEST_SYNTH_BIN) $(SYNTHREP) esrugen
	$(TEST_SYNTH_BIN)
	MAKE="$(MAKE)" tests/test_synth.sh
test: test-synth

include synth/pnr.mk
