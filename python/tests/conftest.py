"""Shared helpers of the esru Python tests (run by `make test-python`).

The C side of every bit-exactness check is build/python/tests/quant_ref: the
model linked statically and called as esrutrain calls it, not through
libesru.so or gen/api."""
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, os.pardir, os.pardir))
sys.path.insert(0, os.path.join(REPO, "python"))  # the package of this tree

import esru  # noqa: E402


def _tool(env, default):
    path = os.environ.get(env, os.path.join(REPO, default))
    if not os.path.isabs(path):
        path = os.path.abspath(path)
    if not os.path.exists(path):
        pytest.exit(f"{path} is missing: run `make test-python` (it builds it)", returncode=2)
    return path


@pytest.fixture(scope="session")
def ref():
    return _tool("ESRU_REF", "build/python/tests/quant_ref")


@pytest.fixture(scope="session")
def esrugen():
    return _tool("ESRUGEN", "esrugen")


def c_round(ref, tmp_path, config, seed, tensors):
    """The C model's outputs for the int64 tensors, streamed through one bank."""
    x = np.concatenate([np.ascontiguousarray(t, dtype=np.int64).ravel() for t in tensors])
    xin, yout = tmp_path / "x.i64", tmp_path / "y.i32"
    x.tofile(xin)
    sizes = ",".join(str(np.asarray(t).size) for t in tensors)
    subprocess.run([ref, "round", config.flags, str(seed), sizes, str(xin), str(yout)], check=True)
    return np.fromfile(yout, dtype=np.int32)


def c_update(ref, tmp_path, config, seed, weights, grads_per_step, exps, lr_log2, gw, ww):
    """The C model's weights after the steps (each a list of float32 gradients)."""
    w = np.concatenate([np.asarray(t, dtype=np.int32).ravel() for t in weights])
    g = np.concatenate([np.asarray(t, dtype=np.float32).ravel() for step in grads_per_step for t in step])
    paths = [tmp_path / n for n in ("w.i32", "g.f32", "out.i32")]
    w.tofile(paths[0])
    g.tofile(paths[1])
    sizes = ",".join(str(np.asarray(t).size) for t in weights)
    subprocess.run([ref, "update", config.flags, str(seed), sizes, *map(str, paths), ",".join(map(str, exps)),
                    str(lr_log2), str(gw), str(ww), str(len(grads_per_step))], check=True)
    return np.fromfile(paths[2], dtype=np.int32)


def unit_inputs(rng, config, n):
    """int64 inputs of the unit: every magnitude up to the IW range, its ends, zeros."""
    iw = config.in_width
    lo, hi = -(1 << (iw - 1)), (1 << (iw - 1)) - 1
    bits = rng.integers(0, min(iw, 63), size=n)
    x = rng.integers(0, 1 << 62, size=n, dtype=np.int64) >> (62 - bits)  # about `bits` bits
    x = np.where(rng.random(n) < 0.5, -x, x)
    x[:4] = [lo, hi, 0, -1][: min(4, n)]
    return np.clip(x, lo, hi)


def config_for(kind, **flags):
    """A config of this kind with the flags and the first lane count it
    accepts of 4, 8, 2, 1 (a kind may restrict lanes, as pair does)."""
    errors = []
    for lanes in (4, 8, 2, 1):
        try:
            return esru.Config(prng=kind, lanes=lanes, **flags)
        except ValueError as e:
            errors.append(str(e))
    raise AssertionError(f"--prng {kind} accepts none of lanes 4, 8, 2, 1: {errors}")
