"""esru.quantize and esru.Bank against the C model (quant_stream, called as
esrutrain calls it) and against the rule of docs/numerics.md."""
import math
import os
import re
import zlib

import numpy as np
import pytest
import torch

import esru
from conftest import REPO, c_round, config_for, unit_inputs

LANES = (1, 2, 5, 8)


def configs_of(kind):
    """Every accepted combination of fill, lanes and N/M for a kind (the
    Config refuses the others, e.g. pair with odd lanes)."""
    out = []
    for fill in ("zero", "half"):
        for lanes in LANES:
            for n, m in ((8, 3), (24, 24), (5, 1)):
                try:
                    out.append(esru.Config(prng=kind, fill=fill, lanes=lanes, sru_width=n, prng_width=m))
                except ValueError:
                    pass
    return out


def test_kinds_are_the_table():
    # One kind per ESRU_KIND line of gen/kinds/kinds.def, so a kind added
    # there is covered by every loop over esru.kinds() below.
    with open(os.path.join(REPO, "gen/kinds/kinds.def")) as f:
        rows = re.findall(r"^ESRU_KIND\(", f.read(), flags=re.M)
    assert len(esru.kinds()) == len(rows) > 0
    assert set(esru.kind_summaries()) == set(esru.kinds())


@pytest.mark.parametrize("kind", esru.kinds())
def test_bit_exact_with_c_for_every_kind(kind, ref, tmp_path):
    cfgs = configs_of(kind)
    # Every kind runs with both fills and with several lanes.
    assert {c.fill for c in cfgs} == {"zero", "half"} and max(c.lanes for c in cfgs) > 1
    rng = np.random.default_rng(zlib.crc32(kind.encode()))  # the same data in every run
    for cfg in cfgs:
        # Three tensors through one bank, one of them 2-D and one odd-sized,
        # so a partial lane group and the stream's continuation are covered.
        tensors = [unit_inputs(rng, cfg, 301).reshape(7, 43), unit_inputs(rng, cfg, 97), unit_inputs(rng, cfg, 5)]
        bank = esru.Bank(cfg, seed=12345)
        got = np.concatenate([esru.quantize(t, bank).ravel() for t in tensors])
        want = c_round(ref, tmp_path, cfg, 12345, tensors)
        assert np.array_equal(got, want), cfg


@pytest.mark.parametrize("rounding", ["rne", "trunc"])
def test_bit_exact_with_c_deterministic(rounding, ref, tmp_path):
    rng = np.random.default_rng(7)
    for cfg in (esru.Config(rounding=rounding, lanes=3),
                esru.Config(rounding=rounding, in_width=64, out_width=16, shift=40)):
        x = unit_inputs(rng, cfg, 1000)
        assert np.array_equal(esru.quantize(x, cfg), c_round(ref, tmp_path, cfg, cfg.seed, [x]))


def test_comparison_can_fail(ref, tmp_path):
    # Negative check: another seed or kind gives other bits, so the equality
    # above is not vacuous. (A 3-bit LFSR has 7 states, so some seeds share a
    # bank: 5 and 6 do; 5 and 4 do not.)
    rng = np.random.default_rng(3)
    cfg = esru.Config(prng="plateau", lanes=4)
    x = unit_inputs(rng, cfg, 2000)
    got = esru.quantize(x, esru.Bank(cfg, seed=5))
    assert not np.array_equal(got, c_round(ref, tmp_path, cfg, 4, [x]))
    assert not np.array_equal(got, c_round(ref, tmp_path, cfg.replace(prng="lfsr"), 5, [x]))


def test_known_answers_deterministic():
    # Independent of the C model: trunc is floor(x / 2^D), rne is numpy's
    # half-to-even of x / 2^D (exact in float64 for 32-bit x), both saturated.
    rng = np.random.default_rng(11)
    for rounding, ref_fn in (("trunc", np.floor), ("rne", np.rint)):
        cfg = esru.Config(rounding=rounding, shift=5, out_width=8)
        x = rng.integers(-(1 << 14), 1 << 14, size=5000)
        x[:4] = [16, 48, -16, 47]  # halves: 0.5 -> 0, 1.5 -> 2, -0.5 -> 0; 47/32 -> 1
        want = np.clip(ref_fn(x / 32.0), -128, 127).astype(np.int32)
        assert np.array_equal(esru.quantize(x, cfg), want)


