/* Timing wrappers (esrugen --wrap). The wrapper's ports are read back from the
 * emitted top module, so the wrapper can never disagree with the top it wraps. */
#include "rtl/emit_wrap.h"
#include "rtl/template.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int esru_parse_wrap(const char *s, esru_wrap_mode *mode)
{
    if (strcmp(s, "reg") == 0)
        *mode = ESRU_WRAP_REG;
    else if (strcmp(s, "serial") == 0)
        *mode = ESRU_WRAP_SERIAL;
    else
        return -1;
    return 0;
}

static const char *skip_blank(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Consumes keyword w (followed by a non-identifier character) and the blanks after it. */
static int keyword(const char **p, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(*p, w, n) != 0 || isalnum((unsigned char)(*p)[n]) || (*p)[n] == '_')
        return 0;
    *p = skip_blank(*p + n);
    return 1;
}

/* One port declaration line: "input|output [wire|reg] [signed] [[msb:lsb]] name[,] [// ...]". */
static int parse_port(const char *line, esru_port *pt)
{
    const char *p = skip_blank(line);
    memset(pt, 0, sizeof *pt);
    if (keyword(&p, "output"))
        pt->is_output = 1;
    else if (!keyword(&p, "input"))
        return -1;
    if (!keyword(&p, "wire"))
        keyword(&p, "reg");
    keyword(&p, "signed");
    pt->width = 1;
    if (*p == '[') {
        char *end;
        unsigned long msb = strtoul(p + 1, &end, 10);
        if (*end != ':')
            return -1;
        unsigned long lsb = strtoul(end + 1, &end, 10);
        if (*end != ']' || lsb > msb || msb - lsb >= 1u << 20)
            return -1;
        pt->width = (unsigned)(msb - lsb + 1);
        p = skip_blank(end + 1);
    }
    size_t n = 0;
    if (!isalpha((unsigned char)p[0]) && p[0] != '_')
        return -1;
    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    if (n >= sizeof pt->name)
        return -1;
    memcpy(pt->name, p, n);
    p = skip_blank(p + n);
    if (*p == ',')
        p = skip_blank(p + 1);
    return *p == 0 || *p == '\n' || strncmp(p, "//", 2) == 0 ? 0 : -1;
}

int esru_ports_of(const char *v, const char *module, esru_port *ports, unsigned max, unsigned *n, char *err, size_t len)
{
    char head[ESRU_NAME_MAX + 16];
    snprintf(head, sizeof head, "module %s (\n", module);
    const char *p = strstr(v, head);
    if (!p) {
        snprintf(err, len, "no 'module %s (' header in the generated Verilog", module);
        return -1;
    }
    *n = 0;
    for (p += strlen(head); *p;) {
        const char *eol = strchr(p, '\n');
        size_t ll = eol ? (size_t)(eol - p) : strlen(p);
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)(ll < sizeof line ? ll : sizeof line - 1), p);
        p += ll + (eol != NULL);
        const char *t = skip_blank(line);
        if (strncmp(t, ");", 2) == 0)
            return *n ? 0 : (snprintf(err, len, "module %s has no ports", module), -1);
        if (*t == 0 || strncmp(t, "//", 2) == 0)
            continue;
        if (*n == max) {
            snprintf(err, len, "module %s has more than %u ports", module, max);
            return -1;
        }
        if (parse_port(t, &ports[*n]) != 0) {
            snprintf(err, len, "module %s: cannot read the port declaration '%s'", module, t);
            return -1;
        }
        (*n)++;
    }
    snprintf(err, len, "module %s: port list does not end", module);
    return -1;
}

/* "[W-1:0] " for a bus, "" for one bit. */
static const char *range(unsigned w, char *buf, size_t len)
{
    if (w > 1)
        snprintf(buf, len, "[%u:0] ", w - 1);
    else
        buf[0] = 0;
    return buf;
}

/* bits [lo +: w] of vector v as a port connection. */
static void slice(strbuf *b, const char *v, unsigned lo, unsigned w)
{
    if (w > 1)
        sb_printf(b, "%s[%u:%u]", v, lo + w - 1, lo);
    else
        sb_printf(b, "%s[%u]", v, lo);
}

