/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the manifest parser of the reference provider (fixtures/memtree). Any text is
 * either applied or refused with a message, and a refused manifest leaves the tree unchanged.
 */
#include <memtree.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    memtree *tree;
    if (FAILED(memtree_create(&tree))) {
        free(text);
        return 0;
    }
    /* One item first, so that "unchanged after a refusal" has something to keep. */
    if (FAILED(memtree_parse_manifest(tree, "dir keep\nfile keep\\k.txt content=\"k\"", "seed", NULL, 0)))
        abort();
    char err[512] = "";
    HRESULT hr = memtree_parse_manifest(tree, text, "fuzz.manifest", err, sizeof err);
    if (FAILED(hr)) {
        if (hr != E_OUTOFMEMORY && !err[0])
            abort(); /* a refusal says why */
        if (memtree_count(tree) != 2)
            abort(); /* and changes nothing */
    }
    /* The item added before is there, whatever happened to the fuzzed manifest. */
    PRJ_FILE_BASIC_INFO info;
    WCHAR spelling[300];
    if (FAILED(memtree_stat(tree, L"keep\\k.txt", &info, spelling, 300)))
        abort();
    memtree_destroy(tree);
    free(text);
    return 0;
}
