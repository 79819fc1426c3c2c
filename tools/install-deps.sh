#!/bin/sh
# The one list of Debian packages esrugen needs; used by the README and .ci/run.
set -e
# qflow-tech-osu018, opensta: standard-cell area and static timing (make synth);
# nextpnr-ice40, fpga-icestorm(-chipdb): iCE40 place and route (make pnr);
# slurmctld, slurmd, slurm-client, munge, parallel: the exploration's cluster path, tested on a
# single-node Slurm and GNU parallel (make test-cluster; the daemons are started by the test only);
# python3 (Debian's, /usr/bin/python3) with numpy, pytest, torch, matplotlib:
# the esru Python package, its tests and the PyTorch example.
PKGS="build-essential pkg-config verilator yosys iverilog libcmocka-dev libcjson-dev dataset-fashion-mnist zlib1g-dev gnuplot-nox
      qflow-tech-osu018 opensta nextpnr-ice40 fpga-icestorm fpga-icestorm-chipdb
      slurmctld slurmd slurm-client munge parallel
      python3 python3-numpy python3-pytest python3-torch python3-matplotlib"
# --fuzz: also clang and its libFuzzer runtime, for `make fuzz` only (not `make test`).
[ "${1:-}" = "--fuzz" ] && PKGS="$PKGS clang libclang-rt-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "install-deps: installing:$missing"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
