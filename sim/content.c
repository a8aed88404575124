/* SPDX-License-Identifier: MIT */
/*
 * The bytes of a file on the simulated disk: item->data, and the buffer a hydration fills.
 *
 * Small contents live on the heap. Large ones (from 2 MiB) are anonymous mappings that ask for
 * transparent huge pages: a 256 MiB file then costs 128 page faults instead of 65536, which is
 * most of the time a first read takes (README "Benchmarks", p3). Every allocation of a given
 * capacity comes from the same allocator, so the capacity alone tells how to free or grow it.
 *
 * The mappings are also what makes a content sparse: they reserve no memory (MAP_NORESERVE),
 * and a page nobody wrote reads as zeros without being allocated. A provider may declare any
 * size and a client may write at any offset; what does not fit in the address space (or is past
 * PRJSIM__CONTENT_MAX) is refused with NULL and the operation fails with STATUS_DISK_FULL
 * (DEVIATIONS.md), never an abort.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CONTENT_LARGE ((size_t)2 << 20)

static bool is_large(size_t cap)
{
    return cap >= CONTENT_LARGE;
}

static size_t mapped_size(size_t cap)
{
    return (cap + CONTENT_LARGE - 1) & ~(CONTENT_LARGE - 1);
}

static void *map_large(size_t cap)
{
    if ((UINT64)cap > PRJSIM__CONTENT_MAX)
        return NULL;
    void *p = mmap(NULL, mapped_size(cap), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, mapped_size(cap), MADV_HUGEPAGE); /* advice only: failure changes nothing */
#endif
    return p;
}

void *prjsim__content_alloc(size_t cap)
{
    if (is_large(cap))
        return map_large(cap);
    return malloc(cap ? cap : 1);
}

void prjsim__content_free(void *p, size_t cap)
{
    if (!p)
        return;
    if (is_large(cap))
        munmap(p, mapped_size(cap));
    else
        free(p);
}

void *prjsim__content_resize(void *p, size_t old_cap, size_t new_cap)
{
    void *q;
    if ((UINT64)new_cap > PRJSIM__CONTENT_MAX)
        return NULL;
    if (!p) {
        q = prjsim__content_alloc(new_cap);
        if (q && !is_large(new_cap))
            memset(q, 0, new_cap);
    } else if (is_large(old_cap) && is_large(new_cap)) {
        /* mremap gives zero pages past the old mapping; the old one's tail is zero already. */
        q = mapped_size(old_cap) == mapped_size(new_cap)
                ? p
                : mremap(p, mapped_size(old_cap), mapped_size(new_cap), MREMAP_MAYMOVE);
        if (q == MAP_FAILED)
            q = NULL;
    } else if (!is_large(old_cap) && !is_large(new_cap)) {
        q = realloc(p, new_cap ? new_cap : 1);
        if (q && new_cap > old_cap)
            memset((char *)q + old_cap, 0, new_cap - old_cap);
    } else {
        q = prjsim__content_alloc(new_cap);
        if (q) {
            size_t keep = old_cap < new_cap ? old_cap : new_cap;
            memcpy(q, p, keep);
            if (!is_large(new_cap) && new_cap > keep)
                memset((char *)q + keep, 0, new_cap - keep);
            prjsim__content_free(p, old_cap);
        }
    }
    return q;
}

void prjsim__content_zero(void *p, size_t cap, size_t from, size_t to)
{
    if (!p || from >= to)
        return;
    if (to > cap)
        to = cap;
    char *c = p;
    const size_t page = 4096;
    size_t first = (from + page - 1) & ~(page - 1), last = to & ~(page - 1);
    if (is_large(cap) && first < last) {
        /* Whole pages go back to the kernel, which reads them as zeros again: a shrunk
         * terabyte file must not fault every page in just to clear it. */
        memset(c + from, 0, first - from);
        if (madvise(c + first, last - first, MADV_DONTNEED) != 0)
            memset(c + first, 0, last - first);
        memset(c + last, 0, to - last);
    } else {
        memset(c + from, 0, to - from);
    }
}

NTSTATUS prjsim__content_too_large(prjsim_sim *sim, const char *what, UINT64 size)
{
    if (sim) /* NULL while no simulation is involved (loading a saved volume) */
        prjsim__diag(sim, PRJSIM_DIAG_CONTENT_TOO_LARGE, "%s of %llu bytes cannot be held", what,
                     (unsigned long long)size);
    return STATUS_DISK_FULL;
}
