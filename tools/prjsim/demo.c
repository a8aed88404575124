/* SPDX-License-Identifier: MIT */
/*
 * `prjsim demo`: the walk-through of the ProjFS guide's cache-state page (section 6.2) against
 * the reference provider, printing each step, the item's state and the trace it produced.
 * It checks the state after each step and fails (exit 1) when one differs.
 */
#include "commands.h"

#include <memtree.h>
#include <prjsim.h>
#include <scenario.h>
#include <ntstatus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct step {
    const char *title;
    int expected_state; /* PRJ_FILE_STATE, -1 for "not on disk" */
} step;

static int state_of(PCWSTR path)
{
    PRJ_FILE_STATE st;
    return PrjGetOnDiskFileState(path, &st) == S_OK ? (int)st : -1;
}

static const char *state_name(int st)
{
    switch (st) {
    case -1: return "not on disk (virtual, or a tombstone while the provider runs)";
    case 0x1: return "placeholder";
    case 0x3: return "hydrated placeholder";
    case 0x5: return "dirty placeholder";
    case 0x7: return "dirty hydrated placeholder";
    case 0x8: return "full";
    case 0x10: return "tombstone";
    default: return "?";
    }
}

/* Prints the trace records added since *mark. */
static void print_new_trace(prjsim_sim *sim, size_t *mark)
{
    prjsim_trace_record r;
    for (; prjsim_trace_get(sim, *mark, &r); (*mark)++)
        printf("    %s\n", r.text);
}

static int check(prjsim_sim *sim, size_t *mark, int n, const step *s, NTSTATUS st, PCWSTR path)
{
    char buf[96];
    int got = state_of(path);
    printf("%d. %s -> %s\n", n, s->title, prjsim_format_code(buf, sizeof buf, st, true));
    print_new_trace(sim, mark);
    printf("   state: %s (0x%x)%s\n\n", state_name(got), got < 0 ? 0 : got,
           got == s->expected_state ? "" : "   <-- UNEXPECTED");
    return got == s->expected_state && st == STATUS_SUCCESS ? 0 : 1;
}

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjsim demo [--manifest FILE]\n"
            "\n"
            "Walks the ProjFS cache states (virtual, placeholder, hydrated, dirty, full,\n"
            "tombstone) against the reference provider, printing each step, the item's state\n"
            "and the trace it produced. Exits 1 when a state differs from the expected one.\n"
            "\n"
            "options:\n"
            "  --manifest FILE  the tree to project (default: the bundled walk.manifest); it must\n"
            "                   hold a file foo.txt at its root\n");
    return out == stdout ? 0 : 2;
}

int prjsim_cmd_demo(int argc, char **argv)
{
    /* The bundled walk.manifest: installed in <prefix>/share/prjsim/trees. */
    char bundled[4096], dir[3000];
    const char *manifest = NULL;
    if (scn_data_dir("trees", dir, sizeof dir)) {
        snprintf(bundled, sizeof bundled, "%s/walk.manifest", dir);
        manifest = bundled;
    }
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            return usage(stdout);
        } else if (!strcmp(argv[i], "--manifest") && i + 1 < argc) {
            manifest = argv[++i];
        } else {
            if (!strcmp(argv[i], "--manifest"))
                fprintf(stderr, "prjsim demo: option --manifest needs an argument\n");
            else
                fprintf(stderr, "prjsim demo: unknown argument '%s'\n", argv[i]);
            return usage(stderr);
        }
    }
    if (!manifest) {
        fprintf(stderr, "prjsim demo: no bundled manifest found: give one with --manifest FILE\n");
        return 2;
    }
    prjsim_sim *sim = prjsim_sim_current();
    memtree *tree;
    char err[512];
    if (FAILED(memtree_create(&tree)) || FAILED(memtree_load_manifest(tree, manifest, err, sizeof err))) {
        fprintf(stderr, "prjsim demo: %s\n", err);
        return 2;
    }
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    prjsim_volume_create_directory(sim, L"C:\\ProjFSRoot");
    HRESULT hr = memtree_start(tree, L"C:\\ProjFSRoot", NULL, &ctx);
    if (FAILED(hr)) {
        fprintf(stderr, "prjsim demo: starting the reference provider failed: 0x%08X\n", (unsigned)hr);
        return 2;
    }
    printf("The ProjFS cache-state walk-through, against the reference provider (%s)\n"
           "projected at C:\\ProjFSRoot. Each step shows the trace it produced.\n\n", manifest);
    size_t mark = prjsim_trace_count(sim);
    PCWSTR foo = L"C:\\ProjFSRoot\\foo.txt";
    int failures = 0;
    static const step steps[] = {
        {"enumerate the root: foo.txt is listed but stays virtual", -1},
        {"open foo.txt: GetPlaceholderInfo writes a placeholder", 0x1},
        {"read foo.txt: GetFileData hydrates it", 0x3},
        {"change its last-write time: the placeholder becomes dirty", 0x7},
        {"write to it: the file becomes full", 0x8},
        {"delete it: a tombstone hides the name", -1},
    };
    prjsim_dir_entry *e;
    size_t n;
    NTSTATUS st = prjsim_client_list(sim, L"C:\\ProjFSRoot", NULL, 0, &e, &n);
    failures += check(sim, &mark, 1, &steps[0], st, foo);
    for (size_t i = 0; st == STATUS_SUCCESS && i < n; i++)
        printf("    | %-16ls 0x%08x %lld bytes\n", e[i].name, (unsigned)e[i].basic.FileAttributes,
               (long long)e[i].basic.FileSize);
    free(e);
    prjsim_handle *h = NULL;
    st = prjsim_client_open(&h, sim, foo, GENERIC_READ | GENERIC_WRITE | FILE_WRITE_ATTRIBUTES, OPEN_EXISTING, 0, 0);
    failures += check(sim, &mark, 2, &steps[1], st, foo);
    if (st == STATUS_SUCCESS) {
        char data[64] = {0};
        UINT32 got = 0;
        st = prjsim_client_read(h, 0, data, sizeof data - 1, &got);
        failures += check(sim, &mark, 3, &steps[2], st, foo);
        printf("    content: \"%.*s\"\n\n", (int)strcspn(data, "\r\n"), data);
        st = prjsim_client_set_basic_info(h, 0, 0, prjsim_sim_now(sim), 0, 0);
        failures += check(sim, &mark, 4, &steps[3], st, foo);
        st = prjsim_client_write(h, 0, "HELLO", 5, &got);
        failures += check(sim, &mark, 5, &steps[4], st, foo);
        prjsim_client_close(h);
    } else {
        failures += 3;
    }
    st = prjsim_client_delete(sim, foo, false);
    failures += check(sim, &mark, 6, &steps[5], st, foo);
    st = prjsim_client_list(sim, L"C:\\ProjFSRoot", L"foo*", 0, &e, &n);
    printf("   listing foo* after the delete: %zu entries\n", n);
    free(e);
    PrjStopVirtualizing(ctx);
    printf("   with the provider stopped the tombstone shows: %s\n\n", state_name(state_of(foo)));
    memtree_destroy(tree);
    size_t diags = prjsim_trace_count_all_diags(sim);
    printf("%s: %d unexpected step(s), %zu diagnostic(s)\n", failures || diags ? "FAILED" : "OK", failures, diags);
    return failures || diags ? 1 : 0;
}
