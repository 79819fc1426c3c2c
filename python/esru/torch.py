"""The PyTorch layer: Quantizer (straight-through gradient), quantized Linear
and Conv2d, and SGD whose weight update is the SRU's update lane.

Every rounding is esru.quantize or the library's update (the C model); this
module only chooses scales and moves tensors. docs/python.md explains how to
use it on one's own model."""
import ctypes
import math

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from . import _lib
from .core import Bank, Config, _pow2, _scale_range, quantize

__all__ = ["Quantizer", "Linear", "Conv2d", "SGD", "dynamic_scale", "init_exponent"]


def _bank(b, what):
    if b is None or isinstance(b, Bank):
        return b
    if isinstance(b, Config):
        return Bank(b)
    raise TypeError(f"{what}: expected an esru.Bank, esru.Config or None, got {type(b).__name__}")


def dynamic_scale(x, width):
    """The smallest power of two s with max|x| < 2^(width-1) * s: the
    trainer's dynamic per-tensor scale (quant_dyn_shift) for floats, so the
    largest value fits unless SR rounds it up (then it saturates). 1 for an
    all-zero or non-finite x. Never below the least subnormal of x's float
    type (2^-149 for float32): x is a multiple of it, so tiny tensors (an
    underflowing gradient) round exactly instead of leaving the type."""
    m = float(x.detach().abs().max()) if x.numel() else 0.0
    if m == 0.0 or not math.isfinite(m):
        return 1.0
    e = math.frexp(m)[1] - (width - 1)  # m < 2^frexp exponent
    if x.is_floating_point():
        e = max(e, _scale_range(x.dtype == torch.float64)[0])
    return math.ldexp(1.0, e)


def init_exponent(w, width):
    """The weight exponent e of esrutrain's rule: the range 2^(e + width - 1)
    is the smallest power of two >= 2 max|w| (e = -(width-1), range 1, for an
    all-zero tensor)."""
    m = 2.0 * float(w.detach().abs().max()) if w.numel() else 0.0
    if m == 0.0:
        return -(width - 1)
    f, ex = math.frexp(m)
    return (ex - 1 if f == 0.5 else ex) - (width - 1)


class _Round(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, q):
        ctx.q = q
        return q._round(x, q.forward_bank) if q.forward_bank is not None else x.clone()

    @staticmethod
    def backward(ctx, g):
        q = ctx.q
        return (q._round(g, q.backward_bank) if q.backward_bank is not None else g), None


class Quantizer(nn.Module):
    """Rounds its input through an SRU in the forward pass (forward=Bank or
    Config) and, optionally, the incoming gradient in the backward pass
    (backward=Bank or Config); without a backward bank the gradient passes
    straight through. scale: "dynamic" (per tensor and call, see
    dynamic_scale, width = the config's --out-width) or a fixed power of two,
    the output LSB."""

    def __init__(self, forward=None, backward=None, scale="dynamic"):
        super().__init__()
        self.forward_bank = _bank(forward, "forward")
        self.backward_bank = _bank(backward, "backward")
        if scale != "dynamic":
            _pow2(scale, "scale")
        self.scale = scale

    def _round(self, x, bank):
        s = dynamic_scale(x, bank.config.out_width) if self.scale == "dynamic" else self.scale
        return quantize(x, bank, scale=s)

    def forward(self, x):
        if self.forward_bank is None and self.backward_bank is None:
            return x
        return _Round.apply(x, self)

    def extra_repr(self):
        f = self.forward_bank.config.canonical if self.forward_bank else None
        b = self.backward_bank.config.canonical if self.backward_bank else None
        return f"forward={f!r}, backward={b!r}, scale={self.scale!r}"


class Linear(nn.Linear):
    """nn.Linear whose output goes through `quantizer` (activations forward,
    errors backward, with its banks) and whose weight, if `weight_quantizer`
    is given, is rounded before use. With esru.torch.SGD the weights already
    live on their fixed-point grid."""

    def __init__(self, in_features, out_features, bias=True, quantizer=None, weight_quantizer=None, **kw):
        super().__init__(in_features, out_features, bias, **kw)
        self.quantizer = quantizer
        self.weight_quantizer = weight_quantizer

    def forward(self, x):
        w = self.weight if self.weight_quantizer is None else self.weight_quantizer(self.weight)
        y = F.linear(x, w, self.bias)
        return y if self.quantizer is None else self.quantizer(y)


class Conv2d(nn.Conv2d):
    """nn.Conv2d with an output `quantizer` and an optional `weight_quantizer`,
    as Linear."""

    def __init__(self, in_channels, out_channels, kernel_size, quantizer=None, weight_quantizer=None, **kw):
        super().__init__(in_channels, out_channels, kernel_size, **kw)
        self.quantizer = quantizer
        self.weight_quantizer = weight_quantizer

    def forward(self, x):
        w = self.weight if self.weight_quantizer is None else self.weight_quantizer(self.weight)
        y = self._conv_forward(x, w, self.bias)
        return y if self.quantizer is None else self.quantizer(y)


