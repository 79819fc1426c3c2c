"""esru.torch: the SGD update against the C model's weight update
(fx_backend_c.update after quant_from_float, as called by quant_ref), known
answers, and the Quantizer's gradients."""
import math

import numpy as np
import pytest
import torch

import esru
import esru.torch as et
from conftest import c_update, config_for


def small_model():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Conv2d(1, 3, 3), torch.nn.Flatten(), torch.nn.Linear(3 * 4 * 4, 5))


@pytest.mark.parametrize("kind", esru.kinds())
def test_sgd_is_the_c_update(kind, ref, tmp_path):
    cfg = config_for(kind, fill="half")
    model = small_model()
    opt = et.SGD(model.parameters(), lr=2 ** -3, bank=esru.Bank(cfg, seed=9), weight_width=8, grad_width=6)
    params = list(model.parameters())
    w0 = [opt.codes(p).copy() for p in params]
    exps = [opt.exponent(p) for p in params]
    grads = []
    rng = np.random.default_rng(2)
    for step in range(3):
        g = [(rng.normal(0, 1, p.shape) * 10.0 ** rng.integers(-6, 1)).astype(np.float32) for p in params]
        g[1][0] = 0.0
        for p, gi in zip(params, g):
            p.grad = torch.from_numpy(gi)
        opt.step()
        grads.append(g)
    want = c_update(ref, tmp_path, cfg, 9, w0, grads, exps, -3, 6, 8)
    got = np.concatenate([opt.codes(p) for p in params])
    assert np.array_equal(got, want)
    assert not np.array_equal(got, np.concatenate(w0))  # the weights moved
    for p in params:  # p holds w * 2^e exactly
        assert np.array_equal(p.detach().numpy().ravel(), np.ldexp(opt.codes(p).astype(np.float32), opt.exponent(p)))
    # Negative check: the C update through a bank of another seed differs.
    assert not np.array_equal(got, c_update(ref, tmp_path, cfg, 10, w0, grads, exps, -3, 6, 8))


def test_trunc_update_known_answer():
    # With trunc the update lane adds floor(-lr*g / 2^e) to w, saturated: for
    # gradients exact on the float grid this is plain integer arithmetic.
    w = torch.nn.Parameter(torch.zeros(8))
    opt = et.SGD([w], lr=2 ** -2, rounding="trunc", weight_width=4, exponent=-3)
    codes = opt.codes(w)
    codes[:] = [0, 0, 5, -5, 7, -8, 1, 0]
    g = np.array([0.25, -0.25, 1.0, -1.0, -2.0, 2.0, 0.0, 100.0], dtype=np.float32)
    w.grad = torch.from_numpy(g)
    opt.step()
    # -lr*g / 2^-3 = -2g: -0.5, 0.5, -2, 2, 4, -4, 0, -200; floored: -1, 0,
    # -2, 2, 4, -4, 0, -200 -> -8 (the 4-bit update saturates); w + u: -1, 0,
    # 3, -3, 11 -> 7, -12 -> -8, 1, -8 (two weight saturations).
    assert opt.codes(w).tolist() == [-1, 0, 3, -3, 7, -8, 1, -8]
    assert opt.weight_saturations == 2 and opt.grad_saturations == 1
    assert opt.saturations(w) == (1, 2)


def test_sr_update_is_unbiased_in_the_mean():
    # 24/24 lfsr: each weight gets -1/4 LSB in expectation; over 4096 weights
    # the mean update is -0.25 within 5 standard errors (sqrt(3/16/4096)).
    w = torch.nn.Parameter(torch.zeros(4096))
    opt = et.SGD([w], lr=2 ** -4, prng="lfsr", sru_width=24, prng_width=24, exponent=-8)
    w.grad = torch.full((4096,), 2.0 ** -6)  # lr*g = 2^-10 = 1/4 of 2^-8
    opt.step()
    mean = opt.codes(w).mean()
    assert abs(mean + 0.25) < 5 * math.sqrt(3 / 16 / 4096)
    assert set(np.unique(opt.codes(w))) == {-1, 0}


