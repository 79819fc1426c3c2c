#!/bin/sh
# Simulation speed of `make sim` for 4x4, 8x8 and 16x16 arrays (8/3 plateau,
# lanes = columns, the default MLP, 20 steps): M cycles per CPU second with
# every operation checked, at one Verilator evaluation per cycle (the default)
# and at two (a falling- and a rising-edge evaluation, the general method),
# and with CHECK_EVERY=16. The variants run alternately, three times each; the
# best of each is reported.
set -eu
report=$1
reps=3
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp)
# speed FILE: the M cycles/s figure of a sim_main output
speed() { sed -n 's/^simulation speed: *\([0-9.]*\) M.*/\1/p' "$1"; }
best() { printf '%s\n' "$@" | sort -g | tail -n 1; }
{
    echo "# Simulation speed (\`make bench-sim\`)"
    echo
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1));"
    echo "20 training steps of the default MLP (batch 32) through the generated array, the reference"
    echo "trainer alongside; M cycles per CPU second of the RTL side, best of $reps alternating runs."
    echo
    echo "| array | lanes | cycles/step | MAC utilization | M cycles/s | M cycles/s, 2 evals/cycle | M cycles/s, CHECK_EVERY=16 | RTL steps/s | C reference steps/s |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} > "$tmp"
for a in 4x4 8x8 16x16; do
    l=${a#*x}
    dir="$root/out/sim/bench_$a"
    "$root/sim/rtl/build.sh" "$dir" sim_main "--array $a --sru-width 8 --prng-width 3 --prng plateau --lanes $l"
    run="$dir/sim_main --manifest $dir/rtl/mac.json --steps 20"
    s1="" s2="" s16=""
    i=0
    while [ $i -lt "$reps" ]; do
        $run > "$dir/bench.txt" 2>/dev/null
        s1="$s1 $(speed "$dir/bench.txt")"
        $run --evals-per-cycle 2 > "$dir/bench2.txt" 2>/dev/null
        s2="$s2 $(speed "$dir/bench2.txt")"
        $run --check-every 16 > "$dir/bench16.txt" 2>/dev/null
        s16="$s16 $(speed "$dir/bench16.txt")"
        i=$((i + 1))
    done
    # shellcheck disable=SC2086
    b1=$(best $s1) b2=$(best $s2) b16=$(best $s16)
    cps=$(sed -n 's/^cycles per step: *\([0-9]*\).*/\1/p' "$dir/bench.txt")
    util=$(sed -n 's/^MAC utilization: *\([0-9.]*\) %.*/\1/p' "$dir/bench.txt")
    csteps=$(sed -n 's/.*C reference \([0-9.]*\) steps.*/\1/p' "$dir/bench.txt")
    rsteps=$(awk -v c="$cps" -v s="$b1" 'BEGIN { printf "%.2f", s * 1e6 / c }')
    echo "| $a | $l | $cps | $util % | $b1 | $b2 | $b16 | $rsteps | $csteps |" >> "$tmp"
    echo "bench-sim: $a: $b1 M cycles/s (2 evals/cycle: $b2, CHECK_EVERY=16: $b16)"
done
mv "$tmp" "$report"
cat "$report"