@pytest.mark.parametrize("kind", esru.kinds())
def test_lane_rule_from_the_banks_random_bits(kind):
    # The documented rule, evaluated from the bank's own random bits: element
    # i meets lane i % L at cycle i / L; up iff top N discarded bits + (r << (N-M)
    # | fill) >= 2^N. (--prng ext draws its bits from an ideal source that
    # random() does not show, so it is checked against C above only.)
    if kind == "ext":
        return
    cfg = config_for(kind, sru_width=6, prng_width=3, fill="half", shift=9)
    n_bits, m, d, L = 6, 3, 9, cfg.lanes
    rng = np.random.default_rng(1)
    x = rng.integers(-(1 << 20), 1 << 20, size=203)
    walker = esru.Bank(cfg)
    want = []
    for g in range(0, x.size, L):
        r = walker.random()
        for lane, v in enumerate(x[g:g + L]):
            top = (int(v) & ((1 << d) - 1)) >> (d - n_bits)
            word = (int(r[lane]) << (n_bits - m)) | (1 << (n_bits - m - 1))
            want.append(max(-128, min(127, (int(v) >> d) + ((top + word) >> n_bits))))
        walker.advance()
    bank = esru.Bank(cfg)
    assert esru.quantize(x, bank).tolist() == want
    assert bank.cycles == walker.cycles == math.ceil(203 / L)


def test_floats_enter_as_their_fixed_point_image():
    # float v with output LSB s is the integer floor(v / s * 2^D), clamped to
    # IW bits: the float path equals the integer path on that image.
    rng = np.random.default_rng(5)
    cfg = esru.Config(prng="plateau", lanes=4, in_width=24, shift=12)
    v = rng.normal(0, 2.0, size=4001) * 10.0 ** rng.integers(-4, 4, size=4001)
    v[:6] = [np.inf, -np.inf, 1e30, -1e-300, 5e-324, -5e-324]
    # scales: 2^1023 takes v / s * 2^D below the normal range (tiny negatives
    # still floor to -1); 2^-1000 past the top (every nonzero value clamps);
    # 2^-1074 puts 2^(D - log2 s) beyond a double (the library then scales by two doubles)
    np.seterr(over="ignore")  # the references overflow to inf on purpose (then clamp)
    for dtype, scale in ((np.float64, 2.0 ** -5), (np.float32, 0.25), (np.float32, 1.0), (np.float64, 2.0 ** 1023),
                         (np.float32, 2.0 ** -1000), (np.float64, 2.0 ** -1074)):
        vd = v.astype(dtype)
        image = np.floor(np.ldexp(vd.astype(np.float64), 12 - int(math.log2(scale))))
        image = np.clip(image, -(1 << 23), (1 << 23) - 1).astype(np.int64)
        bank_f, bank_i = esru.Bank(cfg), esru.Bank(cfg)
        codes = esru.quantize(vd, bank_f, scale=scale, codes=True)
        assert np.array_equal(codes, esru.quantize(image, bank_i))
        assert bank_f.clamped == np.count_nonzero(np.abs(np.ldexp(vd.astype(np.float64), 12 - int(math.log2(scale)))) >= 2 ** 23)
        assert bank_f.clamped >= (2 if scale > 1e300 else 3)  # the infinities; 1e30 unless s is huge
        if dtype(scale) == 0:  # not a number of dtype: values refused, codes only
            with pytest.raises(ValueError, match=r"scale 2\^-1000 is out of range for float32 values "
                                                 r"\(valid: 2\^-149\.\.2\^127"):
                esru.quantize(vd, esru.Bank(cfg), scale=scale)
            continue
        values = esru.quantize(vd, esru.Bank(cfg), scale=scale)
        assert values.dtype == dtype and np.array_equal(values, codes.astype(dtype) * dtype(scale))


def test_torch_tensors_in_row_major_order():
    cfg = esru.Config(prng="lfsr", lanes=3)
    t = torch.randn(6, 9, dtype=torch.float32).t()  # not contiguous
    got = esru.quantize(t, cfg, scale=2.0 ** -6)
    assert isinstance(got, torch.Tensor) and got.dtype == torch.float32 and got.shape == t.shape
    assert np.array_equal(got.numpy(), esru.quantize(np.ascontiguousarray(t.numpy()), cfg, scale=2.0 ** -6))
    codes = esru.quantize(t.half(), cfg, scale=2.0 ** -6, codes=True)
    assert codes.dtype == torch.int32
    ints = esru.quantize(torch.arange(-50, 50) * 1000, cfg)
    assert ints.dtype == torch.int32 and ints.shape == (100,)


