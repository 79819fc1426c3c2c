/* The LFSR module: explicit XOR feedback written out by C, no elaboration-time
 * functions (see docs/interface.md). */
#include "rtl/emit.h"
#include "model/lfsr.h"
#include "rtl/template.h"
#include <stdio.h>

int esru_emit_lfsr(const esru_config *cfg, const char *command, const char *module, unsigned width, const char *header,
                   strbuf *out)
{
    unsigned taps[ESRU_LFSR_MAX_TAPS];
    unsigned ntaps = esru_lfsr_taps(width, taps);
    strbuf fb, poly, hdr;
    sb_init(&fb);
    sb_init(&poly);
    sb_init(&hdr);
    sb_printf(&poly, "x^%u", taps[0]);
    for (unsigned i = 0; i < ntaps; i++) {
        sb_printf(&fb, "%sq[%u]", i ? " ^ " : "", taps[i] - 1);
        if (i > 0)
            sb_printf(&poly, " + x^%u", taps[i]);
    }
    sb_add(&poly, " + 1");
    char msb[16], w[16], next[64], period[32];
    snprintf(msb, sizeof msb, "%u", width - 1);
    snprintf(w, sizeof w, "%u", width);
    if (width == 1)
        snprintf(next, sizeof next, "fb");
    else
        snprintf(next, sizeof next, "{q[%u:0], fb}", width - 2);
    snprintf(period, sizeof period, "%llu", (unsigned long long)esru_width_mask(width));
    int rc = 0;
    if (header)
        sb_add(&hdr, header);
    else
        rc = esru_emit_header(cfg, command, module, "maximal-length LFSR, the SRU's random source", &hdr);
    tmpl_var vars[] = {
        {"HEADER", hdr.s}, {"WIDTH", w},      {"MSB", msb},       {"PERIOD", period},
        {"POLY", poly.s},  {"MODULE", module}, {"FEEDBACK", fb.s}, {"NEXT", next},
    };
    if (rc == 0)
        rc = tmpl_fill("lfsr.v.in", vars, sizeof vars / sizeof vars[0], out);
    sb_free(&fb);
    sb_free(&poly);
    sb_free(&hdr);
    return rc;
}
