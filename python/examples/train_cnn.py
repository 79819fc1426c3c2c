#!/usr/bin/python3
"""Train a small CNN on Fashion-MNIST in PyTorch with 8-bit fixed-point
weights updated by an SRU (esru.torch.SGD: w <- sat(w + SR(-lr*g)), exactly
the update lane of esrugen's MAC array), and compare SRUs: 24/24 lfsr against
8/3 kinds (lfsr, plateau, and shared when the kind table has it), with an fp32
baseline. Prints a Markdown table, writes a plot (matplotlib, Agg) and JSON.

    /usr/bin/python3 python/examples/train_cnn.py                       # the defaults of docs/python.md
    /usr/bin/python3 python/examples/train_cnn.py --epochs 1 --train-limit 2000 --kinds plateau
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np

# OpenMP threads that spin while waiting make torch many times slower on a
# machine shared with other jobs; a passive wait costs little when it is idle.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402
from torch import nn  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
import esru  # noqa: E402
import esru.torch as et  # noqa: E402


def read_idx(path, magic):
    """A gzip IDX file (big-endian header: magic, dims) as a uint8 array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    got = int.from_bytes(data[:4], "big")
    if got != magic:
        sys.exit(f"train_cnn: {path}: magic {got} is not {magic} (not an IDX file of this kind)")
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != math.prod(dims):
        sys.exit(f"train_cnn: {path}: {body.size} bytes of data, the header says {math.prod(dims)}")
    return body.reshape(dims)


def load(data_dir, split, limit):
    prefix = "train" if split == "train" else "t10k"
    try:
        x = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"), 2051)
        y = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"), 2049)
    except OSError as e:
        sys.exit(f"train_cnn: {e} (install dataset-fashion-mnist, or pass --data DIR)")
    n = min(limit, len(y)) if limit else len(y)
    # pixel p -> p/256 (as esrutrain's input), a channel axis for the convolutions
    return torch.from_numpy(x[:n].astype(np.float32) / 256.0).unsqueeze(1), torch.from_numpy(y[:n].astype(np.int64))


class Progress:
    """A one-line bar on a terminal, a plain line per 10 % otherwise."""

    def __init__(self, total, label):
        self.total, self.label, self.tty = total, label, sys.stderr.isatty()
        self.start, self.shown, self.last = time.time(), -1, 0.0

    def update(self, done, note=""):
        frac = done / self.total
        if self.tty:
            now = time.time()
            if now - self.last < 0.2 and done < self.total:
                return
            self.last = now
            bar = "#" * int(30 * frac)
            sys.stderr.write(f"\r{self.label:<24} [{bar:<30}] {100 * frac:5.1f} % {now - self.start:5.0f} s {note}")
            if done == self.total:
                sys.stderr.write("\n")
        elif int(10 * frac) > self.shown:
            self.shown = int(10 * frac)
            print(f"{self.label}: {10 * self.shown} % ({time.time() - self.start:.0f} s) {note}", file=sys.stderr)
        sys.stderr.flush()


def make_model(seed):
    torch.manual_seed(seed)  # every run starts from the same network
    return nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),   # 8 x 12 x 12
        nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),  # 16 x 4 x 4
        nn.Flatten(), nn.Linear(256, 10))


