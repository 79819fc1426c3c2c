/* --prng shared: one maximal W-bit LFSR for the whole bank, W a Mersenne
 * exponent (2^W - 1 prime), and a phase shifter: lane l's M random bits are
 * XORs of state bits, masks chosen here so that
 *   - each lane's M functions are linearly independent: over the period the
 *     lane takes every nonzero value 2^(W-M) times and zero once fewer
 *     (balanced to 2^-W);
 *   - every pair of lanes' 2M functions are independent (when 2M <= W): the
 *     two lanes' values are jointly uniform, not correlated;
 *   - no lane is another lane delayed by a few cycles (a shift of its masks).
 * Because the period is prime, an element that meets its lane every K bank
 * advances visits the whole period for every K that is not a multiple of
 * 2^W - 1: unbiased per element for every workload, by construction. The
 * analyzer and the trainer's stride check catch the multiples. */
#include "kinds/kind.h"
#include "model/lfsr.h"
#include "model/prng.h"
#include "model/simd.h"
#include <pthread.h>
#if ESRU_HAVE_X86
#include <immintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned mersenne[] = {2, 3, 5, 7, 13, 17, 19, 31, 61};
#define NMERSENNE (sizeof mersenne / sizeof mersenne[0])

/* The default W: the smallest Mersenne exponent that is at least 17 and at
 * least 2M. 17 keeps the period (131071) far above the stride of any layer a
 * few lanes serve, at W/L flops per lane; 2M lets every pair of lanes be
 * jointly uniform. M > 30: 61 (lanes stay balanced, pairs cannot all be). */
static unsigned default_width(unsigned m)
{
    for (unsigned i = 0; i < NMERSENNE; i++)
        if (mersenne[i] >= 17 && mersenne[i] >= 2 * m)
            return mersenne[i];
    return 61;
}

static unsigned state_width(const esru_config *c)
{
    return c->state_width ? c->state_width : default_width(c->prng_width);
}

static int check(const esru_config *c, char *err, size_t len)
{
    unsigned w = state_width(c);
    int ok = 0;
    for (unsigned i = 0; i < NMERSENNE; i++)
        ok |= mersenne[i] == w;
    if (ok && w >= c->prng_width)
        return 0;
    snprintf(err, len,
             "--prng-state-width %u is invalid for --prng shared (valid: a Mersenne exponent 2, 3, 5, 7, 13, 17, 19, "
             "31 or 61, at least --prng-width %u)",
             w, c->prng_width);
    return -1;
}

static unsigned width(const esru_config *c) { return state_width(c); }
static unsigned count(const esru_config *c) { (void)c; return 1; }

/* ---- choosing the phase shifter ---- */

/* An XOR basis over GF(2): b[i] is the basis vector whose leading bit is i (0: none).
 * Inserting a vector reduces it by the basis; 1 when it was independent (and is kept). */
static int basis_insert(uint64_t b[64], uint64_t v)
{
    while (v) {
        unsigned h = 63u - (unsigned)__builtin_clzll(v);
        if (!b[h]) {
            b[h] = v;
            return 1;
        }
        v ^= b[h];
    }
    return 0;
}

/* Is lane a's function set lane b's, delayed by s in 1..W-1 cycles? In the
 * Fibonacci LFSR bit i at t+s is bit i-s at t, so a delay shifts every mask. */
static int delayed_copy(const uint64_t *a, const uint64_t *b, unsigned m, unsigned w)
{
    uint64_t all = esru_width_mask(w);
    for (unsigned s = 1; s < w; s++) {
        int left = 1, right = 1;
        for (unsigned j = 0; j < m; j++) {
            left &= (b[j] & ~(all >> s)) == 0 && a[j] == (b[j] << s);
            right &= (b[j] & esru_width_mask(s)) == 0 && a[j] == (b[j] >> s);
        }
        if (left || right)
            return 1;
    }
    return 0;
}

static uint64_t random_mask(uint64_t *rng, unsigned w, unsigned weight)
{
    uint64_t m = 0;
    for (unsigned bits = 0; bits < weight;) { /* counted, not popcount: a libcall without -mpopcnt */
        uint64_t bit = UINT64_C(1) << (esru_splitmix64(rng) % w);
        bits += !(m & bit);
        m |= bit;
    }
    return m;
}

