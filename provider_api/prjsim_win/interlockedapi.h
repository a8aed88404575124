/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/interlockedapi.h: the Interlocked* functions and memory barriers.
 *
 * Header-only, on the compiler's __atomic builtins, each a full (sequentially consistent)
 * barrier as on Windows. LONG is 32 bits here as on Windows; the *64 forms take LONG64.
 * Results follow the SDK: Increment/Decrement/Add return the new value; Exchange,
 * CompareExchange, ExchangeAdd, And, Or and Xor return the previous one.
 *
 * In C++ the functions are also overloaded, as winnt.h does, for unsigned operands and for
 * `long`/`unsigned long` (64 bits on Linux: code written for Windows' 32-bit long keeps
 * compiling and operates on the whole variable). In C, pass LONG (or LONG64) variables.
 */
#ifndef PRJSIM_WIN_INTERLOCKEDAPI_H
#define PRJSIM_WIN_INTERLOCKEDAPI_H

#include "basetypes.h"

#ifdef __cplusplus
#define PRJSIM_WIN__IL_INLINE inline
#else
#define PRJSIM_WIN__IL_INLINE static inline
#endif
#define PRJSIM_WIN__SEQ __ATOMIC_SEQ_CST

/* The operations of one integer type T under the names NAME_SUFFIX (e.g. "" or "64"). */
#define PRJSIM_WIN__INTERLOCKED(T, SFX)                                                        \
    PRJSIM_WIN__IL_INLINE T InterlockedIncrement##SFX(T volatile *Addend)                     \
    {                                                                                          \
        return __atomic_add_fetch(Addend, 1, PRJSIM_WIN__SEQ);                                 \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedDecrement##SFX(T volatile *Addend)                     \
    {                                                                                          \
        return __atomic_sub_fetch(Addend, 1, PRJSIM_WIN__SEQ);                                 \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedExchange##SFX(T volatile *Target, T Value)             \
    {                                                                                          \
        return __atomic_exchange_n(Target, Value, PRJSIM_WIN__SEQ);                            \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedCompareExchange##SFX(T volatile *Destination,          \
                                                            T Exchange, T Comparand)           \
    {                                                                                          \
        __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, PRJSIM_WIN__SEQ,     \
                                    PRJSIM_WIN__SEQ);                                          \
        return Comparand;                                                                      \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedAdd##SFX(T volatile *Addend, T Value)                  \
    {                                                                                          \
        return __atomic_add_fetch(Addend, Value, PRJSIM_WIN__SEQ);                             \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedExchangeAdd##SFX(T volatile *Addend, T Value)          \
    {                                                                                          \
        return __atomic_fetch_add(Addend, Value, PRJSIM_WIN__SEQ);                             \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedAnd##SFX(T volatile *Destination, T Value)             \
    {                                                                                          \
        return __atomic_fetch_and(Destination, Value, PRJSIM_WIN__SEQ);                        \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedOr##SFX(T volatile *Destination, T Value)              \
    {                                                                                          \
        return __atomic_fetch_or(Destination, Value, PRJSIM_WIN__SEQ);                         \
    }                                                                                          \
    PRJSIM_WIN__IL_INLINE T InterlockedXor##SFX(T volatile *Destination, T Value)             \
    {                                                                                          \
        return __atomic_fetch_xor(Destination, Value, PRJSIM_WIN__SEQ);                        \
    }

PRJSIM_WIN__INTERLOCKED(LONG, )
PRJSIM_WIN__INTERLOCKED(LONG64, 64)
PRJSIM_WIN__INTERLOCKED(SHORT, 16)

#ifdef __cplusplus
extern "C++" {
PRJSIM_WIN__INTERLOCKED(unsigned int, )
PRJSIM_WIN__INTERLOCKED(long long, )
PRJSIM_WIN__INTERLOCKED(unsigned long, )
PRJSIM_WIN__INTERLOCKED(unsigned long long, )
PRJSIM_WIN__INTERLOCKED(long long, 64)
PRJSIM_WIN__INTERLOCKED(unsigned long, 64)
PRJSIM_WIN__INTERLOCKED(unsigned long long, 64)
PRJSIM_WIN__INTERLOCKED(unsigned short, 16)
/* `long` is LONG64 (int64_t) here, so the *64 set above already covers it; add the plain names. */
PRJSIM_WIN__INTERLOCKED(long, )
}
#endif

PRJSIM_WIN__IL_INLINE char InterlockedExchange8(char volatile *Target, char Value)
{
    return __atomic_exchange_n(Target, Value, PRJSIM_WIN__SEQ);
}
PRJSIM_WIN__IL_INLINE char InterlockedCompareExchange8(char volatile *Destination, char Exchange,
                                                       char Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, PRJSIM_WIN__SEQ,
                                PRJSIM_WIN__SEQ);
    return Comparand;
}
PRJSIM_WIN__IL_INLINE char InterlockedAnd8(char volatile *Destination, char Value)
{
    return __atomic_fetch_and(Destination, Value, PRJSIM_WIN__SEQ);
}
PRJSIM_WIN__IL_INLINE char InterlockedOr8(char volatile *Destination, char Value)
{
    return __atomic_fetch_or(Destination, Value, PRJSIM_WIN__SEQ);
}

/** Stores @p Value and returns the previous pointer. */
PRJSIM_WIN__IL_INLINE PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{
    return __atomic_exchange_n(Target, Value, PRJSIM_WIN__SEQ);
}
/** Stores @p Exchange if *Destination == @p Comperand; returns the previous pointer. */
PRJSIM_WIN__IL_INLINE PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination,
                                                              PVOID Exchange, PVOID Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, PRJSIM_WIN__SEQ,
                                PRJSIM_WIN__SEQ);
    return Comperand;
}

/** Sets bit @p Offset of *Base and returns its previous value (0 or 1). */
PRJSIM_WIN__IL_INLINE BOOLEAN InterlockedBitTestAndSet(LONG volatile *Base, LONG Offset)
{
    LONG mask = (LONG)(1u << (Offset & 31));
    return (BOOLEAN)((__atomic_fetch_or(Base, mask, PRJSIM_WIN__SEQ) & mask) != 0);
}
PRJSIM_WIN__IL_INLINE BOOLEAN InterlockedBitTestAndReset(LONG volatile *Base, LONG Offset)
{
    LONG mask = (LONG)(1u << (Offset & 31));
    return (BOOLEAN)((__atomic_fetch_and(Base, ~mask, PRJSIM_WIN__SEQ) & mask) != 0);
}

/* The ordering variants are full barriers here too. */
#define InterlockedIncrementAcquire InterlockedIncrement
#define InterlockedIncrementRelease InterlockedIncrement
#define InterlockedIncrementNoFence InterlockedIncrement
#define InterlockedDecrementAcquire InterlockedDecrement
#define InterlockedDecrementRelease InterlockedDecrement
#define InterlockedDecrementNoFence InterlockedDecrement
#define InterlockedCompareExchangeAcquire InterlockedCompareExchange
#define InterlockedCompareExchangeRelease InterlockedCompareExchange
#define InterlockedCompareExchangeNoFence InterlockedCompareExchange
#define InterlockedExchangeAcquire InterlockedExchange
#define InterlockedExchangeNoFence InterlockedExchange
#define InterlockedCompareExchangePointerAcquire InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerRelease InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerNoFence InterlockedCompareExchangePointer
#define InterlockedExchangePointerAcquire InterlockedExchangePointer
#define InterlockedExchangePointerNoFence InterlockedExchangePointer

/* The compiler-intrinsic spellings (<intrin.h>). */
#define _InterlockedIncrement InterlockedIncrement
#define _InterlockedDecrement InterlockedDecrement
#define _InterlockedExchange InterlockedExchange
#define _InterlockedCompareExchange InterlockedCompareExchange
#define _InterlockedExchangeAdd InterlockedExchangeAdd
#define _InterlockedAnd InterlockedAnd
#define _InterlockedOr InterlockedOr
#define _InterlockedXor InterlockedXor
#define _InterlockedIncrement64 InterlockedIncrement64
#define _InterlockedDecrement64 InterlockedDecrement64
#define _InterlockedExchange64 InterlockedExchange64
#define _InterlockedCompareExchange64 InterlockedCompareExchange64
#define _InterlockedExchangeAdd64 InterlockedExchangeAdd64
#define _InterlockedExchangePointer InterlockedExchangePointer
#define _InterlockedCompareExchangePointer InterlockedCompareExchangePointer

/* ---- Barriers ----------------------------------------------------------------------------- */

/*
 * A full hardware memory barrier. ThreadSanitizer does not model fences (GCC refuses them
 * under -fsanitize=thread), so there it is a sequentially consistent operation on a shared
 * word instead, which the sanitizer understands.
 */
#if defined(__SANITIZE_THREAD__)
#define PRJSIM_WIN__TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PRJSIM_WIN__TSAN 1
#endif
#endif
#ifdef PRJSIM_WIN__TSAN
PRJSIM_WIN__IL_INLINE void prjsim_win_memory_barrier(void)
{
    static volatile LONG word;
    __atomic_fetch_add(&word, 0, PRJSIM_WIN__SEQ);
}
#define MemoryBarrier() prjsim_win_memory_barrier()
#else
#define MemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
/** A compiler-only barrier. */
#define _ReadWriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define _ReadBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define _WriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
/* A pause hint inside spin loops. */
#if defined(__x86_64__) || defined(__i386__)
#define YieldProcessor() __builtin_ia32_pause()
#else
#define YieldProcessor() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif

#endif /* PRJSIM_WIN_INTERLOCKEDAPI_H */