def _lr_log2(lr):
    return _pow2(lr, "lr")


class SGD(torch.optim.Optimizer):
    """Plain SGD (no momentum, no decay) on fixed-point weights, updated as
    the MAC array's update lane and esrutrain do: w <- sat(w + SR(-lr*g)).

    Each parameter is held as weight_width-bit integers w with one exponent e
    (value w * 2^e): e from `exponent` (per param group) or init_exponent
    plus `headroom` (bits of range above esrutrain's rule), and the initial
    values rounded to nearest-even on that grid. On step() each
    gradient (float32) enters the integer domain by esrutrain's float rule
    (30 significant bits, exponent e_g) and the bank's SRU rounds -g by
    2^(e - e_g - log2 lr) into grad_width bits (default weight_width), added
    with saturation: one call of the C backend's update per tensor, tensors in
    parameter order, each row-major, through one bank (the lane rule). lr must
    be a power of two. p.data is then w * 2^e exactly."""

    def __init__(self, params, lr=2 ** -4, bank=None, weight_width=8, grad_width=None, exponent=None, headroom=0,
                 **flags):
        if bank is None:
            bank = Bank(Config(**flags))
        elif flags:
            raise TypeError("pass either a bank or SRU flags, not both")
        self.bank = _bank(bank, "bank")
        self.grad_saturations = 0
        self.weight_saturations = 0
        _lr_log2(lr)
        super().__init__(params, dict(lr=lr, weight_width=weight_width, grad_width=grad_width, exponent=exponent,
                                      headroom=headroom))

    def add_param_group(self, group):
        super().add_param_group(group)
        group = self.param_groups[-1]
        ww, gw = group["weight_width"], group["grad_width"]
        if isinstance(ww, bool) or not isinstance(ww, int) or not 2 <= ww <= 24:
            raise ValueError(f"weight_width {ww!r} is out of range (valid: 2..24, so w * 2^e is exact in float32)")
        if gw is not None and (isinstance(gw, bool) or not isinstance(gw, int) or not 2 <= gw <= 32):
            raise ValueError(f"grad_width {gw!r} is out of range (valid: 2..32, or None for weight_width)")
        rne = Bank(Config(rounding="rne", in_width=64, out_width=ww, shift=40))
        for p in group["params"]:
            if not p.is_floating_point():
                raise ValueError(f"parameter of {p.dtype} cannot hold fixed-point weights (valid: a float tensor)")
            e = group["exponent"] if group["exponent"] is not None else init_exponent(p, ww) + group["headroom"]
            with torch.no_grad():
                codes = quantize(p.detach().cpu().double().numpy().ravel(), rne, scale=2.0 ** e, codes=True)
                self.state[p]["codes"] = codes
                self.state[p]["exponent"] = int(e)
                self._store(p)

    def _store(self, p):
        st = self.state[p]
        w = torch.from_numpy(np.ldexp(st["codes"].astype(np.float32), st["exponent"]))
        p.copy_(w.view(p.shape).to(device=p.device, dtype=p.dtype))

    def codes(self, p):
        """The integer weights of parameter p (a flat int32 array, row-major)."""
        return self.state[p]["codes"]

    def exponent(self, p):
        """The exponent e of parameter p (its value is codes * 2^e)."""
        return self.state[p]["exponent"]

    def saturations(self, p):
        """(rounded updates saturated to grad_width, weights saturated to weight_width) of p so far."""
        st = self.state[p]
        return st.get("grad_saturations", 0), st.get("weight_saturations", 0)

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        err = _lib.errbuf()
        for group in self.param_groups:
            k = _lr_log2(group["lr"])
            ww = group["weight_width"]
            gw = group["grad_width"] or ww
            for p in group["params"]:
                if p.grad is None:
                    continue
                st = self.state[p]
                g = p.grad.detach().to(device="cpu", dtype=torch.float32).contiguous().view(-1).numpy()
                w = st["codes"]
                og, ow = ctypes.c_uint64(), ctypes.c_uint64()
                _lib.check(_lib.lib.esru_bank_update_f32(
                    self.bank._h, w.ctypes.data_as(_lib.c_i32p), g.ctypes.data_as(_lib.c_f32p), w.size,
                    st["exponent"], k, gw, ww, ctypes.byref(og), ctypes.byref(ow), err, len(err)), err)
                self._store(p)
                st["grad_saturations"] = st.get("grad_saturations", 0) + og.value
                st["weight_saturations"] = st.get("weight_saturations", 0) + ow.value
                self.grad_saturations += og.value
                self.weight_saturations += ow.value
        return loss
