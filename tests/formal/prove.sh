#!/bin/sh
# Prove one generated unit equal to the reference (tests/formal/README.md).
# usage: prove.sh ESRUGEN REFDIR WORK PROOFS NAME FLAGS...
#   PROOFS  comma list of lane, lfsr, top (lfsr and top are skipped when the
#           unit has no LFSR / always run: the top exists for every unit)
#   REFDIR  the reference: ref_lane.v ref_lfsr.v ref_top.v xapp052-taps.txt
# Generates the unit into WORK/NAME/rtl, writes the wrappers and Yosys
# scripts next to it, runs each proof and prints one line:
#   ok   NAME  lane 0.31 s (cpu 0.12)  top 1.10 s (cpu 0.40)
# or "FAIL NAME <proof> ..." (exit 1). PROOF_COUNT=DIR:TOTAL prefixes the
# line with [k/TOTAL], k = results written to DIR so far.
set -u
esrugen=$1 refdir=$2 work=$3 proofs=$4 name=$5
shift 5
flags="$*"
dir=$work/$name
die() { echo "FAIL $name $*"; [ -n "${PROOF_COUNT:-}" ] && echo "FAIL $name $*" > "${PROOF_COUNT%%:*}/$name.result"; exit 1; }

# ---- the config, from the flags (every flag the reference needs must be given)
iw='' ow='' d='' rounding='' n='' m='' fill='' prng='' lanes='' state_w=0 pipe=0
while [ $# -gt 1 ]; do
    case $1 in
        --in-width) iw=$2 ;; --out-width) ow=$2 ;; --shift) d=$2 ;; --prng-state-width) state_w=$2 ;;
        --rounding) rounding=$2 ;; --sru-width) n=$2 ;; --prng-width) m=$2 ;;
        --fill) fill=$2 ;; --prng) prng=$2 ;; --lanes) lanes=$2 ;; --pipeline) pipe=$2 ;;
    esac
    shift 2
done
for v in iw ow d rounding n m fill prng lanes; do
    eval "[ -n \"\$$v\" ]" || die "config: a flag is missing ($v); grid lines spell out every flag"
done

rm -rf "$dir"
mkdir -p "$dir"
# shellcheck disable=SC2086
"$esrugen" $flags -o "$dir/rtl" > "$dir/esrugen.log" 2>&1 || die "esrugen refused the flags: $(tail -1 "$dir/esrugen.log")"
"$(dirname "$0")/taps2v.sh" "$refdir/xapp052-taps.txt" > "$dir/xapp052_taps.vh" || die "taps table"
rtl=$dir/rtl
top=$rtl/$name.v

