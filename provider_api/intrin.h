/*
 * intrin.h: the MSVC compiler intrinsics providers use, mapped to GCC's builtins: bit scans,
 * population counts, rotations, byte swaps, 128-bit multiplication, barriers, __debugbreak,
 * _ReturnAddress, __rdtsc, _mm_pause; the _Interlocked* names come from <windows.h>
 * (interlockedapi.h). On a target other than x86-64 only the portable ones are defined.
 */
#ifndef PRJSIM_INTRIN_H
#define PRJSIM_INTRIN_H

#include <windows.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Bit scans: macros, so the index may be an unsigned long (MSVC's 32-bit type) or a DWORD,
 * which are different types here. They return 1 and store the bit index, or return 0. */
#define _BitScanForward(Index, Mask)                                           \
    __extension__({                                                            \
        unsigned prjsim_m_ = (unsigned)(Mask);                                 \
        if (prjsim_m_)                                                         \
            *(Index) = (unsigned)__builtin_ctz(prjsim_m_);                     \
        (unsigned char)(prjsim_m_ != 0);                                       \
    })
#define _BitScanReverse(Index, Mask)                                           \
    __extension__({                                                            \
        unsigned prjsim_m_ = (unsigned)(Mask);                                 \
        if (prjsim_m_)                                                         \
            *(Index) = (unsigned)(31 - __builtin_clz(prjsim_m_));              \
        (unsigned char)(prjsim_m_ != 0);                                       \
    })
#define _BitScanForward64(Index, Mask)                                         \
    __extension__({                                                            \
        unsigned long long prjsim_m_ = (unsigned long long)(Mask);             \
        if (prjsim_m_)                                                         \
            *(Index) = (unsigned)__builtin_ctzll(prjsim_m_);                   \
        (unsigned char)(prjsim_m_ != 0);                                       \
    })
#define _BitScanReverse64(Index, Mask)                                         \
    __extension__({                                                            \
        unsigned long long prjsim_m_ = (unsigned long long)(Mask);             \
        if (prjsim_m_)                                                         \
            *(Index) = (unsigned)(63 - __builtin_clzll(prjsim_m_));            \
        (unsigned char)(prjsim_m_ != 0);                                       \
    })

static inline unsigned short __popcnt16(unsigned short v) { return (unsigned short)__builtin_popcount(v); }
static inline unsigned int __popcnt(unsigned int v) { return (unsigned int)__builtin_popcount(v); }
static inline unsigned long long __popcnt64(unsigned long long v)
{
    return (unsigned long long)__builtin_popcountll(v);
}
static inline unsigned int __lzcnt(unsigned int v) { return v ? (unsigned)__builtin_clz(v) : 32u; }
static inline unsigned long long __lzcnt64(unsigned long long v)
{
    return v ? (unsigned long long)__builtin_clzll(v) : 64u;
}

/* MSVC's rotations are functions of unsigned int / unsigned __int64 (macros here, as GCC's
 * <x86intrin.h> may define _rotl for its own use). */
static inline unsigned int prjsim_rotl32(unsigned int v, int s)
{
    s &= 31;
    return s ? (v << s) | (v >> (32 - s)) : v;
}
static inline unsigned int prjsim_rotr32(unsigned int v, int s)
{
    s &= 31;
    return s ? (v >> s) | (v << (32 - s)) : v;
}
static inline unsigned long long prjsim_rotl64(unsigned long long v, int s)
{
    s &= 63;
    return s ? (v << s) | (v >> (64 - s)) : v;
}
static inline unsigned long long prjsim_rotr64(unsigned long long v, int s)
{
    s &= 63;
    return s ? (v >> s) | (v << (64 - s)) : v;
}
#undef _rotl
#undef _rotr
#undef _rotl64
#undef _rotr64
#define _rotl prjsim_rotl32
#define _rotr prjsim_rotr32
#define _lrotl prjsim_rotl32
#define _lrotr prjsim_rotr32
#define _rotl64 prjsim_rotl64
#define _rotr64 prjsim_rotr64

static inline unsigned short _byteswap_ushort(unsigned short v) { return __builtin_bswap16(v); }
static inline uint32_t _byteswap_ulong(uint32_t v) { return __builtin_bswap32(v); }
static inline unsigned long long _byteswap_uint64(unsigned long long v) { return __builtin_bswap64(v); }

static inline unsigned long long _umul128(unsigned long long a, unsigned long long b,
                                          unsigned long long *high)
{
    unsigned __int128 p = (unsigned __int128)a * b;
    *high = (unsigned long long)(p >> 64);
    return (unsigned long long)p;
}
static inline unsigned long long __umulh(unsigned long long a, unsigned long long b)
{
    return (unsigned long long)(((unsigned __int128)a * b) >> 64);
}

#define __debugbreak() __builtin_trap()
#define _ReturnAddress() __builtin_return_address(0)
#define _AddressOfReturnAddress() ((void *)((char *)__builtin_frame_address(0) + sizeof(void *)))
#define __assume(cond) ((cond) ? (void)0 : __builtin_unreachable())
#define __nop() __asm__ __volatile__("nop")
#define _ReadWriteBarrier() __asm__ __volatile__("" ::: "memory")
#define _ReadBarrier() _ReadWriteBarrier()
#define _WriteBarrier() _ReadWriteBarrier()

#if defined(__x86_64__) || defined(__i386__)
static inline void __cpuid(int info[4], int leaf)
{
    unsigned a, b, c, d;
    __asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(0));
    info[0] = (int)a, info[1] = (int)b, info[2] = (int)c, info[3] = (int)d;
}
static inline void __cpuidex(int info[4], int leaf, int sub)
{
    unsigned a, b, c, d;
    __asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(sub));
    info[0] = (int)a, info[1] = (int)b, info[2] = (int)c, info[3] = (int)d;
}
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_INTRIN_H */
