"""The package imports from the build tree and after `make install`; the
installed header and esru.pc build a C program; libesru.so exports exactly
the API of gen/esru.h."""
import os
import re
import subprocess
import sys

import numpy as np

import esru
from conftest import REPO

C_PROGRAM = r"""
#include <esru.h>
#include <stdio.h>
int main(void)
{
    char err[256];
    esru_cfg *c = esru_cfg_new("--prng plateau --fill half --lanes 4 --shift 4", err, sizeof err);
    if (!c || esru_cfg_new("--lanes 0", err, sizeof err)) return 1;
    printf("%s\n", err);
    esru_bank *b = esru_bank_new(c, 0, err, sizeof err);
    int64_t x[10] = {0, 1, 7, 8, 9, 15, -1, -9, 100, -100};
    int32_t y[10];
    if (!b || esru_bank_round(b, x, 10, y, NULL, err, sizeof err) != 0) return 1;
    for (int i = 0; i < 10; i++) printf("%d ", (int)y[i]);
    printf("\n");
    esru_bank_free(b);
    esru_cfg_free(c);
    return 0;
}
"""


def test_imported_from_this_tree():
    if not os.environ.get("ESRU_LIB"):
        assert os.path.realpath(esru.lib_path).startswith(os.path.join(REPO, "build") + os.sep)
    assert os.path.realpath(esru.__file__).startswith(os.path.join(REPO, "python") + os.sep)


def test_make_install(tmp_path):
    prefix = tmp_path / "prefix"
    env = {k: v for k, v in os.environ.items() if k != "ESRU_LIB"}
    subprocess.run(["make", "-s", "--no-print-directory", "-C", REPO, "install", f"PREFIX={prefix}"], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    lib = prefix / "lib"
    version = esru.version()
    assert (lib / f"libesru.so.{version}").is_file()
    assert os.readlink(lib / "libesru.so.0") == f"libesru.so.{version}"
    assert (prefix / "include" / "esru.h").is_file()
    pydir = lib / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "dist-packages"

    # Python from elsewhere finds the installed package and its library.
    probe = ("import esru, numpy as np; print(esru.__file__); print(esru.lib_path); "
             "print(esru.quantize(np.arange(-40, 40) * 997, esru.Config(prng='lfsr', lanes=3)).tolist())")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path,
                         env={**env, "PYTHONPATH": str(pydir)}).stdout.splitlines()
    assert out[0].startswith(str(pydir)) and out[1].startswith(str(lib))
    here = esru.quantize(np.arange(-40, 40) * 997, esru.Config(prng="lfsr", lanes=3)).tolist()
    assert out[2] == str(here)

    # A C program built with the installed header and esru.pc.
    pc = {**env, "PKG_CONFIG_PATH": str(lib / "pkgconfig")}
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "esru"], check=True, capture_output=True,
                           text=True, env=pc).stdout.split()
    src, exe = tmp_path / "prog.c", tmp_path / "prog"
    src.write_text(C_PROGRAM)
    subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", str(src), "-o", str(exe), *flags,
                    f"-Wl,-rpath,{lib}"], check=True)
    lines = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.splitlines()
    assert lines[0] == str(_error(lanes=0))
    cfg = esru.Config(prng="plateau", fill="half", lanes=4, shift=4)
    x = np.array([0, 1, 7, 8, 9, 15, -1, -9, 100, -100])
    assert lines[1].split() == [str(v) for v in esru.quantize(x, cfg)]


def _error(**flags):
    try:
        esru.Config(**flags)
    except ValueError as e:
        return e


def test_exports_are_the_header():
    with open(os.path.join(REPO, "gen", "esru.h")) as f:
        declared = set(re.findall(r"^ESRU_API [^(]*?\b(esru_\w+)\(", f.read(), flags=re.M))
    nm = subprocess.run(["nm", "-D", "--defined-only", esru.lib_path], check=True, capture_output=True,
                        text=True).stdout
    exported = {line.split()[-1] for line in nm.splitlines() if line.strip()}
    assert len(declared) > 20 and exported == declared
