/* SPDX-License-Identifier: MIT */
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
/* GCC's <x86intrin.h> has its own __lzcnt64 (needing -mlzcnt): ours are renamed macros. */
static inline unsigned short prjsim_lzcnt16(unsigned short v)
{
    return v ? (unsigned short)(__builtin_clz(v) - 16) : 16u;
}
static inline unsigned int prjsim_lzcnt32(unsigned int v) { return v ? (unsigned)__builtin_clz(v) : 32u; }
static inline unsigned long long prjsim_lzcnt64(unsigned long long v)
{
    return v ? (unsigned long long)__builtin_clzll(v) : 64u;
}
#undef __lzcnt16
#undef __lzcnt
#undef __lzcnt64
#define __lzcnt16 prjsim_lzcnt16
#define __lzcnt prjsim_lzcnt32
#define __lzcnt64 prjsim_lzcnt64

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
#undef _lrotl
#undef _lrotr
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

__extension__ typedef unsigned __int128 prjsim_uint128;

static inline unsigned long long _umul128(unsigned long long a, unsigned long long b,
                                          unsigned long long *high)
{
    prjsim_uint128 p = (prjsim_uint128)a * b;
    *high = (unsigned long long)(p >> 64);
    return (unsigned long long)p;
}
static inline unsigned long long __umulh(unsigned long long a, unsigned long long b)
{
    return (unsigned long long)(((prjsim_uint128)a * b) >> 64);
}

/* Some of these <windows.h> (msvc.h, interlockedapi.h) already has. */
#ifndef __debugbreak
#define __debugbreak() __builtin_trap()
#endif
#ifndef _ReturnAddress
#define _ReturnAddress() __builtin_return_address(0)
#endif
#ifndef _AddressOfReturnAddress
#define _AddressOfReturnAddress() ((void *)((char *)__builtin_frame_address(0) + sizeof(void *)))
#endif
#ifndef __assume
#define __assume(cond) ((cond) ? (void)0 : __builtin_unreachable())
#endif
#ifndef __nop
#define __nop() __asm__ __volatile__("nop")
#endif
#ifndef _ReadWriteBarrier
#define _ReadWriteBarrier() __asm__ __volatile__("" ::: "memory")
#endif
#ifndef _ReadBarrier
#define _ReadBarrier() _ReadWriteBarrier()
#endif
#ifndef _WriteBarrier
#define _WriteBarrier() _ReadWriteBarrier()
#endif

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
