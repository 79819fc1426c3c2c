"""esru.analyze against `esrugen analyze --json` (the same analyzer through
the CLI's printer), for every kind, with per-element strides."""
import json
import subprocess

import pytest

import esru
from conftest import config_for


def cli_json(esrugen, cfg, strides):
    flags = cfg.flags.replace("--name esru", "").split()  # analyze takes no --name
    cmd = [esrugen, "analyze", *flags, "--json"] + (["--stride", ",".join(map(str, strides))] if strides else [])
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def same(a, b, where):
    """Equal, up to the CLI's %.10g printing of reals."""
    if isinstance(b, dict):
        for k in b:
            same(a[k], b[k], f"{where}.{k}")
    elif isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-300), where
    else:
        assert a == b, where


@pytest.mark.parametrize("kind", esru.kinds())
def test_analyze_is_the_clis(kind, esrugen):
    cfg = config_for(kind, fill="half")
    strides = [1, 4, 7]
    got = esru.analyze(cfg, strides=strides)
    want = cli_json(esrugen, cfg, strides)
    assert set(want) <= set(got)
    same(got, want, kind)
    assert [s["stride"] for s in got["strides"]] == strides


def test_analyze_comparison_can_fail(esrugen):
    # Negative check: the figures of another fill differ from these.
    got = esru.analyze(prng="lfsr", fill="zero")
    want = cli_json(esrugen, esru.Config(prng="lfsr", fill="half"), [])
    with pytest.raises(AssertionError):
        same(got, want, "fill")


def test_known_figures_of_a_uniform_source():
    # Worked out by hand (docs/training.md's bias table): an ideal uniform
    # 3-bit source (ext) has mean random value (2^3 - 1) / 2 = 3.5, and with
    # fill half the word is r/8 + 1/16, a uniform midpoint grid, so inputs
    # uniform inside each grid cell round up with probability exactly their
    # fraction: mean bias 0 over unbounded inputs.
    a = esru.analyze(prng="ext", fill="half")
    assert a["mean_random_value"] == a["ideal_mean_random_value"] == 3.5
    assert a["design"]["mean_bias_unbounded"] == 0.0
    # The naive LFSR never emits 0: values 1..7, mean 4, half a step (1/16
    # of an output LSB at M = 3) above the uniform source.
    b = esru.analyze(prng="lfsr", fill="half")
    assert b["mean_random_value"] == 4.0 and b["design"]["mean_bias_unbounded"] == 0.0625


def test_bad_stride():
    with pytest.raises(ValueError, match=r"--stride item 2 '0' is out of range"):
        esru.analyze(esru.Config(), strides=[3, 0])
