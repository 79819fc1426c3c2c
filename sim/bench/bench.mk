# sim/bench/: `make bench` (trainer throughput, rounding kernel, threads).
BENCH_ROUND := $(BUILD)/bench_round
$(BENCH_ROUND): $(BUILD)/sim/bench/bench_round.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)
