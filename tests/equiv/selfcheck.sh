#!/bin/sh
# Self-check of the RTL-equals-model comparison: with the C model of one unit
# deliberately wrong, the Verilator harness must report a mismatch naming
# that unit and exit 1. A harness that cannot fail proves nothing.
# usage: selfcheck.sh VEQUIV
set -u
bin=$1
fail=0
for m in e_plat_a:seed e_lfsr_e:seed e_sl_d:seed e_pair_a:fill e_inv_c:shift e_ext_a:rne e_rne_a:trunc e_tr_a:rne \
         e_sl_a:noen e_plat_b:norst e_rne_c:noen e_p1_sh:latency e_p2_plat:latency e_tr_a:latency; do
    name=${m%%:*}
    out=$("$bin" --cycles 20000 --mutate "$m" 2>&1)
    rc=$?
    if [ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q "^MISMATCH config $name "; then
        echo "ok   self-check $m: $(printf '%s\n' "$out" | grep '^MISMATCH' | cut -c1-60)..."
    else
        echo "FAIL self-check $m: the harness did not report the wrong model (rc $rc)"
        printf '%s\n' "$out" | tail -3
        fail=1
    fi
done
exit $fail
