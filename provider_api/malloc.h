/* SPDX-License-Identifier: MIT */
/*
 * malloc.h: the C library's <malloc.h> with MSVC's names for stack allocation and aligned
 * memory: _alloca, _malloca/_freea, _aligned_malloc/_aligned_free, _msize.
 */
#ifndef PRJSIM_MALLOC_H
#define PRJSIM_MALLOC_H

/* #include_next (the C library's malloc.h) is a GNU extension: no -pedantic warning for it. */
#pragma GCC system_header
#include_next <malloc.h>
#include <alloca.h>
#include <stdlib.h>

#ifndef _alloca
#define _alloca(size) alloca(size)
#endif
/* _malloca may take the heap on Windows; the stack here, so _freea does nothing. */
#define _malloca(size) alloca(size)
#define _freea(p) ((void)(p))
#define _msize(p) malloc_usable_size(p)

#ifdef __cplusplus
extern "C" {
#endif
/* _aligned_malloc's memory is freed with _aligned_free, as with MSVC. */
static inline void *_aligned_malloc(size_t size, size_t alignment)
{
    void *p = NULL;
    return posix_memalign(&p, alignment < sizeof(void *) ? sizeof(void *) : alignment,
                          size ? size : 1) == 0 ? p : NULL;
}
static inline void _aligned_free(void *p)
{
    free(p);
}
#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_MALLOC_H */
