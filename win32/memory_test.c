/* SPDX-License-Identifier: MIT */
/*
 * Heaps, LocalAlloc/GlobalAlloc and the memory macros: zeroing, sizes, resizing in place and
 * not, foreign pointers refused, and HeapDestroy freeing what is left.
 */
#include <windows.h>

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdint.h>

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

Test(heap, zeroing_sizes_and_alignment)
{
    HANDLE heap = GetProcessHeap();
    cr_assert_not_null(heap);
    cr_expect_eq(GetProcessHeap(), heap, "always the same heap");
    unsigned char *p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 1000);
    cr_assert_not_null(p);
    cr_expect(all_zero(p, 1000));
    cr_expect_eq((uintptr_t)p % 16, 0u, "16-byte aligned");
    cr_expect_eq(HeapSize(heap, 0, p), 1000u);
    memset(p, 0xAB, 1000);
    p = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 3000);
    cr_assert_not_null(p);
    cr_expect_eq(p[999], 0xAB, "contents kept");
    cr_expect(all_zero(p + 1000, 2000), "growth zeroed with HEAP_ZERO_MEMORY");
    cr_expect_eq(HeapSize(heap, 0, p), 3000u);
    cr_expect_null(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 100000));
    cr_expect_eq(HeapSize(heap, 0, p), 3000u, "a failed resize keeps the block");
    cr_expect_eq(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 10), p, "shrinking stays in place");
    cr_expect_eq(HeapSize(heap, 0, p), 10u);
    cr_expect(HeapValidate(heap, 0, p));
    cr_expect(HeapFree(heap, 0, p));
    cr_expect(HeapFree(heap, 0, NULL), "NULL is fine");
    void *empty = HeapAlloc(heap, 0, 0);
    cr_expect_not_null(empty, "a zero-byte block is a block");
    cr_expect_eq(HeapSize(heap, 0, empty), 0u);
    HeapFree(heap, 0, empty);
}

Test(heap, foreign_pointers_are_refused)
{
    HANDLE heap = GetProcessHeap();
    uint64_t not_a_block[16] = {0};
    SetLastError(0);
    cr_expect(!HeapFree(heap, 0, &not_a_block[8]));
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_PARAMETER);
    cr_expect_eq(HeapSize(heap, 0, &not_a_block[8]), (SIZE_T)-1);
    cr_expect(!HeapValidate(heap, 0, &not_a_block[8]));

    HANDLE mine = HeapCreate(0, 0, 0);
    cr_assert_not_null(mine);
    void *p = HeapAlloc(mine, 0, 16);
    cr_expect(!HeapFree(heap, 0, p), "a block of another heap");
    cr_expect_eq(HeapSize(mine, 0, p), 16u);
    cr_expect(HeapFree(mine, 0, p));
    cr_expect(HeapDestroy(mine));
    SetLastError(0);
    cr_expect(!HeapDestroy(heap), "the process heap cannot be destroyed");
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);
}

Test(heap, destroy_frees_remaining_blocks)
{
    HANDLE mine = HeapCreate(HEAP_NO_SERIALIZE, 4096, 0);
    for (int i = 0; i < 100; i++)
        cr_assert_not_null(HeapAlloc(mine, HEAP_ZERO_MEMORY, (SIZE_T)(i * 10 + 1)));
    void *kept = HeapAlloc(mine, 0, 64);
    cr_assert_not_null(HeapReAlloc(mine, 0, kept, 128 * 1024));
    cr_expect(HeapDestroy(mine), "and the leak checker finds nothing left");
}

Test(local_alloc, fixed_and_moveable)
{
    char *p = LocalAlloc(LPTR, 100);
    cr_assert_not_null(p);
    cr_expect(all_zero(p, 100));
    cr_expect_eq(LocalSize(p), 100u);
    cr_expect_eq(LocalLock(p), p);
    HLOCAL grown = LocalReAlloc(p, 200, LMEM_MOVEABLE | LMEM_ZEROINIT);
    cr_assert_not_null(grown);
    cr_expect(all_zero(grown, 200));
    SetLastError(0);
    cr_expect_null(LocalReAlloc(grown, 1 << 20, 0), "a fixed block does not move without MOVEABLE");
    cr_expect_eq(GetLastError(), (DWORD)ERROR_NOT_ENOUGH_MEMORY);
    cr_expect_null(LocalFree(grown), "NULL on success");
    cr_expect_null(LocalFree(NULL));
    uint64_t not_a_block[16] = {0};
    SetLastError(0);
    cr_expect_eq(LocalFree(&not_a_block[8]), (HLOCAL)&not_a_block[8], "the handle back on failure");
    cr_expect_eq(GetLastError(), (DWORD)ERROR_INVALID_HANDLE);

    HGLOBAL g = GlobalAlloc(GHND, 8);
    cr_assert_not_null(g);
    unsigned char *gp = GlobalLock(g);
    cr_expect(all_zero(gp, 8));
    GlobalUnlock(g);
    cr_expect_eq(GlobalSize(g), 8u);
    cr_expect_null(GlobalFree(g));

    void *t = CoTaskMemAlloc(10);
    cr_expect_not_null(t);
    t = CoTaskMemRealloc(t, 20);
    CoTaskMemFree(t);
    CoTaskMemFree(NULL);
}

Test(memory_macros, fill_copy_move_zero)
{
    char buf[16];
    FillMemory(buf, sizeof buf, 'x');
    cr_expect_eq(buf[15], 'x');
    ZeroMemory(buf, 8);
    cr_expect(all_zero(buf, 8));
    cr_expect_eq(buf[8], 'x');
    CopyMemory(buf, "abcdef", 6);
    MoveMemory(buf + 2, buf, 4);
    cr_expect(memcmp(buf, "ababcd", 6) == 0, "overlapping move");
    cr_expect(RtlEqualMemory(buf, "abab", 4));
    cr_expect_eq(SecureZeroMemory(buf, sizeof buf), (PVOID)buf);
    cr_expect(all_zero(buf, sizeof buf));
}
