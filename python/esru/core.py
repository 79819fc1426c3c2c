"""Configs, PRNG banks, rounding and the analyzer over libesru.so.

Every rule lives in the C model; this module converts arrays and arguments.
See docs/python.md for the semantics (the lane rule, how floats enter)."""
import ctypes
import math

import numpy as np

from . import _lib
from ._lib import lib

U64_MAX = (1 << 64) - 1
# Fields of the canonical text that are words; every other field is a number.
_TEXT_FIELDS = ("rounding", "fill", "prng", "name")


def version():
    """The C model's version (esrugen --version)."""
    return lib.esru_lib_version().decode()


def kinds():
    """The PRNG kinds, in --prng order (gen/kinds/kinds.def)."""
    return [lib.esru_lib_kind_name(i).decode() for i in range(lib.esru_lib_kind_count())]


def kind_summaries():
    """{kind: one-line description}."""
    return {lib.esru_lib_kind_name(i).decode(): lib.esru_lib_kind_summary(i).decode()
            for i in range(lib.esru_lib_kind_count())}


def _count(n, what):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= U64_MAX:
        raise ValueError(f"{what} {n!r} is out of range (valid: 0..2^64-1)")
    return int(n)


def _scale_range(double):
    """log2 of the least and the largest power of two of the float type values
    come back in: float64 (double), else float32 (the type every other float
    input is rounded in)."""
    fi = np.finfo(np.float64 if double else np.float32)
    return fi.minexp - fi.nmant, fi.maxexp - 1  # the least subnormal, the largest power of two


def _pow2(value, what):
    """log2 of a positive power of two, or a ValueError naming the value."""
    try:
        f, e = math.frexp(float(value))
    except (TypeError, ValueError, OverflowError):
        f, e = 0.0, 0
    if f != 0.5:
        raise ValueError(f"{what} {value!r} is not a power of two (valid: 2^k, e.g. 1, 0.5, 0.0625)")
    return e - 1


class Config:
    """One SRU unit, set exactly as `esrugen` flags: Config(sru_width=8,
    prng_width=3, prng="plateau", fill="half", lanes=4, seed=1, ...). Keywords
    are flag names with '_' for '-'; values go through esrugen's flag table,
    so validation and messages are the CLI's (a ValueError carries them)."""

    __slots__ = ("_h", "_fields", "_given", "_line")

    def __init__(self, **flags):
        self._given, self._line = dict(flags), None
        names = [k.replace("_", "-").encode() for k in flags]
        values = [None if v is None else str(v).encode() for v in flags.values()]
        n = len(names)
        err = _lib.errbuf()
        self._h = None
        self._h = _lib.check_handle(lib.esru_cfg_new_kv((ctypes.c_char_p * max(n, 1))(*names),
                                                        (ctypes.c_char_p * max(n, 1))(*values), n, err,
                                                        len(err)), err)
        self._fields = self._read_fields()

    @classmethod
    def from_line(cls, line):
        """From an esrugen config line: Config.from_line("--prng lfsr --lanes 4")."""
        self = cls.__new__(cls)
        self._given, self._line = None, line
        err = _lib.errbuf()
        self._h = None
        self._h = _lib.check_handle(lib.esru_cfg_new(line.encode(), err, len(err)), err)
        self._fields = self._read_fields()
        return self

    def _read_fields(self):
        buf = ctypes.create_string_buffer(512)
        lib.esru_cfg_canonical(self._h, buf, len(buf))
        out = {}
        for item in buf.value.decode().split():
            key, _, value = item.partition("=")
            key = key.replace("-", "_")
            out[key] = value if key in _TEXT_FIELDS else int(value)
        return out

    def __del__(self):
        if getattr(self, "_h", None):
            lib.esru_cfg_free(self._h)
            self._h = None

    def __getattr__(self, name):
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    def as_dict(self):
        """Every field: {"in_width": 32, ..., "name": "esru"} (as esrugen's JSON "config")."""
        return dict(self._fields)

    def replace(self, **flags):
        """A copy with some flags changed (validated like the constructor):
        the flags this config was made from, then these. (Not its resolved
        fields, which may hold values that only fit its own kind.)"""
        if self._line is not None:
            extra = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in flags.items())
            return Config.from_line(f"{self._line} {extra}")
        return Config(**{**self._given, **flags})

    @property
    def flags(self):
        """The esrugen command-line flags of this config."""
        return " ".join(f"--{k.replace('_', '-')} {v}" for k, v in self._fields.items())

    @property
    def canonical(self):
        return " ".join(f"{k.replace('_', '-')}={v}" for k, v in self._fields.items())

    @property
    def config_hash(self):
        """The config hash of the generated unit's manifest (an int; hex in the JSON)."""
        return lib.esru_cfg_hash(self._h)

    def __eq__(self, other):
        return isinstance(other, Config) and self._fields == other._fields

    def __hash__(self):
        return hash(self.canonical)

    def __repr__(self):
        return "esru.Config(" + ", ".join(f"{k}={v!r}" for k, v in self._fields.items()) + ")"


