# sim/bench/: `make bench` (trainer throughput, rounding kernel, threads).
BENCH_ROUND := $(BUILD)/bench_round
$(BENCH_ROUND): $(BUILD)/sim/bench/bench_round.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

# Trainer throughput, thread scaling, the rounding kernel and esru.quantize: bench.json, bench.md.
.PHONY: bench-train
bench: bench-train ## speed: trainer, rounding kernel, array simulation (out/reports/bench.md)
# The Makefile's OMP_WAIT_POLICY=passive (for the tests) is not the
# benchmark's: esrutrain chooses its own wait policy from the machine's idle
# cores (sim/train/train_main.c), as a user's run does. A value the user set wins.
bench-train: esrutrain $(BENCH_ROUND) lib ## the trainer, rounding-kernel and Python half of make bench
	$(if $(filter file,$(origin OMP_WAIT_POLICY)),env -u OMP_WAIT_POLICY) sh sim/bench/bench.sh
# In `make bench` the array simulation is measured first, so that bench.json
# carries its figure (and the two never run at the same time).
bench-train: | $(if $(filter bench,$(MAKECMDGOALS)),bench-sim)
