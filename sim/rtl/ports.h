// Bit-field access to Verilator ports of any width (CData..QData or VlWide),
// so one harness serves every generated array size.
#ifndef SIM_RTL_PORTS_H
#define SIM_RTL_PORTS_H
#include <cstdint>
#include <type_traits>
#include "verilated.h"

template <typename T> struct is_wide : std::false_type {};
template <std::size_t N> struct is_wide<VlWide<N>> : std::true_type {};

static inline void words_put(uint32_t *w, unsigned lsb, unsigned n, uint64_t v)
{
    for (unsigned done = 0; done < n;) {
        unsigned bit = lsb + done, word = bit / 32, off = bit % 32;
        unsigned take = 32 - off < n - done ? 32 - off : n - done;
        uint32_t mask = (take == 32 ? 0xFFFFFFFFu : ((1u << take) - 1)) << off;
        w[word] = (w[word] & ~mask) | ((uint32_t)(v >> done) << off & mask);
        done += take;
    }
}

static inline uint64_t words_get(const uint32_t *w, unsigned lsb, unsigned n)
{
    uint64_t v = 0;
    for (unsigned done = 0; done < n;) {
        unsigned bit = lsb + done, word = bit / 32, off = bit % 32;
        unsigned take = 32 - off < n - done ? 32 - off : n - done;
        uint64_t chunk = (w[word] >> off) & (take == 32 ? 0xFFFFFFFFu : ((1u << take) - 1));
        v |= chunk << done;
        done += take;
    }
    return v;
}

template <typename T> void port_put(T &port, unsigned lsb, unsigned n, uint64_t v)
{
    if constexpr (is_wide<T>::value) {
        words_put(port.m_storage, lsb, n, v);
    } else {
        uint64_t p = (uint64_t)port, mask = (n >= 64 ? ~0ull : ((1ull << n) - 1)) << lsb;
        p = (p & ~mask) | ((v << lsb) & mask);
        port = (T)p;
    }
}

template <typename T> uint64_t port_get(const T &port, unsigned lsb, unsigned n)
{
    if constexpr (is_wide<T>::value) {
        return words_get(port.m_storage, lsb, n);
    } else {
        uint64_t p = (uint64_t)port >> lsb;
        return n >= 64 ? p : p & ((1ull << n) - 1);
    }
}

static inline int64_t sign_extend(uint64_t v, unsigned n)
{
    return n >= 64 ? (int64_t)v : (int64_t)(v << (64 - n)) >> (64 - n);
}

#endif
