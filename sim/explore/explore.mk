# make explore: the automated design-space exploration (accuracy x SR area
# Pareto front). Included by the top Makefile; docs/explore.md describes it.
.PHONY: explore explore-jobs explore-merge explore-report test-explore test-explore-unit
EXPTOOL_OBJS := $(BUILD)/sim/explore/pareto.o $(BUILD)/sim/explore/plan.o $(BUILD)/sim/explore/keys.o $(BUILD)/sim/explore/merge.o $(BUILD)/synth/area.o $(BUILD)/synth/stat.o $(BUILD)/synth/stdcell.o
EXPLORE_OUT  ?= $(OUT)/explore

$(EXPTOOL): $(BUILD)/sim/explore/exptool.o $(EXPTOOL_OBJS) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

# Every knob of the sweep and the budget (docs/explore.md). Command-line values
# reach sim/explore/run.sh through the environment.
EXPLORE_VARS := QUICK TOL EXPLORE_OUT EXPLORE_N EXPLORE_M EXPLORE_KINDS EXPLORE_FILLS EXPLORE_SEEDS \
    EXPLORE_EPOCHS EXPLORE_LANES EXPLORE_TRAIN_IMAGES EXPLORE_TEST_IMAGES EXPLORE_WEIGHT_WIDTH EXPLORE_PRUNE EXPLORE_BIAS_SCOPE EXPLORE_AREA \
    EXPLORE_UNIT EXPLORE_SLICED_LANES EXPLORE_TRAIN_ARGS EXPLORE_KEEP EXPLORE_RESULTS FROM
export $(EXPLORE_VARS)
EXPLORE_TOOLS := esrugen esrutrain $(SYNTHREP) $(EXPTOOL)

# The recipes are marked recursive (+): run.sh runs $(MAKE) over per-point targets,
# so `make explore -j N` runs N points at a time through make's job server.
explore: $(EXPLORE_TOOLS) ## the design-space sweep: accuracy-versus-area Pareto front (QUICK=1: minutes)
	+@MAKE="$(MAKE)" sim/explore/run.sh all
# The job list of the next phase (cheap scores, then training) for other machines.
explore-jobs: $(EXPLORE_TOOLS) ## the sweep's next phase as a Slurm array script and a GNU parallel job list
	+@MAKE="$(MAKE)" sim/explore/run.sh jobs
# Ingest results gathered elsewhere: make explore-merge FROM=DIR
explore-merge: $(EXPLORE_TOOLS) ## take in results gathered elsewhere (FROM=DIR)
	+@MAKE="$(MAKE)" sim/explore/run.sh merge
# The report from whatever is in the cache now (nothing is run).
explore-report: $(EXPLORE_TOOLS) ## the report from what the cache holds now (runs nothing)
	+@MAKE="$(MAKE)" sim/explore/run.sh report

# Tests: the Pareto/ranking core (cmocka), then the flow (cache, emit/merge, a tiny run).
TEST_EXPLORE_BIN := $(BUILD)/tests/test_explore_pareto
$(TEST_EXPLORE_BIN): $(BUILD)/tests/test_explore_pareto.o $(BUILD)/sim/explore/pareto.o $(BUILD)/synth/area.o
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)
test-explore-unit: $(TEST_EXPLORE_BIN)
	$(TEST_EXPLORE_BIN)
# exptool resonant on hand-written results (job.sh's rule for skipping synthesis)
.PHONY: test-exptool
test-exptool: $(EXPTOOL)
	sh tests/test_exptool_resonant.sh $(EXPTOOL)
test: test-exptool
test-explore: test-explore-unit $(EXPLORE_TOOLS)
	MAKE="$(MAKE)" tests/test_explore.sh
test: test-explore

# The cluster path on real engines: a single-node Slurm started on localhost and GNU parallel
# (tests/test_explore_cluster.sh; a few minutes). make test runs the GNU parallel half (no
# daemons): job lists, a failing run named by point, the rerun, merge equal to a local run.
.PHONY: test-cluster test-cluster-parallel
test-cluster: $(EXPLORE_TOOLS) ## the sweep on a single-node Slurm and on GNU parallel, merged equal to a local run
	MAKE="$(MAKE)" tests/test_explore_cluster.sh
test-cluster-parallel: $(EXPLORE_TOOLS)
	MAKE="$(MAKE)" CLUSTER_ENGINES=parallel CLUSTER_REQUIRE=1 tests/test_explore_cluster.sh
test: test-cluster-parallel
