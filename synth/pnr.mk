# make pnr: place and route every design of synth/designs.mk (and the P&R-only
# small arrays) on an iCE40 with nextpnr-ice40, each inside its esrugen timing
# wrapper (--wrap), once per seed; write out/reports/pnr/pnr.{md,csv,json} (one set): Fmax
# min/median/max over the seeds and utilization, or why a design does not fit.
# Slower than `make synth`, so a target of its own. Incremental as make synth:
# a design is placed and routed again only when its generated RTL changed.
.PHONY: pnr test-pnr
PNR_OUT     ?= $(OUT)/pnr
PNR_REPORTS ?= $(OUT)/reports/pnr
PNR_SEEDS   ?= 1 2 3 4 5
PNR_DEVICE  ?= hx8k
PNR_PACKAGE ?= ct256
NEXTPNR     ?= nextpnr-ice40
PNR_DESIGNS := $(SYNTH_DESIGNS) $(PNR_EXTRA)
PNR_SET     ?= $(PNR_DESIGNS)
# Mapped module by module (synth_ice40 -noflatten, then flattened): the 8x8 arrays,
# which fit no iCE40 anyway; flat synthesis of one takes minutes.
PNR_HIER    ?= $(SYNTH_HIER)
ifneq ($(filter pnr,$(MAKECMDGOALS)),)
ifneq ($(filter-out $(PNR_DESIGNS),$(PNR_SET)),)
$(error PNR_SET names unknown designs: $(filter-out $(PNR_DESIGNS),$(PNR_SET)) (known: $(PNR_DESIGNS)))
endif
endif
pnr_wrap_of = $(or $(PNR_WRAP_$(1)),reg)
pnr_mode_of = $(if $(filter $(1),$(PNR_HIER)),hier,flat)

# Device, seeds and mode: rewritten only when they change, which redoes the runs.
define pnr_rules
$(PNR_OUT)/stamp/$(1): $(SYNTH_DEP_$(1)) synth/designs.mk synth/gen.sh
	@mkdir -p $$(@D) $(PNR_OUT)/gen
	@synth/gen.sh $(PNR_OUT)/gen $(1) $(SYNTH_GEN_$(1)) --wrap $(call pnr_wrap_of,$(1))
	@touch $$@
$(PNR_OUT)/gen/$(1)/$(1).json: $(PNR_OUT)/stamp/$(1) ;
$(PNR_OUT)/stamp/$(1).config: FORCE
	@mkdir -p $$(@D)
	@echo "$(PNR_DEVICE) $(PNR_PACKAGE) $(PNR_SEEDS) $(call pnr_mode_of,$(1))" | cmp -s - $$@ || \
	    echo "$(PNR_DEVICE) $(PNR_PACKAGE) $(PNR_SEEDS) $(call pnr_mode_of,$(1))" > $$@
$(PNR_OUT)/$(1)/meta: $(PNR_OUT)/gen/$(1)/$(1).json $(PNR_OUT)/stamp/$(1).config synth/pnr.sh | $(SYNTHREP)
	@echo "pnr: $(1) (--wrap $(call pnr_wrap_of,$(1)), $(call pnr_mode_of,$(1)))"
	@YOSYS=$(YOSYS) NEXTPNR=$(NEXTPNR) SYNTHREP=$(SYNTHREP) PNR_DEVICE=$(PNR_DEVICE) PNR_PACKAGE=$(PNR_PACKAGE) \
	    synth/pnr.sh $$< $(PNR_OUT)/$(1) $(call pnr_wrap_of,$(1)) $(call pnr_mode_of,$(1)) $(PNR_SEEDS)
endef
$(foreach d,$(PNR_SET),$(eval $(call pnr_rules,$(d))))

# Slow designs first: the arrays (their synthesis dominates), then the units.
PNR_ORDER := $(filter $(SYNTH_MACS) $(PNR_EXTRA),$(PNR_SET)) $(filter-out $(SYNTH_MACS) $(PNR_EXTRA),$(PNR_SET))
$(PNR_OUT)/pnr-set: FORCE
	@mkdir -p $(@D)
	@echo "$(PNR_SET)" | cmp -s - $@ || echo "$(PNR_SET)" > $@
$(PNR_REPORTS)/pnr.md: $(foreach d,$(PNR_ORDER),$(PNR_OUT)/$(d)/meta) $(SYNTHREP) $(PNR_OUT)/pnr-set
	$(SYNTHREP) pnr -o $(@D) -g $(PNR_OUT)/gen -r $(PNR_OUT) $(PNR_SET)
pnr: $(PNR_REPORTS)/pnr.md ## iCE40 place and route over seeds: Fmax and utilization (out/reports/pnr)
	@echo "pnr: report in $(PNR_REPORTS)/pnr.md (.csv, .json)"

# Tests: the wrappers (CLI, lint, function) and one real place-and-route.
test-pnr: $(SYNTHREP) esrugen
	MAKE="$(MAKE)" tests/test_wrap.sh
test: test-pnr
