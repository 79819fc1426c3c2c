# sim/bench/: `make bench` (trainer throughput, rounding kernel, threads).
BENCH_ROUND := $(BUILD)/bench_round
$(BENCH_ROUND): $(BUILD)/sim/bench/bench_round.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

# Trainer throughput, thread scaling and the rounding kernel: bench.json, bench.md.
.PHONY: bench-train
bench: bench-train
bench-train: esrutrain $(BENCH_ROUND)
	sh sim/bench/bench.sh
# In `make bench` the array simulation is measured first, so that bench.json
# carries its figure (and the two never run at the same time).
bench-train: | $(if $(filter bench,$(MAKECMDGOALS)),bench-sim)