/* Deterministic in (W, M, L): the model and the emitted RTL both call this.
 * Masks of as few taps as the conditions allow (each tap beyond the first is
 * one XOR gate); the conditions are relaxed in order (delays, then pairs)
 * only if a search of 2^14 draws per lane finds nothing. A lane's own
 * independence is never relaxed: M <= W makes it reachable. */
/* Lanes are chosen in order from a generator seeded by (W, M) alone, so the
 * masks of L lanes are the first L of any larger bank's. Each (W, M) searched
 * in this process keeps its masks and generator state in one entry, and a
 * bank points at the entry's masks instead of holding a copy: a bank of the
 * same W and M continues the search only past the lanes found (a trainer sets
 * up each bank and the analyzer's; at 64 lanes the search takes seconds when
 * 2M is close to W), and copying a bank (the rounding kernels copy it per
 * call and per thread) copies its states, not 64 KiB of masks. Entries are
 * never freed (banks point into them) nor moved; a search writes only lanes
 * past those already handed out, under a lock (banks may be made from several
 * threads: libesru). */
typedef struct shared_masks {
    struct shared_masks *next;
    unsigned w, m, lanes;
    uint64_t rng;
    uint64_t mask[ESRU_MAX_LANES][ESRU_MAX_N];
} shared_masks;
static shared_masks *found;
static pthread_mutex_t found_lock = PTHREAD_MUTEX_INITIALIZER;

/* The entry of (w, m), made on first use; the caller holds found_lock. */
static shared_masks *entry_of(unsigned w, unsigned m)
{
    for (shared_masks *e = found; e; e = e->next)
        if (e->w == w && e->m == m)
            return e;
    shared_masks *e = calloc(1, sizeof *e);
    if (!e) {
        fprintf(stderr, "esru: out of memory for the shared kind's masks (W %u, M %u)\n", w, m);
        abort();
    }
    e->w = w, e->m = m;
    e->rng = UINT64_C(0x5EA4ED5E1EC7ED00) ^ ((uint64_t)w << 8) ^ m;
    e->next = found;
    found = e;
    return e;
}

static void choose_masks(esru_prng *p)
{
    unsigned w = p->width, m = p->m, L = p->lanes;
    unsigned pair_rank = 2 * m < w ? 2 * m : w;
    pthread_mutex_lock(&found_lock);
    shared_masks *e = entry_of(w, m);
    uint64_t rng = e->rng;
    for (unsigned l = e->lanes; l < L; l++) {
        for (unsigned attempt = 0;; attempt++) {
            int strict = attempt < (1u << 14), pairs = attempt < (1u << 15);
            /* two taps or more (one tap is a plain state bit, i.e. a delayed
               copy of every other plain bit), more as the search goes on */
            unsigned lo = w >= 4 ? 2 : 1, hi = lo + attempt / 256;
            hi = hi > w ? w : hi;
            for (unsigned j = 0; j < m; j++)
                e->mask[l][j] = random_mask(&rng, w, lo + (unsigned)(esru_splitmix64(&rng) % (hi - lo + 1)));
            /* the lane's own basis once, then each earlier lane's masks into a copy of it:
               the pair's rank is m plus how many of them stay independent */
            uint64_t own[64] = {0};
            unsigned r = 0;
            for (unsigned j = 0; j < m; j++)
                r += basis_insert(own, e->mask[l][j]);
            int ok = r == m;
            for (unsigned q = 0; ok && q < l; q++) {
                if (pairs) {
                    uint64_t both[64];
                    unsigned pr = m;
                    memcpy(both, own, sizeof both);
                    for (unsigned j = 0; j < m; j++)
                        pr += basis_insert(both, e->mask[q][j]);
                    ok = pr >= pair_rank;
                }
                if (strict && ok && delayed_copy(e->mask[l], e->mask[q], m, w))
                    ok = 0;
            }
            if (ok)
                break;
        }
    }
    if (L > e->lanes)
        e->lanes = L, e->rng = rng;
    p->mask = (const uint64_t(*)[ESRU_MAX_N])e->mask;
    pthread_mutex_unlock(&found_lock);
}

static void init(esru_prng *p, const esru_config *c)
{
    (void)c;
    choose_masks(p);
}

static uint64_t value(const esru_prng *p, unsigned lane, const uint64_t *ext)
{
    (void)ext;
    uint64_t s = p->state[0], r = 0;
    for (unsigned j = 0; j < p->m; j++)
        r |= (uint64_t)__builtin_parityll(s & p->mask[lane][j]) << j;
    return r;
}

