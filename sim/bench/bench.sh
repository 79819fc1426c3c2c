#!/bin/sh
# make bench (bench-train): trainer throughput (fp32, fixed point and LeNet's
# fixed point, each with 1 and 2 threads), the rounding kernel beside memcpy,
# esru.quantize from Python (libesru.so), and the array simulation's speed when
# `make bench-sim` has run. The runs
# alternate (A/B/A/B...) and each keeps its best repetition: other jobs on a
# shared machine only ever slow a run down. Writes out/reports/bench.json and
# bench.md.
set -eu
BIN=${BIN:-./esrutrain}
ROUND=${ROUND:-build/bench_round}
PY=${PY:-/usr/bin/python3}
OUT=${OUT:-out/reports}
REPS=${REPS:-3}
BENCH=${BENCH:-"--epochs 1 --train-limit 20000 --test-limit 1000"}
FIXED=${FIXED:-"--numerics fixed --sru-width 8 --prng-width 3 --prng plateau --lanes 4"}
FP32="--numerics fp32"
# LeNet (the default design), fewer images: a CNN step is about 8x an MLP step
LENET=${LENET:-"--model lenet --train-limit 6000"}
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load0=$(awk '{ print $1 }' /proc/loadavg)

num() { sed -n "s/^  \"$2\": \([0-9.]*\),*/\1/p" "$1"; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
div() { awk -v a="$1" -v b="$2" "BEGIN { printf \"$3\", a / b }"; }

# name | flags; best wall and best CPU images/s per name
# (default_t1: the trainer's own defaults, i.e. the default design 8/3 shared, half fill, 1 lane)
set -- "fp32_t1|$FP32 --threads 1" "fixed_t1|$FIXED --threads 1" "default_t1|--threads 1" "fp32_t2|$FP32 --threads 2" \
    "fixed_t2|$FIXED --threads 2" "lenet_t1|$LENET --threads 1" "lenet_t2|$LENET --threads 2"
for run in "$@"; do
    echo 0 > "$tmp/${run%%|*}.wall"
    echo 0 > "$tmp/${run%%|*}.cpu"
done
i=0
while [ "$i" -lt "$REPS" ]; do
    i=$((i + 1))
    for run in "$@"; do
        name=${run%%|*}
        # shellcheck disable=SC2086
        "$BIN" $BENCH ${run#*|} --quiet --json "$tmp/run.json"
        max "$(cat "$tmp/$name.wall")" "$(num "$tmp/run.json" images_per_second)" > "$tmp/$name.wall.new"
        max "$(cat "$tmp/$name.cpu")" "$(num "$tmp/run.json" images_per_cpu_second)" > "$tmp/$name.cpu.new"
        mv "$tmp/$name.wall.new" "$tmp/$name.wall"
        mv "$tmp/$name.cpu.new" "$tmp/$name.cpu"
        echo "bench: repetition $i/$REPS, $name: $(num "$tmp/run.json" images_per_second) images/s," \
            "$(num "$tmp/run.json" images_per_cpu_second) per CPU second"
    done
done
get() { cat "$tmp/$1"; }
fp32_cpu=$(get fp32_t1.cpu) fixed_cpu=$(get fixed_t1.cpu)
ratio=$(div "$fp32_cpu" "$fixed_cpu" %.3f) # CPU seconds per image, fixed over fp32
default_ratio=$(div "$fp32_cpu" "$(get default_t1.cpu)" %.3f)
scale_fixed=$(div "$(get fixed_t2.wall)" "$(get fixed_t1.wall)" %.2f)
scale_fp32=$(div "$(get fp32_t2.wall)" "$(get fp32_t1.wall)" %.2f)
scale_lenet=$(div "$(get lenet_t2.wall)" "$(get lenet_t1.wall)" %.2f)
# CPU time per image with 1 thread over with 2: the threads' own overhead
eff_fixed=$(div "$(get fixed_t2.cpu)" "$fixed_cpu" %.2f)
eff_fp32=$(div "$(get fp32_t2.cpu)" "$fp32_cpu" %.2f)

echo "bench: rounding kernel (2^24 int32 -> int8, one thread, $((REPS + 2)) alternating repetitions)"
"$ROUND" 24 $((REPS + 2)) > "$tmp/round.json"
rf() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p" "$tmp/round.json"; }
rs() { sed -n "s/.*\"$1\": \"\([a-z0-9-]*\)\".*/\1/p" "$tmp/round.json"; }

# esru.quantize from Python on a 1M-element tensor (python/examples/bench_quantize.py).
py=null
if "$PY" -c 'import numpy' 2>/dev/null; then
    echo "bench: esru.quantize from Python (1M elements, best of 5)"
    "$PY" python/examples/bench_quantize.py --json > "$tmp/py.json" && py=$(cat "$tmp/py.json")
fi

# The 8x8 array simulation: measured by `make bench-sim` (sim/rtl/bench.sh).
simmd="$OUT/bench-sim.md"
sim=null sim_day="" sim_date=null
if [ -f "$simmd" ]; then
    v=$(awk -F'|' '$2 ~ /^ *8x8 *$/ { gsub(/ /, "", $6); print $6 }' "$simmd")
    [ -n "$v" ] && sim=$v
    sim_day=$(sed -n 's/^Measured \([0-9-]*\).*/\1/p' "$simmd")
    [ -n "$sim_day" ] && sim_date="\"$sim_day\""
fi
load1=$(awk '{ print $1 }' /proc/loadavg)
date=$(date -u +%Y-%m-%d)
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1)

cat > "$tmp/bench.json" <<EOF
{
  "date": "$date",
  "cores": $(nproc),
  "cpu": "$cpu",
  "load_average": [$load0, $load1],
  "repetitions": $REPS,
  "trainer": {
    "args": "$BENCH",
    "fixed_args": "$FIXED",
    "fp32_images_per_cpu_second": $fp32_cpu,
    "fixed_images_per_cpu_second": $fixed_cpu,
    "fixed_over_fp32": $ratio,
    "default_design_images_per_cpu_second": $(get default_t1.cpu),
    "default_design_over_fp32": $default_ratio,
    "fp32_images_per_second_1_thread": $(get fp32_t1.wall),
    "fp32_images_per_second_2_threads": $(get fp32_t2.wall),
    "fixed_images_per_second_1_thread": $(get fixed_t1.wall),
    "fixed_images_per_second_2_threads": $(get fixed_t2.wall),
    "threads_scaling_fixed": $scale_fixed,
    "threads_scaling_fp32": $scale_fp32,
    "threads_cpu_efficiency_fixed": $eff_fixed,
    "threads_cpu_efficiency_fp32": $eff_fp32,
    "lenet_args": "$LENET",
    "lenet_images_per_second_1_thread": $(get lenet_t1.wall),
    "lenet_images_per_second_2_threads": $(get lenet_t2.wall),
    "threads_scaling_lenet": $scale_lenet
  },
  "rounding_kernel": {
    "elements": $(rf elements),
    "simd": "$(rs simd)",
    "memcpy_melem_s": $(rf memcpy_melem_s),
    "sr_8_3_shared_melem_s": $(rf sr_8_3_shared_melem_s),
    "sr_8_3_plateau_melem_s": $(rf sr_8_3_plateau_melem_s),
    "sr_24_24_lfsr_melem_s": $(rf sr_24_24_lfsr_melem_s),
    "rne_melem_s": $(rf rne_melem_s),
    "sr_8_3_shared_over_memcpy": $(rf sr_8_3_shared_over_memcpy),
    "sr_8_3_plateau_over_memcpy": $(rf sr_8_3_plateau_over_memcpy),
    "sr_24_24_lfsr_over_memcpy": $(rf sr_24_24_lfsr_over_memcpy),
    "rne_over_memcpy": $(rf rne_over_memcpy)
  },
  "python_quantize": $py,
  "simulation": {
    "array_8x8_mcycles_s": $sim,
    "measured": $sim_date,
    "source": "make bench-sim (out/reports/bench-sim.md)"
  }
}
EOF

yes_no() { awk -v v="$1" -v g="$2" -v op="$3" 'BEGIN { ok = op == "le" ? v <= g : v >= g; print ok ? "met" : "not met" }'; }
{
    echo "# Benchmarks (\`make bench\`)"
    echo
    echo "Measured $date on $(nproc) cores ($cpu), load average $load0 at the start, $load1 at the end;"
    echo "best of $REPS alternating repetitions of each run."
    echo
    echo "## Trainer (\`esrutrain $BENCH\`)"
    echo
    echo "| run | images per CPU second | images/s (wall) |"
    echo "| --- | --- | --- |"
    echo "| fp32, 1 thread (\`$FP32 --threads 1\`) | $fp32_cpu | $(get fp32_t1.wall) |"
    echo "| fixed, 1 thread (\`$FIXED --threads 1\`) | $fixed_cpu | $(get fixed_t1.wall) |"
    echo "| fixed, the default design (8/3 shared, half fill, 1 lane), 1 thread (\`--threads 1\`) | $(get default_t1.cpu) | $(get default_t1.wall) |"
    echo "| fp32, 2 threads | $(get fp32_t2.cpu) | $(get fp32_t2.wall) |"
    echo "| fixed, 2 threads | $(get fixed_t2.cpu) | $(get fixed_t2.wall) |"
    echo "| LeNet fixed, 1 thread (\`$LENET --threads 1\`) | $(get lenet_t1.cpu) | $(get lenet_t1.wall) |"
    echo "| LeNet fixed, 2 threads | $(get lenet_t2.cpu) | $(get lenet_t2.wall) |"
    echo
    echo "- \`fixed_over_fp32\` (CPU seconds per image, fixed over fp32, 1 thread): **$ratio** (goal <= 1.0: $(yes_no "$ratio" 1.0 le))"
    echo "  The default design over fp32, the same way: $default_ratio."
    echo "- 2 threads over 1 (wall images/s): fixed **$scale_fixed**, fp32 **$scale_fp32** (goal >= 1.7: $(yes_no "$scale_fixed" 1.7 ge) for fixed); LeNet fixed **$scale_lenet**."
    echo "  Wall-clock scaling needs two idle cores: with the load average above, the scheduler decides it."
    echo "  CPU time per image, 1 thread over 2 threads (the threads' own overhead; 1 = none): fixed $eff_fixed, fp32 $eff_fp32."
    echo
    echo "## Rounding kernel (\`$ROUND 24 $((REPS + 2))\`, one thread, vector level $(rs simd))"
    echo
    echo "2^24 int32 values rounded to int8 by the lane rule (\`quant_stream_i8\`, D = 16), beside memcpy of the same array;"
    echo "million elements per CPU second of the thread."
    echo
    echo "| kernel | Melem/s | / memcpy |"
    echo "| --- | --- | --- |"
    echo "| memcpy | $(rf memcpy_melem_s) | 1 |"
    echo "| sr 8/3 shared (default) | $(rf sr_8_3_shared_melem_s) | $(rf sr_8_3_shared_over_memcpy) |"
    echo "| sr 8/3 plateau | $(rf sr_8_3_plateau_melem_s) | $(rf sr_8_3_plateau_over_memcpy) |"
    echo "| sr 24/24 lfsr | $(rf sr_24_24_lfsr_melem_s) | $(rf sr_24_24_lfsr_over_memcpy) |"
    echo "| rne | $(rf rne_melem_s) | $(rf rne_over_memcpy) |"
    echo
    echo "Goal >= 0.5 x memcpy for 8/3 and 24/24: $(yes_no "$(rf sr_8_3_shared_over_memcpy)" 0.5 ge) (8/3 shared), $(yes_no "$(rf sr_8_3_plateau_over_memcpy)" 0.5 ge) (8/3 plateau), $(yes_no "$(rf sr_24_24_lfsr_over_memcpy)" 0.5 ge) (24/24)."
    echo
    echo "## Python (\`python/examples/bench_quantize.py\`: \`esru.quantize\`, 1M elements, best of 5, one thread)"
    echo
    if [ "$py" = null ]; then
        echo "Not measured: needs $PY with numpy (tools/install-deps.sh) and libesru.so (\`make lib\`)."
    else
        echo "| input | M elements/s (wall) | M elements/s (CPU) |"
        echo "| --- | --- | --- |"
        "$PY" -c 'import json, sys
for r in json.load(open(sys.argv[1]))["cases"]:
    print("| %s | %s | %s |" % (r["case"], r["melem_s_wall"], r["melem_s_cpu"]))' "$tmp/py.json"
    fi
    echo
    echo "## Array simulation"
    echo
    if [ "$sim" = null ]; then
        echo "Not measured in this run: \`make bench-sim\` writes out/reports/bench-sim.md (M cycles/s of 4x4, 8x8, 16x16)."
    else
        echo "8x8 array: **$sim M cycles/s** (\`make bench-sim\`, measured ${sim_day:-?}; out/reports/bench-sim.md)."
    fi
} > "$tmp/bench.md"
mv "$tmp/bench.json" "$OUT/bench.json"
mv "$tmp/bench.md" "$OUT/bench.md"
cat "$OUT/bench.md"