static void emit_reg_wrap(const char *top, const esru_port *ports, unsigned n, strbuf *pb, strbuf *body)
{
    char r[32];
    strbuf inst;
    sb_init(&inst);
    sb_printf(&inst, "    %s u_top (\n        ", top);
    for (unsigned i = 0; i < n; i++) {
        const esru_port *pt = &ports[i];
        int clk = strcmp(pt->name, "clk") == 0;
        sb_printf(pb, "    %s %s%s%s\n", pt->is_output ? "output reg " : "input  wire", range(pt->width, r, sizeof r),
                  pt->name, i + 1 < n ? "," : "");
        if (!clk)
            sb_printf(body, "    %s %s%s_%s;\n", pt->is_output ? "wire" : "reg ", range(pt->width, r, sizeof r),
                      pt->is_output ? "wo" : "wi", pt->name);
        if (clk)
            sb_printf(&inst, ".clk(clk)");
        else
            sb_printf(&inst, ".%s(%s_%s)", pt->name, pt->is_output ? "wo" : "wi", pt->name);
        sb_add(&inst, i + 1 < n ? ",\n        " : ");\n");
    }
    sb_add(body, "    always @(posedge clk) begin\n");
    for (unsigned i = 0; i < n; i++) {
        const char *nm = ports[i].name;
        if (strcmp(nm, "clk") == 0)
            continue;
        if (ports[i].is_output)
            sb_printf(body, "        %s <= wo_%s;\n", nm, nm);
        else
            sb_printf(body, "        wi_%s <= %s;\n", nm, nm);
    }
    sb_add(body, "    end\n");
    sb_add(body, inst.s);
    sb_free(&inst);
}

/* Shift register v of w bits, filled from `in` at the top bit (bit 0 leaves first). */
static void shift_right(strbuf *b, const char *v, unsigned w, const char *in)
{
    if (w > 1)
        sb_printf(b, "{%s, %s[%u:1]}", in, v, w - 1);
    else
        sb_printf(b, "%s", in);
}

static void emit_serial_wrap(const char *top, const esru_port *ports, unsigned n, unsigned wi, unsigned wo,
                             strbuf *pb, strbuf *body, strbuf *doc)
{
    char r[32];
    sb_add(pb, "    input  wire clk,\n    input  wire si,\n    input  wire shift,\n    input  wire load,\n"
               "    output wire so\n");
    sb_printf(body, "    reg  %schain_in;\n    reg  %swi;\n", range(wi, r, sizeof r), range(wi, r, sizeof r));
    sb_printf(body, "    reg  %schain_out;\n    wire %swo;\n", range(wo, r, sizeof r), range(wo, r, sizeof r));
    sb_add(body, "    always @(posedge clk) begin\n        if (shift)\n            chain_in <= ");
    shift_right(body, "chain_in", wi, "si");
    sb_add(body, ";\n        if (load)\n            wi <= chain_in;\n        if (load)\n            chain_out <= wo;\n"
                 "        else if (shift)\n            chain_out <= ");
    shift_right(body, "chain_out", wo, "1'b0");
    sb_printf(body, ";\n    end\n    assign so = chain_out%s;\n    %s u_top (\n        ", wo > 1 ? "[0]" : "", top);
    unsigned at_in = 0, at_out = 0;
    for (unsigned i = 0; i < n; i++) {
        const esru_port *pt = &ports[i];
        if (strcmp(pt->name, "clk") == 0) {
            sb_add(body, ".clk(clk)");
        } else {
            unsigned *at = pt->is_output ? &at_out : &at_in;
            sb_printf(body, ".%s(", pt->name);
            slice(body, pt->is_output ? "wo" : "wi", *at, pt->width);
            sb_add(body, ")");
            sb_printf(doc, "//   %s %-10s bits [%u:%u]\n", pt->is_output ? "out" : "in ", pt->name,
                      *at + pt->width - 1, *at);
            *at += pt->width;
        }
        sb_add(body, i + 1 < n ? ",\n        " : ");\n");
    }
}