/* ---- the fast model: value() for 64 cycles at a time ----
 * The Fibonacci LFSR shifts its feedback bits b in at bit 0, so state bit i
 * at cycle t is b[t-i], and parity(state_t & mask) = XOR over the mask's
 * bits i of b[t-i]. Kept as words of 64 consecutive bits of b (bit u of a
 * word is time 64n+u), the parity of one mask over 64 cycles is an XOR of
 * one shifted window per mask bit: 64 cycles of one random bit per word
 * operation. b itself obeys b[t] = XOR over taps T of b[t-T], and, squaring
 * the feedback polynomial k times over GF(2), b[t] = XOR of b[t-T*2^k]:
 * with every T*2^k >= 64 a whole new word is one XOR of windows of older
 * words. Until that much history is known (a call starts from the W bits
 * of the state), a word is solved by repeating the plain recurrence, each
 * pass fixing T_min more bits. */

#define RUN_WORDS 32 /* words of b per round (2048 cycles) */
#define RUN_HIST 4   /* older words kept before a round: 256 bits >= T_max * 2^k */
#define RUN_LANES 64  /* lanes whose planes are held at once */
#define RUN_ACROSS 16 /* from this many lanes on, values are made across lanes (faster than lane by lane) */

/* 64 bits of b from buffer bit x on (x >= 0). */
static inline uint64_t window(const uint64_t *w, size_t x)
{
    size_t q = x >> 6;
    unsigned r = (unsigned)(x & 63u);
    return (w[q] >> r) | ((w[q + 1] << 1) << (63 - r)); /* r = 0: no bit of w[q+1] */
}

#if ESRU_HAVE_X86
/* 16 values to out[0], out[L], ..., out[15 L]: one store when contiguous,
 * else one scatter (a loop stored one value at a time). */
__attribute__((target("avx512f"))) static inline void put16(uint32_t *out, unsigned L, __m512i v)
{
    if (L == 1)
        _mm512_storeu_si512((void *)out, v);
    else
        _mm512_i32scatter_epi32((void *)out,
                                _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                                                                     14, 15),
                                                   _mm512_set1_epi32((int)L)),
                                v, 4);
}

/* 64 values of M <= 8 bits from their M bit planes (bit u of pl[j] is bit j
 * of value u): one masked byte move per plane, then widened to uint32
 * (AVX-512BW), where the plain loop moves one bit per value and plane; to
 * out[u * L]. */
__attribute__((target("avx512f,avx512bw"))) static void planes_to_values(const uint64_t *pl, unsigned m,
                                                                         unsigned L, uint32_t *out)
{
    __m512i v = _mm512_setzero_si512();
    for (unsigned j = 0; j < m; j++)
        v = _mm512_or_si512(v, _mm512_maskz_set1_epi8(_cvtu64_mask64(pl[j]), (char)(1u << j)));
    const size_t step = 16 * (size_t)L; /* the extract's lane must be a constant: four calls */
    put16(out, L, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 0)));
    put16(out + step, L, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 1)));
    put16(out + 2 * step, L, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 2)));
    put16(out + 3 * step, L, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(v, 3)));
}

/* The same planes by carry-less multiplication: XOR over the mask's bits i
 * of b shifted by i is the GF(2) product of b with the mask as a
 * polynomial, so a plane's 64 bits are the low half of (word x of b) * mask
 * XOR the high half of (word x-1) * mask (W <= 61 < 64: no older word
 * reaches). One multiply per plane, where the windows cost an XOR per mask
 * bit. VEX-encoded (AVX): legacy SSE code called from the AVX-512 clone
 * stalled on the vector state transition (3x slower than no multiply). */
__attribute__((target("pclmul,avx2"))) static void planes_clmul(uint64_t prev, uint64_t cur, const uint64_t *mask,
                                                          unsigned m, uint64_t *pl)
{
    __m128i b = _mm_set_epi64x((long long)prev, (long long)cur);
    for (unsigned j = 0; j < m; j++) {
        __m128i mk = _mm_cvtsi64_si128((long long)mask[j]);
        __m128i lo = _mm_clmulepi64_si128(b, mk, 0x00), hi = _mm_clmulepi64_si128(b, mk, 0x01);
        pl[j] = (uint64_t)_mm_cvtsi128_si64(lo) ^ (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(hi, hi));
    }
}
#endif

