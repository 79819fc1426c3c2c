#!/usr/bin/python3
"""Speed of esru.quantize from Python: elements per second for a 1M-element
tensor (best of 5 runs, wall clock and process CPU time).

    /usr/bin/python3 python/examples/bench_quantize.py [--n 1000000] [--json]
(--json: one JSON object, for make bench)
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import esru  # noqa: E402


def best(fn, runs):
    wall = cpu = float("inf")
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    f32 = rng.normal(0, 1, args.n).astype(np.float32)
    i64 = rng.integers(-(1 << 31), 1 << 31, args.n)
    cases = [
        ("float32, 8/3 shared (the default), 1 lane", esru.Config(), f32, 2.0 ** -6),
        ("float32, 8/3 shared, 8 lanes", esru.Config(lanes=8), f32, 2.0 ** -6),
        ("float32, 8/3 plateau, 8 lanes", esru.Config(prng="plateau", lanes=8), f32, 2.0 ** -6),
        ("float32, 24/24 lfsr, 8 lanes", esru.Config(prng="lfsr", sru_width=24, prng_width=24, lanes=8), f32,
         2.0 ** -6),
        ("int64, 8/3 shared, 8 lanes", esru.Config(lanes=8), i64, None),
    ]
    try:
        import torch
        torch.set_num_threads(1)
        cases.append(("torch float32, 8/3 shared, 8 lanes", esru.Config(lanes=8), torch.from_numpy(f32), 2.0 ** -6))
    except ImportError:
        pass
    rows = []
    for name, cfg, x, scale in cases:
        bank = esru.Bank(cfg)
        wall, cpu = best(lambda: esru.quantize(x, bank, scale=scale), args.runs)
        rows.append({"case": name, "melem_s_wall": round(args.n / wall / 1e6, 1),
                     "melem_s_cpu": round(args.n / max(cpu, 1e-9) / 1e6, 1)})
    if args.json:
        print(json.dumps({"elements": args.n, "runs": args.runs, "cases": rows}))
        return
    print(f"esru.quantize, {args.n} elements, best of {args.runs} (library {esru.lib_path})")
    print("| input | M elements/s (wall) | M elements/s (CPU) |\n| --- | --- | --- |")
    for r in rows:
        print(f"| {r['case']} | {r['melem_s_wall']} | {r['melem_s_cpu']} |")

if __name__ == "__main__":
    main()
