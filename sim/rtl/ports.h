// Packing n fields of `width` bits (field i at bits [i*width +: width]) into
// Verilator ports of any width (CData..QData or VlWide) and back, so one
// harness serves every generated array; the widths come from the manifest at
// run time. A port is written whole, word by word (no read-modify-write).
#ifndef SIM_RTL_PORTS_H
#define SIM_RTL_PORTS_H
#include <cstdint>
#include <type_traits>
#include "verilated.h"

template <typename T> struct is_wide : std::false_type {};
template <std::size_t N> struct is_wide<VlWide<N>> : std::true_type {};

static inline uint64_t low_mask(unsigned n) { return n >= 64 ? ~0ull : (1ull << n) - 1; }

// Fields into 32-bit words: a 128-bit shift register takes fields of up to 64
// bits and gives out full words. Bits above n*width stay 0 (Verilator expects
// clean upper bits).
template <typename V> static inline void words_pack(uint32_t *w, unsigned nwords, const V *v, unsigned n, unsigned width)
{
    unsigned __int128 acc = 0;
    unsigned fill = 0, wi = 0;
    const uint64_t m = low_mask(width);
    for (unsigned i = 0; i < n; i++) {
        acc |= (unsigned __int128)((uint64_t)(int64_t)v[i] & m) << fill;
        fill += width;
        while (fill >= 32) {
            w[wi++] = (uint32_t)acc;
            acc >>= 32;
            fill -= 32;
        }
    }
    while (wi < nwords) {
        w[wi++] = (uint32_t)acc;
        acc >>= 32;
    }
}

template <typename T, typename V> void port_pack(T &port, const V *v, unsigned n, unsigned width)
{
    if constexpr (is_wide<T>::value) {
        words_pack(port.m_storage, (unsigned)(sizeof port.m_storage / sizeof port.m_storage[0]), v, n, width);
    } else {
        const uint64_t m = low_mask(width);
        uint64_t p = 0;
        for (unsigned i = 0; i < n; i++)
            p |= ((uint64_t)(int64_t)v[i] & m) << (i * width);
        port = (T)p;
    }
}

static inline uint64_t words_get(const uint32_t *w, unsigned lsb, unsigned n)
{
    unsigned word = lsb / 32, off = lsb % 32;
    unsigned __int128 chunk = 0;
    for (unsigned got = 0, k = 0; got < off + n; got += 32, k++)
        chunk |= (unsigned __int128)w[word + k] << got;
    return (uint64_t)(chunk >> off) & low_mask(n);
}

// Bits [lsb +: n] (n <= 64) of a port.
template <typename T> uint64_t port_get(const T &port, unsigned lsb, unsigned n)
{
    if constexpr (is_wide<T>::value) {
        return words_get(port.m_storage, lsb, n);
    } else {
        return ((uint64_t)port >> lsb) & low_mask(n);
    }
}

static inline int64_t sign_extend(uint64_t v, unsigned n)
{
    return n >= 64 ? (int64_t)v : (int64_t)(v << (64 - n)) >> (64 - n);
}

// Storage Verilator gives a port of `bits` bits, in bytes.
static inline std::size_t port_bytes(unsigned bits)
{
    return bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : bits <= 64 ? 8 : 4 * ((bits + 31) / 32);
}

#endif