/* Lane l's M planes over the 64 cycles from bit x of b on: pl[j] bit u is
 * bit j of the value at cycle u. */
static inline void lane_planes(const esru_prng *p, unsigned l, const uint64_t *buf, size_t x, const uint64_t *sh,
                               int clmul, uint64_t *pl)
{
#if ESRU_HAVE_X86
    if (clmul) {
        planes_clmul(buf[x / 64 - 1], buf[x / 64], p->mask[l], p->m, pl);
        return;
    }
#else
    (void)buf, (void)x, (void)clmul;
#endif
    for (unsigned j = 0; j < p->m; j++) {
        pl[j] = 0;
        for (uint64_t mask = p->mask[l][j]; mask; mask &= mask - 1)
            pl[j] ^= sh[__builtin_ctzll(mask)];
    }
}

/* One lane's T <= 64 values from its M planes, to out[0], out[L], ... */
static inline void one_lane(const uint64_t *pl, unsigned m, unsigned T, int spread, unsigned L, uint32_t *out)
{
#if ESRU_HAVE_X86
    if (spread && T == 64) { /* fixed size */
        planes_to_values(pl, m, L, out);
        return;
    }
#else
    (void)spread;
#endif
    uint32_t v[64] = {0}; /* v[u]: the value at cycle u */
    for (unsigned j = 0; j < m; j++) {
        uint32_t early = (uint32_t)pl[j], late = (uint32_t)(pl[j] >> 32);
        for (unsigned u = 0; u < 32; u++) /* vectorizes: shifts by a vector of counts */
            v[u] |= ((early >> u) & 1u) << j;
        for (unsigned u = 0; u < 32; u++)
            v[32 + u] |= ((late >> u) & 1u) << j;
    }
    if (L == 1 && T == 64) /* contiguous, fixed size: vector stores */
        memcpy(out, v, sizeof v);
    else
        for (unsigned t = 0; t < T; t++)
            out[(size_t)t * L] = v[t];
}