# ---- what the reference takes from the generated top: the LFSR seeds, and the
# names of its state (LFSR outputs, other registers) for the induction invariant
sed -n "s/^ *${name}_lfsr #(\.SEED(\([0-9]*\)'d\([0-9]*\))) [A-Za-z0-9_]* (.*\.q(\([A-Za-z0-9_]*\)));.*/\1 \2 \3/p" "$top" > "$dir/lfsrs.txt"
# (not the pipeline's valid bits pipe_vK: the reference keeps its own delay
# line, and the induction depth, 8, exceeds P, so they need no invariant)
sed -n 's/^ *reg *\(\[[^]]*\]\)\{0,1\} *\([A-Za-z_][A-Za-z0-9_]*\);.*/\2/p' "$top" | grep -v '^pipe_v' > "$dir/regs.txt"
nseeds=$(wc -l < "$dir/lfsrs.txt")
seed_w=$(awk 'NR == 1 { print $1 }' "$dir/lfsrs.txt")
[ "$nseeds" -eq 0 ] || [ "$(cut -d' ' -f1 "$dir/lfsrs.txt" | sort -u | wc -l)" -eq 1 ] || die "LFSRs of different widths in $top"
seeds=$(awk '{ s = "64'"'"'d" $2 (NR > 1 ? ", " s : "") } END { print (NR ? "{" s "}" : "0") }' "$dir/lfsrs.txt")
# shared: the XOR network (phase shifter) the generator chose, from lane l's
# `wire [M-1:0] rL = {q[a] ^ q[b], ...};` (bit M-1 first), as MASKS with lane
# l bit j at [64*(l*M+j) +: 64]. Like the seeds, the reference takes the
# choice from the generated top; tests/test_prng.c proves its properties.
masks=0
if [ "$prng" = shared ]; then
    masks=$(awk -v m="$m" '
        /^ *wire \[[0-9]+:0\] r[0-9]+ = / {
            l = $3; sub(/^r/, "", l)
            e = $0; sub(/^[^=]*= */, "", e); sub(/;.*/, "", e); gsub(/[{} ]/, "", e)
            nb = split(e, bit, ",")
            for (j = 1; j <= nb; j++) {
                b = ""; for (i = 0; i < 64; i++) v[i] = 0
                nt = split(bit[j], t, "\\^")
                for (k = 1; k <= nt; k++) { x = t[k]; sub(/.*\[/, "", x); sub(/\].*/, "", x); v[x + 0] = 1 }
                for (i = 63; i >= 0; i--) b = b v[i]
                mask[l * m + (m - j)] = "64'"'"'b" b
            }
            if (l + 1 > nl) nl = l + 1
        }
        END { s = ""; for (i = 0; i < nl * m; i++) s = mask[i] (i ? ", " s : ""); print (nl ? "{" s "}" : "0") }' "$top")
fi
# {regs in file order, LFSR n-1 .. LFSR 0}: the order of ref_top's `state`
gate_state=$( { cat "$dir/regs.txt"; awk '{ print $3 }' "$dir/lfsrs.txt" | tac; } | sed 's/^/gate./' | paste -sd, -)

sr=0; [ "$rounding" = sr ] && sr=1
ext=0; [ $sr -eq 1 ] && [ "$prng" = ext ] && ext=1
ref_params=".IW($iw), .OW($ow), .D($d), .N($n), .M($m), .FILL(\"$fill\"), .ROUNDING(\"$rounding\")"

# ---- wrappers: gold (reference) and gate (generated) with identical ports
{
    echo '`default_nettype none'
    rport=""; [ $sr -eq 1 ] && rport="input wire [$((m - 1)):0] r, "
    echo "module gold_lane (input wire [$((iw - 1)):0] x, ${rport}output wire [$((ow - 1)):0] y);"
    if [ $sr -eq 1 ]; then rconn=r; else rconn="{$m{1'b0}}"; fi
    echo "    ref_lane #($ref_params) u_ref (.x(x), .r($rconn), .y(y));"
    echo "endmodule"
    echo "module gate_lane (input wire [$((iw - 1)):0] x, ${rport}output wire [$((ow - 1)):0] y);"
    if [ $sr -eq 1 ]; then
        echo "    // the documented random word: the M random bits, then the fill"
        echo "    wire [$((n - 1)):0] rword;"
        echo "    ref_word #(.N($n), .M($m), .FILL(\"$fill\")) u_word (.r(r), .word(rword));"
        echo "    ${name}_lane u_dut (.x(x), .rword(rword), .y(y));"
    else
        echo "    ${name}_lane u_dut (.x(x), .y(y));"
    fi
    echo "endmodule"
} > "$dir/wrap_lane.v"
{
    echo '`default_nettype none'
    rnd=""; [ $ext -eq 1 ] && rnd="input wire [$((lanes * m - 1)):0] rnd, "
    echo "module gold_top (input wire clk, input wire rst, input wire en, input wire [$((lanes * iw - 1)):0] x, ${rnd}output wire [$((lanes * ow - 1)):0] y);"
    if [ $ext -eq 1 ]; then rconn=rnd; else rconn="{$((lanes * m)){1'b0}}"; fi
    echo "    ref_top #($ref_params, .PRNG(\"$prng\"), .L($lanes), .P($pipe), .NSEEDS($nseeds), .SEED_W(${seed_w:-0}), .SEEDS($seeds), .STATE_W($state_w), .MASKS($masks)) u_ref ("
    echo "        .clk(clk), .rst(rst), .en(en), .x(x), .rnd($rconn), .y(y));"
    echo "endmodule"
} > "$dir/wrap_top.v"
if [ "$nseeds" -gt 0 ]; then
    # rst must load SEED bit for bit: 12 seeds in which every bit position has
    # its own pattern of values (bit i of pattern k is bit k of i, and the
    # complements), so a dropped, stuck or swapped seed bit shows up. One
    # miter per seed: Yosys's sat is much faster on 12 small problems.
    {
        echo '`default_nettype none'
        k=0
        for p in AAAAAAAAAAAAAAAA CCCCCCCCCCCCCCCC F0F0F0F0F0F0F0F0 FF00FF00FF00FF00 FFFF0000FFFF0000 FFFFFFFF00000000; do
            for inv in "" "~"; do
                for side in gold gate; do
                    echo "module ${side}_lfsr$k (input wire clk, input wire rst, input wire en, output wire [$((seed_w - 1)):0] q);"
                    echo "    localparam [63:0] SEED = ${inv}64'h$p;"
                    if [ $side = gold ]; then
                        echo "    ref_lfsr #(.W($seed_w), .SEED(SEED)) u_ref (.clk(clk), .rst(rst), .en(en), .q(q));"
                    else
                        echo "    ${name}_lfsr #(.SEED(SEED[$((seed_w - 1)):0])) u_dut (.clk(clk), .rst(rst), .en(en), .q(q));"
                    fi
                    echo "endmodule"
                done
                k=$((k + 1))
            done
        done
    } > "$dir/wrap_lfsr.v"
fi

# ---- the proofs, one Yosys run each: a miter of gold and gate, then sat.
now() { date +%s%N; }
run_proof() { # PROOF FILES "GOLD GATE"... -- "SAT-ARGS"...  (one miter per pair, each sat on each)
    p=$1 files=$2
    shift 2
    pairs=""
    while [ "$1" != "--" ]; do pairs="$pairs$1:"; shift; done
    shift
    {
        echo "read_verilog -I$dir $files"
        echo "hierarchy -check"
        echo "proc"
        # keep every flip-flop: a register whose output nothing reads (the
        # LFSRs of a D = 0 unit) must stay for the state invariant
        # shellcheck disable=SC2016 # $dff is Yosys's cell type, not a variable
        echo 'setattr -set keep 1 t:$dff'
        k=0
        echo "$pairs" | tr ':' '\n' | while read -r gold gate; do
            [ -n "$gold" ] || continue
            echo "miter -equiv -flatten $gold $gate miter$k"
            echo "opt -keepdc miter$k; wreduce -keepdc miter$k; opt_clean miter$k"
            for a in "$@"; do echo "sat -verify $a miter$k"; done
            k=$((k + 1))
        done
    } > "$dir/$p.ys"
    t0=$(now)
    yosys -q -l "$dir/$p.log" "$dir/$p.ys" > /dev/null 2>&1
    rc=$?
    t1=$(now)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ $rc -ne 0 ]; then
        if grep -q 'model found' "$dir/$p.log"; then why="counterexample"; else why="no proof: $(grep -m1 ERROR "$dir/$p.log")"; fi
        die "$p: $why (log: $dir/$p.log)"
    fi
    if grep -q -i 'warning' "$dir/$p.log"; then
        die "$p: Yosys warning: $(grep -m1 -i warning "$dir/$p.log") (log: $dir/$p.log)"
    fi
    # wall time, and Yosys's own CPU time (user + system: what load does not inflate)
    cpu=$(sed -n 's/.*CPU: user \([0-9.]*\)s system \([0-9.]*\)s.*/\1 \2/p' "$dir/$p.log" | tail -1)
    times="$times  $p $(awk -v ms=$ms -v cpu="$cpu" 'BEGIN { split(cpu, c, " "); printf "%.2f s (cpu %.2f)", ms / 1000, c[1] + c[2] }')"
}
times=""
ref=$refdir
# lane: combinational, all x and all random bits.
# lfsr, top: (1) temporal induction: base case all registers zero, induction
# step from any state in which the outputs agree and, for the top, gold's
# state (LFSRs, plateau phase) equals gate's: they agree at every later step;
# (2) from any two initial states, one cycle with rst high makes them agree.
reset_args="-seq 2 -set-at 1 in_rst 1 -prove-skip 1 -prove trigger 0"
induct_args="-tempinduct -prove trigger 0 -set-init-zero -maxsteps 8"
# A pipelined lane (--pipeline P > 0) is not combinational: the top proof,
# which holds it, covers it (with every x; with every random word for ext).
case ",$proofs," in *,lane,*)
    [ "$pipe" -eq 0 ] && run_proof lane "$ref/ref_lane.v $rtl/${name}_lane.v $dir/wrap_lane.v" \
        "gold_lane gate_lane" -- "-prove trigger 0" ;;
