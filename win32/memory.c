/* SPDX-License-Identifier: MIT */
/*
 * Heaps (GetProcessHeap, HeapCreate, HeapAlloc...), LocalAlloc/GlobalAlloc and the COM task
 * allocator. Every heap block is a malloc'd allocation with a header that names its heap, its
 * size and a magic number, so that sizes can be reported and foreign or freed pointers refused.
 * Blocks of private heaps are also linked into their heap, so HeapDestroy can free them all.
 */
#include <windows.h>

#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEAP_MAGIC 0x50524a48u  /* "PRJH" */
#define BLOCK_MAGIC 0x50524a42u /* "PRJB" */
#define FREED_MAGIC 0x46524545u /* "FREE" */

typedef struct heap {
    uint32_t magic;
    bool private_heap;
    pthread_mutex_t lock;
    struct block *blocks; /* private heaps only */
} heap;

/* The header before each block; 16-byte aligned so the block is too. */
typedef struct block {
    alignas(16) uint32_t magic;
    heap *owner;
    size_t size;
    struct block *prev, *next;
} block;

static heap process_heap = {.magic = HEAP_MAGIC, .lock = PTHREAD_MUTEX_INITIALIZER};

static heap *heap_of(HANDLE h)
{
    heap *hp = h;
    if (hp == &process_heap)
        return hp;
    /* A private heap is a malloc'd struct; reading its magic is safe only if it is one, which
     * is the caller's promise, as on Windows. */
    return hp && hp->magic == HEAP_MAGIC ? hp : NULL;
}

static block *block_of(heap *hp, LPCVOID mem)
{
    if (!mem)
        return NULL;
    block *b = (block *)mem - 1;
    if (b->magic != BLOCK_MAGIC || (hp && b->owner != hp))
        return NULL;
    return b;
}

static void link_block(heap *hp, block *b)
{
    b->prev = NULL;
    b->next = NULL;
    if (!hp->private_heap)
        return;
    pthread_mutex_lock(&hp->lock);
    b->next = hp->blocks;
    if (hp->blocks)
        hp->blocks->prev = b;
    hp->blocks = b;
    pthread_mutex_unlock(&hp->lock);
}

static void unlink_block(heap *hp, block *b)
{
    if (!hp->private_heap)
        return;
    pthread_mutex_lock(&hp->lock);
    if (b->prev)
        b->prev->next = b->next;
    else
        hp->blocks = b->next;
    if (b->next)
        b->next->prev = b->prev;
    pthread_mutex_unlock(&hp->lock);
}

static void *heap_alloc(heap *hp, size_t bytes, bool zero)
{
    if (bytes > SIZE_MAX - sizeof(block))
        return NULL;
    block *b = zero ? calloc(1, sizeof(block) + bytes) : malloc(sizeof(block) + bytes);
    if (!b)
        return NULL;
    b->magic = BLOCK_MAGIC;
    b->owner = hp;
    b->size = bytes;
    link_block(hp, b);
    return b + 1;
}

static void heap_free_block(block *b)
{
    unlink_block(b->owner, b);
    b->magic = FREED_MAGIC;
    free(b);
}

/* Resizes; NULL (block untouched) on failure. */
static void *heap_realloc(block *b, size_t bytes, bool zero, bool in_place_only)
{
    if (bytes > SIZE_MAX - sizeof(block))
        return NULL;
    size_t old = b->size;
    if (bytes <= old || !in_place_only) {
        heap *hp = b->owner;
        block *nb = b;
        if (bytes > old) {
            unlink_block(hp, b);
            nb = realloc(b, sizeof(block) + bytes);
            if (!nb) {
                link_block(hp, b);
                return NULL;
            }
            link_block(hp, nb);
            if (zero)
                memset((char *)(nb + 1) + old, 0, bytes - old);
        }
        nb->size = bytes;
        return nb + 1;
    }
    return NULL;
}

HANDLE WINAPI GetProcessHeap(void)
{
    return &process_heap;
}

HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize)
{
    (void)flOptions;
    (void)dwInitialSize;
    (void)dwMaximumSize;
    heap *hp = calloc(1, sizeof *hp);
    if (!hp) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    hp->magic = HEAP_MAGIC;
    hp->private_heap = true;
    pthread_mutex_init(&hp->lock, NULL);
    return hp;
}