ESRU_CLONES static void run(esru_prng *p, size_t cycles, uint32_t *r)
{
    const unsigned L = p->lanes, m = p->m, w = p->width;
    unsigned tap[ESRU_LFSR_MAX_TAPS], nt = 0;
    for (unsigned b = 0; b < 64 && nt < ESRU_LFSR_MAX_TAPS; b++)
        if ((p->tapmask >> b) & 1u)
            tap[nt++] = b + 1; /* b[t] = XOR of b[t - tap] */
    unsigned dbl = 1, passes = (64 + tap[0] - 1) / tap[0];
    while (tap[0] * dbl < 64)
        dbl *= 2;
    int far = tap[nt - 1] * dbl <= 64 * RUN_HIST; /* the squared recurrence fits the history */
#if ESRU_HAVE_X86
    int spread = m <= 8 && esru_simd_level() == ESRU_SIMD_VNNI; /* VNNI's level has AVX-512BW */
    int clmul = esru_simd_level() >= ESRU_SIMD_AVX2 && __builtin_cpu_supports("pclmul");
#else
    const int clmul = 0, spread = 0;
#endif
    uint64_t buf[RUN_HIST + RUN_WORDS + 2] = {0}, used = 0; /* used: the state bits the windows need */
    for (unsigned l = 0; l < L && !clmul; l++)
        for (unsigned j = 0; j < m; j++)
            used |= p->mask[l][j];
    /* time 0 (this cycle) is bit 0 of word RUN_HIST; times 1-W .. 0 from the state */
    uint64_t s = p->state[0];
    const size_t base = 64 * RUN_HIST;
    for (unsigned i = 0; i < w; i++)
        buf[(base - i) >> 6] |= ((s >> i) & 1u) << ((base - i) & 63u);
    size_t valid = base - (w - 1); /* bits before this are unknown */
    size_t have = 0;               /* words from RUN_HIST on that are computed */
    for (size_t c0 = 0;;) {
        size_t n = cycles - c0 < 64 * RUN_WORDS ? cycles - c0 : 64 * RUN_WORDS;
        size_t words = n / 64 + 1; /* through time c0 + n: the state after the round */
        for (size_t k = have; k < words; k++) {
            size_t x = 64 * (RUN_HIST + k);
            uint64_t nw = 0;
            if (far && x - tap[nt - 1] * dbl >= valid) {
                for (unsigned i = 0; i < nt; i++)
                    nw ^= window(buf, x - tap[i] * dbl);
            } else { /* bit 0 of the first word is the state's, not the recurrence's */
                uint64_t keep = x == base && c0 == 0 ? 1u : 0u;
                for (unsigned it = 0; it < passes; it++) {
                    nw = 0;
                    for (unsigned i = 0; i < nt; i++)
                        nw ^= window(buf, x - tap[i]);
                    buf[RUN_HIST + k] = (nw & ~keep) | (buf[RUN_HIST + k] & keep);
                }
                nw = buf[RUN_HIST + k];
            }
            buf[RUN_HIST + k] = nw;
        }
        for (size_t k = 0; 64 * k < n; k++) {
            unsigned T = n - 64 * k < 64 ? (unsigned)(n - 64 * k) : 64;
            size_t x = 64 * (RUN_HIST + k);
            uint32_t *out = r + (c0 + 64 * k) * L; /* cycle c0 + 64k: lanes 0 .. L-1 */
            uint64_t sh[64]; /* sh[i]: state bit i over the 64 cycles, for the bits some lane reads */
            for (uint64_t u = used; u; u &= u - 1)
                sh[__builtin_ctzll(u)] = window(buf, x - (unsigned)__builtin_ctzll(u));
            if (L < RUN_ACROSS) { /* lane by lane */
                for (unsigned l = 0; l < L; l++) {
                    uint64_t pl[ESRU_MAX_N];
                    lane_planes(p, l, buf, x, sh, clmul, pl);
                    one_lane(pl, m, T, spread, L, out + l);
                }
                continue;
            }
            /* many lanes: a chunk's planes, then cycle by cycle the chunk's
             * lanes side by side (vectorizes over lanes; stores are contiguous) */
            for (unsigned l0 = 0; l0 < L; l0 += RUN_LANES) {
                unsigned lc = L - l0 < RUN_LANES ? L - l0 : RUN_LANES;
                uint64_t pl[ESRU_MAX_N][RUN_LANES]; /* pl[j][i]: plane j of lane l0 + i */
                for (unsigned i = 0; i < lc; i++) {
                    uint64_t lp[ESRU_MAX_N];
                    lane_planes(p, l0 + i, buf, x, sh, clmul, lp);
                    for (unsigned j = 0; j < m; j++)
                        pl[j][i] = lp[j];
                }
                for (unsigned t = 0; t < T; t++) {
                    uint32_t *o = out + (size_t)t * L + l0;
                    for (unsigned i = 0; i < lc; i++)
                        o[i] = (uint32_t)(pl[0][i] >> t) & 1u;
                    for (unsigned j = 1; j < m; j++)
                        for (unsigned i = 0; i < lc; i++)
                            o[i] |= ((uint32_t)(pl[j][i] >> t) & 1u) << j;
                }
            }
        }
        c0 += n;
        if (c0 == cycles) { /* the state: bit i is b at time c0 - i */
            uint64_t b = window(buf, base + n - (w - 1)), st = 0;
            for (unsigned i = 0; i < w; i++)
                st |= ((b >> (w - 1 - i)) & 1u) << i;
            p->state[0] = st;
            break;
        }
        /* slide: the round's last RUN_HIST words become the history (n is 64 * RUN_WORDS) */
        memmove(buf, buf + RUN_WORDS, (RUN_HIST + 1) * sizeof *buf);
        have = 1;
        valid = valid > 64 * RUN_WORDS ? valid - 64 * RUN_WORDS : 0;
    }
    p->phase ^= (unsigned)(cycles & 1u);
}

static void hist(const esru_prng *p, unsigned lane, esru_hist *h)
{
    (void)lane;
    esru_kind_window_hist(p->width, p->m, h); /* M independent functions of a maximal LFSR */
}

/* The mask of lane l's bit j as the RTL computes it: of the state, or, with
 * --prng-reg 1, of the next state (the register then holds this cycle's
 * value: it loads f(next state) when the LFSR loads the next state). The
 * step is linear, so parity(next(q) & mask) = parity(q & m) where bit i of m
 * is parity(next(state bit i alone) & mask): the model's own step
 * (esru_lfsr_next) gives the RTL its masks. */