@torch.no_grad()
def accuracy(model, x, y):
    model.eval()
    correct = sum(int((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum()) for i in range(0, len(y), 1000))
    model.train()
    return 100.0 * correct / len(y)


def run(name, cfg, seed, args, data):
    """One training run; cfg None is the fp32 baseline. The seed sets the
    init, the data order and the SRU bank."""
    xtr, ytr, xte, yte = data
    model = make_model(seed)
    if cfg is None:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    else:
        cfg = cfg.replace(seed=seed)
        opt = et.SGD(model.parameters(), lr=args.lr, bank=esru.Bank(cfg), weight_width=args.weight_width,
                     headroom=args.headroom)
    loss_fn = nn.CrossEntropyLoss()
    order = np.random.default_rng(seed)  # the same data order for every configuration
    steps_per_epoch = math.ceil(len(ytr) / args.batch)
    evals_per_epoch = args.evals_per_epoch
    total = args.epochs * steps_per_epoch
    prog = Progress(total, f"{name} (seed {seed})")
    curve = [(0, accuracy(model, xte, yte))]
    losses, step, t0 = [], 0, time.time()
    cycles_per_step = None
    for epoch in range(args.epochs):
        perm = torch.from_numpy(order.permutation(len(ytr)))
        running = 0.0
        for s in range(steps_per_epoch):
            idx = perm[s * args.batch:(s + 1) * args.batch]
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            before = opt.bank.cycles if cfg is not None else 0
            opt.step()
            if cfg is not None and cycles_per_step is None:
                cycles_per_step = opt.bank.cycles - before
            running += float(loss)
            step += 1
            if (s + 1) % math.ceil(steps_per_epoch / evals_per_epoch) == 0 or s + 1 == steps_per_epoch:
                curve.append((step * args.batch, accuracy(model, xte, yte)))
                losses.append((step * args.batch, running / (s + 1)))
            prog.update(step, f"test {curve[-1][1]:.1f} %")
    out = {"name": name, "seed": seed, "config": cfg.canonical if cfg else "fp32", "test_accuracy": curve[-1][1],
           "curve": curve, "loss": losses, "seconds": time.time() - t0}
    if cfg is not None:
        # Each weight meets its lane every `cycles_per_step` bank advances: the
        # analyzer's per-element bias for that stride says what one weight sees.
        try:
            a = esru.analyze(cfg, strides=[cycles_per_step])
            worst = a["worst_element_mean_bias"]
        except ValueError as e:  # a stride the per-element analysis refuses (too much to enumerate)
            a, worst = esru.analyze(cfg), None
            print(f"train_cnn: {name}: no per-element figure: {e}", file=sys.stderr)
        out.update(cycles_per_step=cycles_per_step, mean_bias=a["design"]["mean_bias_unbounded"],
                   worst_element_bias=worst, weight_saturations=opt.weight_saturations,
                   grad_saturations=opt.grad_saturations)
    return out


def summarize(results):
    """One row per configuration: accuracy mean and sample sd over seeds, mean curves."""
    rows = {}
    for r in results:
        rows.setdefault(r["name"], []).append(r)
    out = []
    for name, rs in rows.items():
        acc = [r["test_accuracy"] for r in rs]
        row = dict(rs[0], seeds=[r["seed"] for r in rs], test_accuracy=float(np.mean(acc)),
                   test_accuracy_sd=float(np.std(acc, ddof=1)) if len(acc) > 1 else 0.0,
                   seconds=sum(r["seconds"] for r in rs),
                   curve=[(c[0], float(np.mean([r["curve"][i][1] for r in rs]))) for i, c in enumerate(rs[0]["curve"])],
                   loss=[(c[0], float(np.mean([r["loss"][i][1] for r in rs]))) for i, c in enumerate(rs[0]["loss"])])
        if "weight_saturations" in row:
            row["weight_saturations"] = float(np.mean([r["weight_saturations"] for r in rs]))
        out.append(row)
    return out


def plot(results, path, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for r in results:
        style = "k--" if r["config"] == "fp32" else "-"
        ax1.plot([c[0] for c in r["curve"]], [c[1] for c in r["curve"]], style, label=r["name"], lw=1.4)
        ax2.plot([c[0] for c in r["loss"]], [c[1] for c in r["loss"]], style, label=r["name"], lw=1.4)
    ax1.set(xlabel="training images", ylabel="test accuracy (%)", title="test accuracy")
    ax1.set_ylim(bottom=max(0, min(c[1] for r in results for c in r["curve"][1:]) - 5))
    ax2.set(xlabel="training images", ylabel="mean training loss in the epoch", title="training loss")
    ax1.grid(alpha=0.3)
    ax2.grid(alpha=0.3)
    ax2.legend(fontsize=8)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, dpi=110)


def main():
    ap = argparse.ArgumentParser(description="Fashion-MNIST CNN with SRU-rounded 8-bit weight updates")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--train-limit", type=int, default=20000, help="first N training images (0: all)")
    ap.add_argument("--test-limit", type=int, default=5000, help="first N test images (0: all)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2 ** -4, help="a power of two")
    ap.add_argument("--weight-width", type=int, default=8)
    ap.add_argument("--lanes", type=int, default=4)
    ap.add_argument("--fills", default="zero,half", help="fills of the 8/3 runs")
    ap.add_argument("--kinds", default="default", help="8/3 kinds, comma-separated ('default': lfsr, plateau "
                    "and shared if present; 'all': every kind)")
    ap.add_argument("--no-fp32", action="store_true", help="skip the fp32 baseline")
    ap.add_argument("--seeds", default="1", help="comma-separated seeds (init, data order, bank)")
    ap.add_argument("--headroom", type=int, default=1, help="weight range bits above esrutrain's init rule")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--evals-per-epoch", type=int, default=4)
    ap.add_argument("--plot", default="out/python/train_cnn.png")
    ap.add_argument("--json", default="out/python/train_cnn.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    known = esru.kinds()
    if args.kinds == "default":
        kinds = [k for k in ("lfsr", "plateau", "shared") if k in known]
    elif args.kinds == "all":
        kinds = known
    else:
        kinds = args.kinds.split(",")
    sru = dict(lanes=args.lanes)
    seeds = [int(x) for x in args.seeds.split(",")]
    try:
        runs = [] if args.no_fp32 else [("fp32", None)]
        runs.append(("24/24 lfsr", esru.Config(prng="lfsr", sru_width=24, prng_width=24, **sru)))
        for kind in kinds:
            for fill in args.fills.split(","):
                runs.append((f"8/3 {kind}, fill {fill}",
                             esru.Config(prng=kind, sru_width=8, prng_width=3, fill=fill, **sru)))
        et._lr_log2(args.lr)
    except ValueError as e:
        sys.exit(f"train_cnn: {e}")
    data = (*load(args.data, "train", args.train_limit), *load(args.data, "test", args.test_limit))
    print(f"train_cnn: {len(data[1])} training, {len(data[3])} test images, {args.epochs} epochs, batch "
          f"{args.batch}, lr {args.lr:g}, {args.weight_width}-bit weights (headroom {args.headroom}), "
          f"{args.lanes} lanes, seeds {args.seeds}, {args.threads} threads", file=sys.stderr)
    results = [run(name, cfg, seed, args, data) for name, cfg in runs for seed in seeds]
    rows = summarize(results)
    print(f"| run | test accuracy (%){', mean +- sd' if len(seeds) > 1 else ''} | mean bias (LSB) "
          "| worst weight's bias (LSB) | bank cycles per step | weight saturations | time (s) |\n"
          "| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        acc = f"{r['test_accuracy']:.2f}" + (f" +- {r['test_accuracy_sd']:.2f}" if len(seeds) > 1 else "")
        if "cycles_per_step" in r:
            worst = "n/a" if r["worst_element_bias"] is None else f"{r['worst_element_bias']:+.4f}"
            print(f"| {r['name']} | {acc} | {r['mean_bias']:+.4f} | {worst} | "
                  f"{r['cycles_per_step']} | {r['weight_saturations']:.0f} | {r['seconds']:.0f} |")
        else:
            print(f"| {r['name']} | {acc} | | | | | {r['seconds']:.0f} |")
    title = (f"Fashion-MNIST CNN, {len(data[1])} images x {args.epochs} epochs, {args.weight_width}-bit weights "
             f"updated by the SRU, {args.lanes} lanes, lr {args.lr:g}, "
             + (f"seed {seeds[0]}" if len(seeds) == 1 else f"mean of seeds {args.seeds}"))
    plot(rows, args.plot, title)
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"args": vars(args), "summary": rows, "runs": results}, f, indent=1)
    print(f"train_cnn: wrote {args.plot} and {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
