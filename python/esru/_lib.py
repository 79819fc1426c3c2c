"""Finding and declaring libesru.so (ctypes; no compiled extension).

Search order: $ESRU_LIB (a path), the library `make install` recorded in
_installed.py, the repository's build/ next to this package (`make lib`),
then the system loader (libesru.so.0 on the library path)."""
import ctypes
import ctypes.util
import os

SONAME = "libesru.so.0"
API_VERSION = 1


def _candidates():
    env = os.environ.get("ESRU_LIB")
    if env:
        yield env
        return
    try:
        from . import _installed  # written by `make install`
        yield _installed.LIBRARY
    except ImportError:
        pass
    here = os.path.dirname(os.path.realpath(__file__))
    yield os.path.join(here, os.pardir, os.pardir, "build", SONAME)
    yield ctypes.util.find_library("esru") or SONAME


def _load():
    tried = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path}: {e}")
            continue
        return lib, os.path.realpath(path) if os.path.exists(path) else path
    raise ImportError(
        "esru: libesru.so.0 not found (run `make lib` in the esrugen repository, `make install`, "
        "or set ESRU_LIB to the library's path); tried:\n  " + "\n  ".join(tried)
    )


lib, path = _load()

c_u64 = ctypes.c_uint64
c_i64p = ctypes.POINTER(ctypes.c_int64)
c_i32p = ctypes.POINTER(ctypes.c_int32)
c_u64p = ctypes.POINTER(ctypes.c_uint64)
c_f32p = ctypes.POINTER(ctypes.c_float)
c_f64p = ctypes.POINTER(ctypes.c_double)
c_err = ctypes.c_char_p
c_size = ctypes.c_size_t


class BiasFigures(ctypes.Structure):
    _fields_ = [(name, ctypes.c_double) for name in (
        "max_abs_bias", "mean_bias", "mean_bias_unbounded", "mean_variance", "mean_variance_ideal_sr")]


class Figures(ctypes.Structure):
    _fields_ = [
        ("grid_bits", ctypes.c_uint), ("groups", ctypes.c_uint), ("worst_group", ctypes.c_uint),
        ("enumerated", ctypes.c_int), ("period_cycles", c_u64), ("values", c_u64), ("histogram_len", c_u64),
        ("draws", ctypes.c_double), ("mean_random_value", ctypes.c_double),
        ("ideal_mean_random_value", ctypes.c_double), ("design", BiasFigures), ("uniform_source", BiasFigures),
        ("prng_induced_mean_bias", ctypes.c_double), ("worst_group_mean_bias", ctypes.c_double),
    ]


class StrideFigures(ctypes.Structure):
    _fields_ = [
        ("stride", c_u64), ("period", c_u64), ("gcd", c_u64), ("orbit", c_u64),
        ("worst_element_mean_bias", ctypes.c_double), ("worst_element_mean_bias_grid", ctypes.c_double),
        ("min_element_mean_bias", ctypes.c_double), ("max_element_mean_bias", ctypes.c_double),
        ("worst_lane", ctypes.c_uint), ("method", ctypes.c_char * 96),
    ]


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_declare("esru_lib_version", ctypes.c_char_p)
_declare("esru_lib_api_version", ctypes.c_int)
_declare("esru_lib_kind_count", ctypes.c_uint)
_declare("esru_lib_kind_name", ctypes.c_char_p, ctypes.c_uint)
_declare("esru_lib_kind_summary", ctypes.c_char_p, ctypes.c_uint)
_declare("esru_cfg_new", ctypes.c_void_p, ctypes.c_char_p, c_err, c_size)
_declare("esru_cfg_new_kv", ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_char_p),
         c_size, c_err, c_size)
_declare("esru_cfg_free", None, ctypes.c_void_p)
_declare("esru_cfg_canonical", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, c_size)
_declare("esru_cfg_hash", c_u64, ctypes.c_void_p)
_declare("esru_bank_new", ctypes.c_void_p, ctypes.c_void_p, c_u64, c_err, c_size)
_declare("esru_bank_free", None, ctypes.c_void_p)
_declare("esru_bank_reset", None, ctypes.c_void_p)
_declare("esru_bank_advance", None, ctypes.c_void_p, c_u64)
_declare("esru_bank_jump", None, ctypes.c_void_p, c_u64)
_declare("esru_bank_cycles", c_u64, ctypes.c_void_p)
_declare("esru_bank_lanes", ctypes.c_uint, ctypes.c_void_p)
_declare("esru_bank_random", None, ctypes.c_void_p, c_u64p)
_declare("esru_bank_round", ctypes.c_int, ctypes.c_void_p, c_i64p, c_size, c_i32p, c_u64p, c_err, c_size)
_declare("esru_bank_round_shift", ctypes.c_int, ctypes.c_void_p, c_i64p, c_size, ctypes.c_int, ctypes.c_uint,
         c_i32p, c_u64p, c_err, c_size)
_declare("esru_bank_round_f32", ctypes.c_int, ctypes.c_void_p, c_f32p, c_size, ctypes.c_int, c_i32p, c_u64p,
         c_u64p, c_err, c_size)
_declare("esru_bank_round_f64", ctypes.c_int, ctypes.c_void_p, c_f64p, c_size, ctypes.c_int, c_i32p, c_u64p,
         c_u64p, c_err, c_size)
_declare("esru_bank_update", ctypes.c_int, ctypes.c_void_p, c_i32p, c_i64p, c_size, ctypes.c_int, ctypes.c_uint,
         ctypes.c_uint, c_u64p, c_u64p, c_err, c_size)
_declare("esru_bank_update_f32", ctypes.c_int, ctypes.c_void_p, c_i32p, c_f32p, c_size, ctypes.c_int,
         ctypes.c_int, ctypes.c_uint, ctypes.c_uint, c_u64p, c_u64p, c_err, c_size)
_declare("esru_cfg_analyze", ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(Figures), c_u64p, c_size, c_err,
         c_size)
_declare("esru_cfg_analyze_stride", ctypes.c_int, ctypes.c_void_p, c_u64, ctypes.POINTER(StrideFigures), c_err,
         c_size)

if lib.esru_lib_api_version() != API_VERSION:
    raise ImportError(f"esru: {path} has API version {lib.esru_lib_api_version()}, this package needs {API_VERSION}")


def errbuf():
    return ctypes.create_string_buffer(1024)


def check(rc, err):
    """A call returning 0 or -1: raise the library's message as a ValueError."""
    if rc != 0:
        raise ValueError(err.value.decode())


def check_handle(handle, err):
    """A call returning a handle or NULL: the handle, or the message as a ValueError."""
    if not handle:
        raise ValueError(err.value.decode())
    return handle
