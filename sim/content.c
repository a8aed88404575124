/*
 * The bytes of a file on the simulated disk: item->data, and the buffer a hydration fills.
 *
 * Small contents live on the heap. Large ones (from 2 MiB) are anonymous mappings that ask for
 * transparent huge pages: a 256 MiB file then costs 128 page faults instead of 65536, which is
 * most of the time a first read takes (README "Benchmarks", p3). Every allocation of a given
 * capacity comes from the same allocator, so the capacity alone tells how to free or grow it.
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
    void *p = mmap(NULL, mapped_size(cap), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
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
    if (!p) {
        q = prjsim__content_alloc(new_cap);
    } else if (is_large(old_cap) && is_large(new_cap)) {
        q = mapped_size(old_cap) == mapped_size(new_cap)
                ? p
                : mremap(p, mapped_size(old_cap), mapped_size(new_cap), MREMAP_MAYMOVE);
        if (q == MAP_FAILED)
            q = NULL;
    } else if (!is_large(old_cap) && !is_large(new_cap)) {
        q = realloc(p, new_cap ? new_cap : 1);
    } else {
        q = prjsim__content_alloc(new_cap);
        if (q) {
            memcpy(q, p, old_cap < new_cap ? old_cap : new_cap);
            prjsim__content_free(p, old_cap);
        }
    }
    if (!q)
        abort(); /* like prjsim__xrealloc: the simulator itself is out of memory */
    return q;
}