def test_bank_advance_jump_reset():
    cfg = esru.Config(prng="plateau", lanes=8, sru_width=24, prng_width=24)
    a, b = esru.Bank(cfg), esru.Bank(cfg)
    start = a.random()
    a.advance(1001)
    b.jump(1001)
    assert a.cycles == b.cycles == 1001
    assert np.array_equal(a.random(), b.random()) and not np.array_equal(a.random(), start)
    a.reset()
    assert np.array_equal(a.random(), start)
    assert not np.array_equal(esru.Bank(cfg, seed=2).random(), start)


def test_bad_input_is_refused_without_side_effects():
    cfg = esru.Config(in_width=16, shift=4)
    bank = esru.Bank(cfg)
    with pytest.raises(ValueError, match=r"x\[2\] = 32768 does not fit --in-width 16 \(valid: -32768\.\.32767\)"):
        esru.quantize(np.array([1, 2, 32768]), bank)
    with pytest.raises(ValueError, match=r"v\[1\] is NaN"):
        esru.quantize(np.array([1.0, np.nan]), bank)
    with pytest.raises(ValueError, match=r"scale 0.3 is not a power of two"):
        esru.quantize(np.array([1.0]), bank, scale=0.3)
    with pytest.raises(ValueError, match="scale applies to float inputs"):
        esru.quantize(np.array([1]), bank, scale=0.5)
    with pytest.raises(TypeError):
        esru.quantize(np.array([True]), bank)
    assert bank.cycles == 0  # nothing was rounded


# (flags for esrugen, keywords for esru.Config): the same message expected.
BAD = [
    (["--prng", "xorshift"], dict(prng="xorshift")),
    (["--sru-width", "8x"], dict(sru_width="8x")),
    (["--sru-width", "8", "--prng-width", "9"], dict(sru_width=8, prng_width=9)),
    (["--in-width", "-8"], dict(in_width=-8)),
    (["--out-width", "40"], dict(out_width=40)),
    (["--seed", "0"], dict(seed=0)),
    (["--seed", "010"], dict(seed="010")),
    (["--lanes", "0"], dict(lanes=0)),
    (["--prng", "pair", "--lanes", "3"], dict(prng="pair", lanes=3)),
    (["--fill", "one"], dict(fill="one")),
    (["--rounding", "up"], dict(rounding="up")),
    (["--rounding", "sr-ideal"], dict(rounding="sr-ideal")),
    (["--lanes", "4.0"], dict(lanes=4.0)),
]


@pytest.mark.parametrize("flags,kwargs", BAD, ids=[" ".join(f) for f, _ in BAD])
def test_errors_are_the_clis(flags, kwargs, esrugen, tmp_path):
    import subprocess
    p = subprocess.run([esrugen, *flags, "-o", str(tmp_path / "out")], capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.startswith("esrugen: ")
    cli = p.stderr[len("esrugen: "):].strip()
    with pytest.raises(ValueError) as e:
        esru.Config(**kwargs)
    assert str(e.value) == cli
    line = " ".join(flags)
    with pytest.raises(ValueError) as e:
        esru.Config.from_line(line)
    assert str(e.value) == cli


def test_unknown_keyword_names_the_flag():
    with pytest.raises(ValueError, match=r"^--bogus-flag is not a flag of a config line"):
        esru.Config(bogus_flag=1)
    with pytest.raises(ValueError, match=r"^--output does not apply to a config line"):
        esru.Config(output="x")


def test_config_fields_and_replace():
    cfg = esru.Config(sru_width=8, prng_width=3, prng="plateau", fill="half", lanes=4, seed=7)
    assert (cfg.sru_width, cfg.prng_width, cfg.prng, cfg.fill, cfg.lanes, cfg.seed) == (8, 3, "plateau", "half", 4, 7)
    assert esru.Config.from_line(cfg.flags) == cfg
    assert cfg.replace(lanes=8).lanes == 8 and cfg.lanes == 4
    with pytest.raises(ValueError, match="--prng-width 3 is out of range"):
        cfg.replace(sru_width=2)
    assert esru.Config.from_line("--lanes 2 --seed 3").replace(lanes=4).as_dict() == esru.Config(lanes=4, seed=3).as_dict()


@pytest.mark.parametrize("kind", esru.kinds())
def test_replace_changes_the_kind(kind):
    # replace() starts from the given flags, not the resolved fields, so a
    # field that only one kind takes (a state width) does not stick.
    cfg = config_for(kind, fill="half")
    other = cfg.replace(prng="lfsr")
    assert other.prng == "lfsr" and other.lanes == cfg.lanes and other.fill == "half"
