#!/bin/sh
# Simulation speed of `make sim` for 4x4, 8x8 and 16x16 arrays (8/3 plateau,
# lanes = columns, the default MLP, 20 steps): cycles/s and training steps/s.
set -eu
report=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp)
{
    echo "# Simulation speed (\`make bench-sim\`)"
    echo
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores; 20 training steps of the default MLP (batch 32)"
    echo "through the generated array with per-operation model checks and the reference trainer alongside."
    echo
    echo "| array | lanes | cycles/step | MAC utilization | M cycles/s | RTL steps/s | C reference steps/s |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
} > "$tmp"
for a in 4x4 8x8 16x16; do
    l=${a#*x}
    dir="$root/out/sim/bench_$a"
    sru="--sru-width 8 --prng-width 3 --prng plateau --lanes $l"
    "$root/sim/rtl/build.sh" "$dir" sim_main "--array $a $sru"
    "$dir/sim_main" --manifest "$dir/rtl/mac.json" --steps 20 > "$dir/bench.txt" 2>/dev/null
    cps=$(sed -n 's/^cycles per step: *\([0-9]*\).*/\1/p' "$dir/bench.txt")
    util=$(sed -n 's/^MAC utilization: *\([0-9.]*\) %.*/\1/p' "$dir/bench.txt")
    speed=$(sed -n 's/^simulation speed: *\([0-9.]*\) M.*/\1/p' "$dir/bench.txt")
    csteps=$(sed -n 's/.*C reference \([0-9.]*\) steps.*/\1/p' "$dir/bench.txt")
    rsteps=$(sed -n 's/.*RTL \([0-9.]*\) steps.*/\1/p' "$dir/bench.txt")
    echo "| $a | $l | $cps | $util % | $speed | $rsteps | $csteps |" >> "$tmp"
    echo "bench-sim: $a: $speed M cycles/s, $rsteps steps/s"
done
mv "$tmp" "$report"
cat "$report"