def _config(config, flags):
    if config is None:
        return Config(**flags)
    if flags:
        raise TypeError("pass either a Config or flags, not both")
    if not isinstance(config, Config):
        raise TypeError(f"expected an esru.Config, got {type(config).__name__}")
    return config


class Bank:
    """The PRNG bank of a unit (its lanes' random bits and the lane rule's
    state). Bank(config, seed=None) or Bank(**flags); seed=None takes the
    config's --seed. Rounding through the same bank continues its stream, as
    successive tensors through one unit do."""

    def __init__(self, config=None, seed=None, **flags):
        config = _config(config, flags)
        if seed is not None:
            config = config.replace(seed=seed)
        self.config = config
        self.saturations = 0  # outputs saturated so far
        self.clamped = 0      # float inputs clamped to the input range so far
        err = _lib.errbuf()
        self._h = None
        self._h = _lib.check_handle(lib.esru_bank_new(config._h, 0, err, len(err)), err)

    def __del__(self):
        if getattr(self, "_h", None):
            lib.esru_bank_free(self._h)
            self._h = None

    @property
    def lanes(self):
        return lib.esru_bank_lanes(self._h)

    @property
    def cycles(self):
        """Enabled cycles (bank advances) since the seed state."""
        return lib.esru_bank_cycles(self._h)

    def reset(self):
        """Back to the seed state (the unit's synchronous reset)."""
        lib.esru_bank_reset(self._h)

    def advance(self, n=1):
        """n enabled cycles, one at a time."""
        lib.esru_bank_advance(self._h, _count(n, "advance"))

    def jump(self, n):
        """n enabled cycles at once (GF(2) jump; the same state as advance(n))."""
        lib.esru_bank_jump(self._h, _count(n, "jump"))

    def random(self):
        """This cycle's M random bits of every lane (uint64 array of length lanes)."""
        r = np.zeros(self.lanes, dtype=np.uint64)
        lib.esru_bank_random(self._h, r.ctypes.data_as(_lib.c_u64p))
        return r

    def round(self, x, scale=None, codes=False):
        """quantize(x, self, scale, codes)."""
        return quantize(x, self, scale=scale, codes=codes)

    def round_shift(self, x, shift, out_width):
        """The trainer's form of the lane rule: int64 values rounded by
        2^shift (-62..62; negative: exact left shift) to out_width bits.
        Returns int32 codes."""
        xs = np.ascontiguousarray(x, dtype=np.int64)
        y = np.empty(xs.shape, dtype=np.int32)
        sat = ctypes.c_uint64()
        err = _lib.errbuf()
        _lib.check(lib.esru_bank_round_shift(self._h, xs.ctypes.data_as(_lib.c_i64p), xs.size, int(shift),
                                             int(out_width), y.ctypes.data_as(_lib.c_i32p), ctypes.byref(sat),
                                             err, len(err)), err)
        self.saturations += sat.value
        return y

    def __repr__(self):
        return f"esru.Bank({self.config!r}, cycles={self.cycles})"


def _is_torch(x):
    return type(x).__module__.split(".")[0] == "torch" and hasattr(x, "detach")


def _ints(arr):
    if arr.dtype == np.uint64 and arr.size and arr.max() > np.iinfo(np.int64).max:
        raise ValueError(f"value {int(arr.max())} does not fit int64 (valid: -2^63..2^63-1)")
    return np.ascontiguousarray(arr, dtype=np.int64)


