"""esru: esrugen's bit-exact stochastic rounding units from Python.

    import esru
    cfg = esru.Config(sru_width=8, prng_width=3, prng="plateau", fill="half", lanes=4)
    y = esru.quantize(x, esru.Bank(cfg), scale=2**-7)  # numpy or torch, bit-exact with the C model
    esru.analyze(cfg, strides=[4])                      # esrugen analyze --json as a dict

esru.torch has the PyTorch layer (Quantizer, Linear, Conv2d, SGD). The
rounding itself is libesru.so (ctypes); docs/python.md has the details."""
from ._lib import path as lib_path
from .core import Bank, Config, analyze, kind_summaries, kinds, quantize, version

__all__ = ["Bank", "Config", "analyze", "kinds", "kind_summaries", "quantize", "version", "lib_path"]
__version__ = version()
