/* Timing wrappers around a generated top (esrugen --wrap reg|serial): every
 * path through the unit starts and ends at a flip-flop, so place-and-route and
 * static timing report the unit's own register-to-register clock. */
#ifndef ESRU_EMIT_WRAP_H
#define ESRU_EMIT_WRAP_H
#include "rtl/emit.h"
#include "model/mac_config.h"
#include <stddef.h>

typedef enum {
    ESRU_WRAP_NONE,
    ESRU_WRAP_REG,    /* same ports as the top, each input and output through a register */
    ESRU_WRAP_SERIAL, /* five pins: inputs shifted in and outputs shifted out, one bit a cycle */
} esru_wrap_mode;

#define ESRU_PORT_NAME_MAX 48
#define ESRU_MAX_PORTS 64

typedef struct {
    char name[ESRU_PORT_NAME_MAX];
    int is_output;
    unsigned width;
} esru_port;

/* "reg" or "serial"; -1 otherwise. */
int esru_parse_wrap(const char *s, esru_wrap_mode *mode);

/* The ports of `module` as declared in generated Verilog (an ANSI header, one
 * port a line, as every esrugen emitter writes it). 0, or -1 with err. */
int esru_ports_of(const char *verilog, const char *module, esru_port *ports, unsigned max, unsigned *n, char *err,
                  size_t len);

/* Module `top`_wrap around `top` with the given ports (one of them the 1-bit
 * input clk); header: the generated-file header for the wrapper. */
int esru_emit_wrap(const char *top, const esru_port *ports, unsigned n, esru_wrap_mode mode, const char *header,
                   strbuf *out, char *err, size_t len);

/* Adds NAME_wrap.v to a generated file set whose top module is NAME (the
 * SRU's or the MAC array's name); its header carries that design's config. */
int esru_wrap_sru(esru_fileset *fs, const esru_config *cfg, esru_wrap_mode mode, const char *command);
int esru_wrap_mac(esru_fileset *fs, const esru_mac_config *m, esru_wrap_mode mode, const char *command);

#endif