esac
case ",$proofs," in *,lfsr,*)
    [ "$nseeds" -gt 0 ] && run_proof lfsr "$ref/ref_lfsr.v $rtl/${name}_lfsr.v $dir/wrap_lfsr.v" \
        "gold_lfsr0 gate_lfsr0" "gold_lfsr1 gate_lfsr1" "gold_lfsr2 gate_lfsr2" "gold_lfsr3 gate_lfsr3" \
        "gold_lfsr4 gate_lfsr4" "gold_lfsr5 gate_lfsr5" "gold_lfsr6 gate_lfsr6" "gold_lfsr7 gate_lfsr7" \
        "gold_lfsr8 gate_lfsr8" "gold_lfsr9 gate_lfsr9" "gold_lfsr10 gate_lfsr10" "gold_lfsr11 gate_lfsr11" \
        -- "$induct_args" "$reset_args" ;;
esac
case ",$proofs," in *,top,*)
    inv=""; [ -n "$gate_state" ] && inv="-prove gold.u_ref.state $gate_state"
    lfsr_files=""; [ "$nseeds" -gt 0 ] && lfsr_files="$rtl/${name}_lfsr.v"
    run_proof top "$ref/ref_lane.v $ref/ref_lfsr.v $ref/ref_top.v $rtl/$name.v $rtl/${name}_lane.v $lfsr_files $dir/wrap_top.v" \
        "gold_top $name" -- "$induct_args $inv" "$reset_args $inv" ;;
esac

line="ok   $name $times"
if [ -n "${PROOF_COUNT:-}" ]; then
    echo "$line" > "${PROOF_COUNT%%:*}/$name.result"
    k=$(find "${PROOF_COUNT%%:*}" -name '*.result' | wc -l)
    line="[$k/${PROOF_COUNT#*:}] $line"
fi
echo "$line"
