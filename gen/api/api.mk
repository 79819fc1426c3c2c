# gen/api/: libesru.so, the model as a shared library whose only exported
# symbols are the API of gen/esru.h; `make install` puts it, the header and
# esru.pc under PREFIX. Soname: libesru.so.MAJOR of the model's version.
ESRU_VERSION_NUM := $(shell sed -n 's/^\#define ESRU_VERSION "\(.*\)"/\1/p' gen/version.h)
SO_REAL  := libesru.so.$(ESRU_VERSION_NUM)
SO_NAME  := libesru.so.$(firstword $(subst ., ,$(ESRU_VERSION_NUM)))
SO_SRCS  := $(LIB_SRCS) $(sort $(wildcard gen/api/*.c))
SO_FILE  := $(BUILD)/$(SO_REAL)

PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

.PHONY: lib install install-lib
lib: $(BUILD)/$(SO_NAME) $(BUILD)/libesru.so ## build/libesru.so: the C model for C and Python (docs/python.md)
# The exported symbols are the header's ESRU_API functions, nothing else (also
# not the resolvers of multi-versioned kernels or OpenMP's internals).
$(BUILD)/esru.map: gen/esru.h
	@mkdir -p $(@D)
	{ echo "{ global:"; sed -n 's/^ESRU_API [^(]*[^a-z_0-9]\(esru_[a-z_0-9]*\)(.*/    \1;/p' $<; echo "  local: *; };"; } > $@.tmp
	mv $@.tmp $@
$(SO_FILE): $(SO_SRCS:%.c=$(BUILD)/pic/%.o) $(BUILD)/esru.map
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SO_NAME) -Wl,--no-undefined -Wl,--version-script=$(BUILD)/esru.map \
	    $(filter %.o,$^) -o $@ $(LDLIBS) -pthread
$(BUILD)/$(SO_NAME) $(BUILD)/libesru.so: $(SO_FILE)
	ln -sf $(SO_REAL) $@

install: install-lib ## install libesru, its header and pkg-config file, and the Python package under PREFIX
install-lib: lib
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(SO_FILE) $(DESTDIR)$(LIBDIR)/$(SO_REAL)
	ln -sf $(SO_REAL) $(DESTDIR)$(LIBDIR)/$(SO_NAME)
	ln -sf $(SO_NAME) $(DESTDIR)$(LIBDIR)/libesru.so
	install -m 644 gen/esru.h $(DESTDIR)$(INCLUDEDIR)/esru.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(ESRU_VERSION_NUM)|' gen/api/esru.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/esru.pc