def quantize(x, bank, scale=None, codes=False):
    """Round a tensor or array through a unit, bit-exactly as the C model.

    bank: an esru.Bank (its stream continues) or an esru.Config (a fresh bank
    at the config's seed). Elements go in row-major order of x: element i to
    lane i % L at cycle i / L, one bank advance per group of L (and per final
    partial group), as docs/training.md's lane rule.

    Integer x: the values on the unit's x port (IW-bit signed, checked);
    returns the unit's outputs y (int32 codes): saturate(floor(x / 2^D) + up).
    Float x: scale (a power of two, default 1) is the output LSB; v enters as
    floor(v / scale * 2^D) clamped to IW bits (its fixed-point image with D
    fraction bits below the output LSB). Returns y * scale in x's float type
    (so scale must be a number of that type), or the int32 codes y with
    codes=True (any scale). numpy in, numpy out; torch in, torch
    out (same device)."""
    if isinstance(bank, Config):
        bank = Bank(bank)
    elif not isinstance(bank, Bank):
        raise TypeError(f"expected an esru.Bank or esru.Config, got {type(bank).__name__}")
    tensor = None
    if _is_torch(x):
        tensor = x
        t = x.detach().cpu()
        if t.is_floating_point() and t.element_size() < 4:
            t = t.float()  # half and bfloat16: exact in float32
        arr = t.contiguous().numpy()
    else:
        arr = np.asarray(x)
    err = _lib.errbuf()
    sat = ctypes.c_uint64()
    y = np.empty(arr.shape, dtype=np.int32)
    yp = y.ctypes.data_as(_lib.c_i32p)
    if arr.dtype.kind in "iu":
        if scale is not None:
            raise ValueError("scale applies to float inputs (integer inputs are the values on the unit's x port)")
        xs = _ints(arr)
        _lib.check(lib.esru_bank_round(bank._h, xs.ctypes.data_as(_lib.c_i64p), xs.size, yp, ctypes.byref(sat),
                                       err, len(err)), err)
        out = y
    elif arr.dtype.kind == "f":
        e = _pow2(1.0 if scale is None else scale, "scale")
        if not codes:  # the values y * scale come back in x's float type: the scale must be one of its numbers
            lo, hi = _scale_range(arr.dtype == np.float64)
            if not lo <= e <= hi:
                kind = "float64" if arr.dtype == np.float64 else "float32"
                raise ValueError(f"scale 2^{e} is out of range for {kind} values (valid: 2^{lo}..2^{hi}; "
                                 "codes=True returns the integer codes at any scale)")
        clamp = ctypes.c_uint64()
        if arr.dtype == np.float64:
            xs = np.ascontiguousarray(arr)
            rc = lib.esru_bank_round_f64(bank._h, xs.ctypes.data_as(_lib.c_f64p), xs.size, e, yp,
                                         ctypes.byref(sat), ctypes.byref(clamp), err, len(err))
        else:
            xs = np.ascontiguousarray(arr, dtype=np.float32)
            rc = lib.esru_bank_round_f32(bank._h, xs.ctypes.data_as(_lib.c_f32p), xs.size, e, yp,
                                         ctypes.byref(sat), ctypes.byref(clamp), err, len(err))
        _lib.check(rc, err)
        bank.clamped += clamp.value
        out = y if codes else np.ldexp(y.astype(xs.dtype), e)
    else:
        raise TypeError(f"cannot round an array of {arr.dtype} (valid: integer or float)")
    bank.saturations += sat.value
    if tensor is None:
        return out
    import torch
    res = torch.from_numpy(out)
    if not codes and tensor.is_floating_point():
        res = res.to(tensor.dtype)
    return res.to(tensor.device)


def _bias(b):
    return {name: getattr(b, name) for name, _ in _lib.BiasFigures._fields_}


def analyze(config=None, strides=None, **flags):
    """esrugen analyze as a dict (the keys of its --json): exact bias over a
    full PRNG period; strides=[K, ...] adds the per-element analysis of
    elements that meet their lane every K bank advances. analyze(config) or
    analyze(sru_width=8, prng="lfsr", ...)."""
    cfg = _config(config, flags)
    f = _lib.Figures()
    hist = (ctypes.c_uint64 * 65536)()
    err = _lib.errbuf()
    _lib.check(lib.esru_cfg_analyze(cfg._h, ctypes.byref(f), hist, len(hist), err, len(err)), err)
    out = {
        "config": cfg.as_dict(),
        "config_hash": f"{cfg.config_hash:016x}",
        "grid_bits": f.grid_bits,
        "period_cycles": f.period_cycles,
        "draws": f.draws,
        "mean_random_value": f.mean_random_value,
        "ideal_mean_random_value": f.ideal_mean_random_value,
        "histogram": list(hist[:f.histogram_len]),
        "design": _bias(f.design),
        "uniform_source": _bias(f.uniform_source),
        "prng_induced_mean_bias": f.prng_induced_mean_bias,
        "worst_group_mean_bias": f.worst_group_mean_bias,
        "worst_group": f.worst_group,
        "groups": f.groups,
        "values": f.values,
        "enumerated": bool(f.enumerated),
    }
    if strides is None:
        return out
    if isinstance(strides, (int, np.integer)):
        strides = [strides]
    out["strides"] = []
    for i, k in enumerate(strides):
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= U64_MAX:
            raise ValueError(f"--stride item {i + 1} '{k}' is out of range (valid: 1..{U64_MAX})")
        s = _lib.StrideFigures()
        _lib.check(lib.esru_cfg_analyze_stride(cfg._h, int(k), ctypes.byref(s), err, len(err)), err)
        item = {name: getattr(s, name) for name, _ in _lib.StrideFigures._fields_}
        item["method"] = s.method.decode()
        out["strides"].append(item)
    if out["strides"]:
        out["worst_element_mean_bias"] = max((s["worst_element_mean_bias"] for s in out["strides"]), key=abs)
    return out
