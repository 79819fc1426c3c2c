# python/: the esru package (ctypes over libesru.so), its tests and example.
# Debian's interpreter only (another python3 on PATH may lack the packages).
PYTHON    := /usr/bin/python3
PYTHONDIR ?= $(LIBDIR)/$(shell $(PYTHON) -c 'import sys; print("python%d.%d" % sys.version_info[:2])')/dist-packages
PY_REF    := $(BUILD)/python/tests/quant_ref

# The C reference of the bit-exactness tests: the model linked statically.
$(PY_REF): $(BUILD)/python/tests/quant_ref.o $(LIB)
	$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

.PHONY: test-python install-python train-cnn
test: test-python
test-python: lib $(PY_REF) esrugen
	cd python && ESRU_REF=../$(PY_REF) ESRUGEN=../esrugen $(PYTHON) -m pytest -q -p no:cacheprovider tests

install: install-python
install-python:
	install -d $(DESTDIR)$(PYTHONDIR)/esru
	install -m 644 python/esru/*.py $(DESTDIR)$(PYTHONDIR)/esru/
	printf '# written by make install\nLIBRARY = "%s"\n' "$(LIBDIR)/$(SO_NAME)" > $(DESTDIR)$(PYTHONDIR)/esru/_installed.py
	@echo "installed the esru package in $(PYTHONDIR) (add it to PYTHONPATH unless Python searches it)"

# The example of docs/python.md: a small CNN on Fashion-MNIST, 24/24 vs 8/3 SRUs.
train-cnn: lib ## docs/python.md's example: a PyTorch CNN with SR weight updates, 24/24 vs 8/3
	$(PYTHON) python/examples/train_cnn.py
