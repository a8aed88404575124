/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/heapapi.h: heaps (GetProcessHeap, HeapAlloc...) and the older LocalAlloc and
 * GlobalAlloc families, which Windows keeps for FormatMessage buffers and legacy code.
 *
 * Every block comes from malloc with a small header that records its heap and size, so
 * HeapSize works and freeing a pointer that did not come from these functions is refused
 * (FALSE with ERROR_INVALID_PARAMETER) instead of corrupting memory. Blocks are 16-byte
 * aligned, as on 64-bit Windows. HeapDestroy frees every block still allocated from that heap.
 * LMEM_MOVEABLE/GMEM_MOVEABLE memory does not move: its "handle" is the pointer, and
 * Local/GlobalLock return it unchanged.
 */
#ifndef PRJSIM_WIN_HEAPAPI_H
#define PRJSIM_WIN_HEAPAPI_H

#include "basetypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* HeapCreate, HeapAlloc, HeapReAlloc, HeapFree flags. */
#define HEAP_NO_SERIALIZE 0x00000001
#define HEAP_GROWABLE 0x00000002
#define HEAP_GENERATE_EXCEPTIONS 0x00000004
#define HEAP_ZERO_MEMORY 0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010
#define HEAP_CREATE_ENABLE_EXECUTE 0x00040000

/** The process's default heap; never NULL. */
HANDLE WINAPI GetProcessHeap(void);
/** A private heap (the sizes are accepted and not enforced); NULL on failure. */
HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize);
/** Frees a heap from HeapCreate and all its blocks. FALSE with ERROR_INVALID_HANDLE otherwise. */
BOOL WINAPI HeapDestroy(HANDLE hHeap);
/**
 * @p dwBytes from @p hHeap, zeroed with HEAP_ZERO_MEMORY. NULL when memory runs out or the heap
 * is not valid (Windows sets no last error here either).
 */
LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
/**
 * Resizes a block, moving it unless HEAP_REALLOC_IN_PLACE_ONLY (then only shrinking succeeds
 * in place). With HEAP_ZERO_MEMORY the added bytes are zero. NULL on failure, the block kept.
 */
LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
/** TRUE for NULL. FALSE with ERROR_INVALID_PARAMETER for a pointer not from @p hHeap. */
BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
/** The block's size as requested; (SIZE_T)-1 for a pointer not from @p hHeap. */
SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
/** TRUE if @p hHeap (and @p lpMem, when not NULL) are valid. */
BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);

/* ---- LocalAlloc and GlobalAlloc ----------------------------------------------------------- */

typedef HANDLE HLOCAL;
typedef HANDLE HGLOBAL;

#define LMEM_FIXED 0x0000
#define LMEM_MOVEABLE 0x0002
#define LMEM_NOCOMPACT 0x0010
#define LMEM_NODISCARD 0x0020
#define LMEM_ZEROINIT 0x0040
#define LMEM_MODIFY 0x0080
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define NONZEROLHND (LMEM_MOVEABLE)
#define NONZEROLPTR (LMEM_FIXED)

#define GMEM_FIXED 0x0000
#define GMEM_MOVEABLE 0x0002
#define GMEM_ZEROINIT 0x0040
#define GMEM_MODIFY 0x0080
#define GHND (GMEM_MOVEABLE | GMEM_ZEROINIT)
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)

/** NULL with ERROR_NOT_ENOUGH_MEMORY on failure. Flags other than *MEM_ZEROINIT change nothing. */
HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
/** NULL on success (and for NULL); the handle back with ERROR_INVALID_HANDLE if it is not one. */
HLOCAL WINAPI LocalFree(HLOCAL hMem);
/** Resizes; moves only with LMEM_MOVEABLE. NULL with the last error set on failure. */
HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags);
SIZE_T WINAPI LocalSize(HLOCAL hMem);
LPVOID WINAPI LocalLock(HLOCAL hMem);
BOOL WINAPI LocalUnlock(HLOCAL hMem);
HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
HGLOBAL WINAPI GlobalFree(HGLOBAL hMem);
HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags);
SIZE_T WINAPI GlobalSize(HGLOBAL hMem);
LPVOID WINAPI GlobalLock(HGLOBAL hMem);
BOOL WINAPI GlobalUnlock(HGLOBAL hMem);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_HEAPAPI_H */