static uint64_t rtl_mask(const esru_config *c, const esru_prng *bank, unsigned l, unsigned j)
{
    uint64_t mask = bank->mask[l][j], m = 0;
    if (!c->prng_reg)
        return mask;
    for (unsigned i = 0; i < bank->width; i++)
        m |= (uint64_t)__builtin_parityll(esru_lfsr_next(UINT64_C(1) << i, bank->width, bank->tapmask) & mask) << i;
    return m;
}

/* Lane l's M bits as a Verilog expression: {bit M-1, ..., bit 0}, each an
 * XOR of LFSR state bits (never none: a lane's masks are independent, hence
 * nonzero, and the step is invertible). */
static void lane_expr(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, strbuf *e)
{
    unsigned m = c->prng_width;
    sb_add(e, m > 1 ? "{" : "");
    for (unsigned j = m; j-- > 0;) {
        uint64_t mask = rtl_mask(c, bank, l, j);
        int first = 1;
        for (unsigned i = 0; i < bank->width; i++)
            if ((mask >> i) & 1u) {
                sb_printf(e, "%s%slfsr0_q[%u]", first ? "" : " ^ ", pfx, i);
                first = 0;
            }
        sb_add(e, j ? ", " : "");
    }
    sb_add(e, m > 1 ? "}" : "");
}

static void emit_lane(const esru_config *c, const esru_prng *bank, const char *pfx, unsigned l, const char *rnd,
                      strbuf *b)
{
    (void)rnd;
    strbuf e;
    sb_init(&e);
    if (c->prng_reg)
        sb_printf(&e, "%srreg%u", pfx, l);
    else
        lane_expr(c, bank, pfx, l, &e);
    esru_kind_emit_word(pfx, l, c->prng_width, e.s, b);
    sb_free(&e);
}

/* With --prng-reg 1, each lane's register (reset: the lane's value at the
 * reset state); then the state bits no lane reads, named as unused
 * (lint-clean RTL). */
static void emit_state(const esru_config *c, const esru_prng *bank, const char *pfx, const char *en, strbuf *b)
{
    uint64_t used = 0;
    for (unsigned l = 0; l < c->lanes; l++)
        for (unsigned j = 0; j < bank->m; j++)
            used |= rtl_mask(c, bank, l, j);
    for (unsigned l = 0; l < c->lanes && c->prng_reg; l++) {
        strbuf e;
        sb_init(&e);
        lane_expr(c, bank, pfx, l, &e);
        sb_printf(b,
                  "    // lane %u's random bits, registered: f(next state) loads with the next state\n"
                  "    reg [%u:0] %srreg%u;\n"
                  "    always @(posedge clk) begin\n"
                  "        if (rst)\n            %srreg%u <= %u'd%llu;\n"
                  "        else if (%s)\n            %srreg%u <= %s;\n"
                  "    end\n",
                  l, bank->m - 1, pfx, l, pfx, l, bank->m, (unsigned long long)value(bank, l, NULL), en, pfx, l,
                  e.s);
        sb_free(&e);
    }
    strbuf u;
    sb_init(&u);
    for (unsigned i = bank->width; i-- > 0;)
        if (!((used >> i) & 1u))
            sb_printf(&u, "%s%slfsr0_q[%u]", u.len ? ", " : "", pfx, i);
    if (u.len)
        sb_printf(b, "    wire %sunused_state = ^{%s}; // state bits no lane reads\n", pfx, u.s);
    sb_free(&u);
}

static void describe(const esru_config *c, char *buf, size_t len)
{
    unsigned w = state_width(c);
    snprintf(buf, len,
             "shared: one %u-bit LFSR (period 2^%u-1 = %llu, prime) for all lanes; lane l's %u bits are XORs of "
             "state bits, independent per lane and per pair of lanes%s",
             w, w, (unsigned long long)esru_width_mask(w), c->prng_width,
             c->prng_reg ? "; registered after the XORs (the same values every cycle)" : "");
}

const esru_kind esru_kind_shared = {
    .name = "shared",
    .summary = "one W-bit LFSR (2^W-1 prime) shared by the lanes through an XOR phase shifter",
    .check = check,
    .state_width = state_width,
    .lfsr_width = width,
    .lfsr_count = count,
    .init = init,
    .value = value,
    .period = esru_kind_lfsr_period,
    .lane_hist = hist,
    .emit_state = emit_state,
    .emit_lane = emit_lane,
    .describe = describe,
    .run = run,
};