def test_init_exponent_is_the_trainers_rule():
    # Range = smallest power of two >= 2 max|w|, LSB = range / 2^(B-1).
    assert et.init_exponent(torch.tensor([0.3, -0.1]), 8) == 0 - 7  # 0.6 -> range 1
    assert et.init_exponent(torch.tensor([0.5]), 8) == 0 - 7  # exactly 1 -> 1
    assert et.init_exponent(torch.tensor([0.51]), 8) == 1 - 7
    assert et.init_exponent(torch.zeros(3), 8) == -7
    p = torch.nn.Parameter(torch.tensor([0.3, -0.1]))
    assert et.SGD([p], headroom=2).exponent(p) == -7 + 2  # two more bits of range
    assert et.SGD([p], exponent=-3).exponent(p) == -3


def test_sgd_refuses_bad_settings():
    p = [torch.nn.Parameter(torch.ones(2))]
    with pytest.raises(ValueError, match=r"lr 0.1 is not a power of two"):
        et.SGD(p, lr=0.1)
    with pytest.raises(ValueError, match=r"weight_width 30 is out of range"):
        et.SGD(p, weight_width=30)
    with pytest.raises(ValueError, match=r"--prng 'x' is unknown"):
        et.SGD(p, prng="x")
    opt = et.SGD(p)
    p[0].grad = torch.tensor([1.0, float("nan")])
    with pytest.raises(ValueError, match=r"g\[1\] = nan is not finite"):
        opt.step()


def test_quantizer_straight_through_and_backward_rounding():
    fwd = esru.Config(prng="plateau", lanes=4, fill="half")
    bwd = esru.Config(prng="lfsr", lanes=4, seed=3)
    x = torch.randn(5, 7, requires_grad=True)
    g = torch.randn(5, 7)
    y = et.Quantizer(fwd)(x)
    y.backward(g)
    s = et.dynamic_scale(x, 8)
    assert torch.equal(y, esru.quantize(x.detach(), fwd, scale=s))
    assert torch.equal(x.grad, g)  # straight through
    x.grad = None
    y = et.Quantizer(fwd, backward=bwd)(x)
    y.backward(g)
    assert torch.equal(x.grad, esru.quantize(g, bwd, scale=et.dynamic_scale(g, 8)))
    assert not torch.equal(x.grad, g)


def test_dynamic_scale_fits_the_largest_value():
    for m in (0.3, 1.0, 1.5, 127.0, 128.0, 1e-5):
        s = et.dynamic_scale(torch.tensor([m, -m / 3]), 8)
        assert m < 128 * s and not m < 64 * s  # the smallest power of two that fits
        assert math.frexp(s)[0] == 0.5


def test_dynamic_scale_stops_at_the_least_subnormal():
    # float32's least subnormal is 2^-149: a tensor of a few of them gets that
    # scale (8 bits would ask 2^-149 * 2^-5), and quantizes without error and
    # exactly (every value is a multiple of the scale: no rounding at all)
    tiny = torch.tensor([3.0, -2.0, 1.0]) * 2.0 ** -149
    assert tiny[2].item() == 2.0 ** -149
    assert et.dynamic_scale(tiny, 8) == 2.0 ** -149
    q = et.Quantizer(forward=esru.Config())
    assert torch.equal(q(tiny), tiny)
    assert et.dynamic_scale(tiny.double(), 8) == 2.0 ** (-147 - 7)  # float64 goes lower


def test_layers_round_their_outputs():
    torch.manual_seed(1)
    q = et.Quantizer(esru.Config(lanes=2), scale=2.0 ** -4)
    lin = et.Linear(6, 3, quantizer=q)
    conv = et.Conv2d(1, 2, 3, quantizer=q, padding=1)
    for layer, x in ((lin, torch.randn(4, 6)), (conv, torch.randn(2, 1, 5, 5))):
        y = layer(x)
        assert torch.equal(y * 16, torch.round(y * 16))  # on the 2^-4 grid
        assert y.abs().max() <= 8  # 8-bit output: at most 127/16 or -128/16
        y.sum().backward()
        assert layer.weight.grad is not None