BOOL WINAPI HeapDestroy(HANDLE hHeap)
{
    heap *hp = heap_of(hHeap);
    if (!hp || hp == &process_heap) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&hp->lock);
    block *b = hp->blocks;
    hp->blocks = NULL;
    pthread_mutex_unlock(&hp->lock);
    while (b) {
        block *next = b->next;
        b->magic = FREED_MAGIC;
        free(b);
        b = next;
    }
    hp->magic = 0;
    pthread_mutex_destroy(&hp->lock);
    free(hp);
    return TRUE;
}

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
    heap *hp = heap_of(hHeap);
    return hp ? heap_alloc(hp, dwBytes, dwFlags & HEAP_ZERO_MEMORY) : NULL;
}

LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
    heap *hp = heap_of(hHeap);
    block *b = hp ? block_of(hp, lpMem) : NULL;
    if (!b)
        return NULL;
    return heap_realloc(b, dwBytes, dwFlags & HEAP_ZERO_MEMORY,
                        dwFlags & HEAP_REALLOC_IN_PLACE_ONLY);
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
    (void)dwFlags;
    heap *hp = heap_of(hHeap);
    if (!hp) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!lpMem)
        return TRUE;
    block *b = block_of(hp, lpMem);
    if (!b) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    heap_free_block(b);
    return TRUE;
}

SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
    (void)dwFlags;
    heap *hp = heap_of(hHeap);
    block *b = hp ? block_of(hp, lpMem) : NULL;
    return b ? b->size : (SIZE_T)-1;
}

BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
    (void)dwFlags;
    heap *hp = heap_of(hHeap);
    return hp && (!lpMem || block_of(hp, lpMem));
}

/* ---- LocalAlloc and GlobalAlloc: blocks of the process heap ---- */

/* Flags other than ZEROINIT (MOVEABLE, DISCARDABLE, DDESHARE...) change nothing here. */
static HANDLE local_alloc(UINT flags, SIZE_T bytes)
{
    void *p = heap_alloc(&process_heap, bytes, flags & LMEM_ZEROINIT);
    if (!p)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

static HANDLE local_free(HANDLE mem)
{
    if (!mem)
        return NULL;
    block *b = block_of(&process_heap, mem);
    if (!b) {
        SetLastError(ERROR_INVALID_HANDLE);
        return mem;
    }
    heap_free_block(b);
    return NULL;
}

static HANDLE local_realloc(HANDLE mem, SIZE_T bytes, UINT flags)
{
    block *b = block_of(&process_heap, mem);
    if (!b) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (flags & LMEM_MODIFY)
        return mem; /* only changes attributes, which mean nothing here */
    void *p = heap_realloc(b, bytes, flags & LMEM_ZEROINIT, !(flags & LMEM_MOVEABLE));
    if (!p)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

static SIZE_T local_size(HANDLE mem)
{
    block *b = block_of(&process_heap, mem);
    if (!b) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return b->size;
}

static LPVOID local_lock(HANDLE mem)
{
    if (!block_of(&process_heap, mem)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return mem;
}

HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
    return local_alloc(uFlags, uBytes);
}

HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
    return local_free(hMem);
}

HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags)
{
    return local_realloc(hMem, uBytes, uFlags);
}

SIZE_T WINAPI LocalSize(HLOCAL hMem)
{
    return local_size(hMem);
}

LPVOID WINAPI LocalLock(HLOCAL hMem)
{
    return local_lock(hMem);
}

BOOL WINAPI LocalUnlock(HLOCAL hMem)
{
    /* Fixed memory is never locked: Windows returns FALSE with ERROR_NOT_LOCKED (158). */
    if (!block_of(&process_heap, hMem)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    SetLastError(ERROR_SUCCESS);
    return FALSE;
}

HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
    return local_alloc(uFlags, dwBytes);
}

HGLOBAL WINAPI GlobalFree(HGLOBAL hMem)
{
    return local_free(hMem);
}

HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags)
{
    return local_realloc(hMem, dwBytes, uFlags);
}

SIZE_T WINAPI GlobalSize(HGLOBAL hMem)
{
    return local_size(hMem);
}

LPVOID WINAPI GlobalLock(HGLOBAL hMem)
{
    return local_lock(hMem);
}

BOOL WINAPI GlobalUnlock(HGLOBAL hMem)
{
    return LocalUnlock(hMem);
}

/* ---- The COM task allocator ---- */

LPVOID CoTaskMemAlloc(SIZE_T cb)
{
    return malloc(cb ? cb : 1);
}

LPVOID CoTaskMemRealloc(LPVOID pv, SIZE_T cb)
{
    return realloc(pv, cb ? cb : 1);
}

void CoTaskMemFree(LPVOID pv)
{
    free(pv);
}