int esru_emit_wrap(const char *top, const esru_port *ports, unsigned n, esru_wrap_mode mode, const char *header,
                   strbuf *out, char *err, size_t len)
{
    unsigned wi = 0, wo = 0, clocks = 0;
    for (unsigned i = 0; i < n; i++) {
        if (strcmp(ports[i].name, "clk") == 0 && !ports[i].is_output && ports[i].width == 1)
            clocks++;
        else if (ports[i].is_output)
            wo += ports[i].width;
        else
            wi += ports[i].width;
    }
    if (clocks != 1 || wo == 0) {
        snprintf(err, len, "module %s: a wrapper needs one 1-bit input clk and at least one output", top);
        return -1;
    }
    char module[ESRU_NAME_MAX + 8];
    snprintf(module, sizeof module, "%s_wrap", top);
    strbuf pb, body, doc;
    sb_init(&pb);
    sb_init(&body);
    sb_init(&doc);
    if (mode == ESRU_WRAP_SERIAL) {
        sb_printf(&doc,
                  "// Serial timing wrapper of %s: %u input and %u output bits through five pins.\n"
                  "// shift: chain_in takes si at its top bit (send bit 0 first) and chain_out moves one\n"
                  "// bit towards so (bit 0 first). load: %s's inputs take chain_in and chain_out takes\n"
                  "// %s's outputs, on the same edge. shift, load and si are not registered: only paths\n"
                  "// through %s are timed, each from a flip-flop to a flip-flop. Chain layout:\n",
                  top, wi, wo, top, top, top);
        emit_serial_wrap(top, ports, n, wi, wo, &pb, &body, &doc);
    } else {
        sb_printf(&doc,
                  "// Registered timing wrapper of %s: the same ports, every input registered on the way\n"
                  "// in and every output on the way out (clk excepted), so each path through %s starts\n"
                  "// and ends at a flip-flop. Latency: %s's plus 2 cycles.\n",
                  top, top, top);
        emit_reg_wrap(top, ports, n, &pb, &body);
    }
    tmpl_var vars[] = {{"HEADER", header}, {"DOC", doc.s}, {"MODULE", module}, {"PORTS", pb.s}, {"BODY", body.s}};
    int rc = tmpl_fill("module.v.in", vars, sizeof vars / sizeof vars[0], out);
    sb_free(&pb);
    sb_free(&body);
    sb_free(&doc);
    if (rc)
        snprintf(err, len, "module %s: template failed", module);
    return rc;
}

static int wrap_fileset(esru_fileset *fs, const char *top, esru_wrap_mode mode, const char *command,
                        const char *canon, uint64_t hash)
{
    char err[400];
    esru_port ports[ESRU_MAX_PORTS];
    unsigned n = 0;
    const esru_file *topf = NULL;
    for (unsigned i = 0; i < fs->count; i++)
        if (strcmp(fs->files[i].module, top) == 0)
            topf = &fs->files[i];
    if (fs->count >= ESRU_MAX_FILES || !topf) {
        fprintf(stderr, "esrugen: internal error: no room for the wrapper or no top module %s\n", top);
        return -1;
    }
    esru_file *f = &fs->files[fs->count];
    char module[sizeof f->module];
    snprintf(module, sizeof module, "%s_wrap", top);
    memcpy(f->module, module, sizeof module);
    snprintf(f->name, sizeof f->name, "%s.v", module);
    strbuf hdr, out;
    sb_init(&hdr);
    sb_init(&out);
    const char *purpose = mode == ESRU_WRAP_SERIAL ? "serial timing wrapper (five pins)"
                                                   : "registered timing wrapper (inputs and outputs registered)";
    int rc = esru_emit_header_text(command, canon, hash, f->module, purpose, &hdr);
    if (rc == 0)
        rc = esru_ports_of(topf->text, top, ports, ESRU_MAX_PORTS, &n, err, sizeof err);
    if (rc == 0)
        rc = esru_emit_wrap(top, ports, n, mode, hdr.s, &out, err, sizeof err);
    sb_free(&hdr);
    if (rc) {
        fprintf(stderr, "esrugen: internal error: %s\n", err);
        sb_free(&out);
        return -1;
    }
    f->text = sb_take(&out);
    fs->count++;
    return 0;
}

int esru_wrap_sru(esru_fileset *fs, const esru_config *cfg, esru_wrap_mode mode, const char *command)
{
    char canon[512];
    esru_config_canonical(cfg, canon, sizeof canon);
    return wrap_fileset(fs, cfg->name, mode, command, canon, esru_config_hash(cfg));
}

int esru_wrap_mac(esru_fileset *fs, const esru_mac_config *m, esru_wrap_mode mode, const char *command)
{
    char canon[768];
    esru_mac_canonical(m, canon, sizeof canon);
    return wrap_fileset(fs, m->sru.name, mode, command, canon, esru_mac_hash(m));
}
