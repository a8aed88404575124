/* SPDX-License-Identifier: MIT */
/*
 * `prjconf --backend projfs` on Windows: the reference provider (memtree) started on a fresh
 * root through the real ProjFS, and the cases that need nothing of the simulator run against it
 * as any program would see it (FindFirstFileExW, CreateFileW, ReadFile, WriteFile,
 * PrjGetOnDiskFileState). The full case table of conformance/prjconf/ needs the simulator and
 * is Linux-only until its cases go through the backend seam (docs/windows.md).
 * Exit status: 0 every case passed, 1 a case failed, 2 usage or setup error (ProjFS missing).
 */
#include "projfs_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjconf [--backend projfs] [--root DIR] [--manifest FILE] [--junit FILE]\n"
            "               [--keep-root] [--list]\n"
            "\n"
            "Windows build: runs the cases that need no simulator against the real ProjFS, with\n"
            "the bundled reference provider projecting the manifest's tree into a fresh root.\n"
            "\n"
            "options:\n"
            "  --backend projfs  the real ProjFS (the only backend on Windows; sim and win32 run\n"
            "                    on the simulator, which is Linux-only)\n"
            "  --root DIR        the virtualization root (default: a new folder under %%TEMP%%);\n"
            "                    a folder this run creates is removed at the end\n"
            "  --manifest FILE   the tree to project (default: trees\\small.manifest beside prjconf)\n"
            "  --junit FILE      also write a JUnit XML report\n"
            "  --keep-root       leave the root in place at the end\n"
            "  --list            list the cases and exit\n"
            "  --version         print the version and exit\n"
            "\n"
            "ProjFS is an optional feature: `Enable-WindowsOptionalFeature -Online -FeatureName\n"
            "Client-ProjFS` as administrator. Without it prjconf says so and exits 2.\n"
            "exit status: 0 all passed, 1 a case failed, 2 usage or setup error\n");
    return out == stdout ? 0 : 2;
}

/* ---- Cases ---- */

typedef struct run {
    prjsim_projfs_root *root;
    char got[512]; /* why the current case failed: "expected ..., got ..." */
} run;

#define FAIL(r, ...) (snprintf((r)->got, sizeof (r)->got, __VA_ARGS__), false)

/* Every name in directory @p rel of the tree, as listed through the root, equals the provider's. */
static bool check_listing(run *r, const WCHAR *rel)
{
    WCHAR dir[MAX_PATH], pattern[MAX_PATH];
    if (!prjsim_projfs_root_join(r->root, rel, dir) || swprintf(pattern, MAX_PATH, L"%ls\\*", dir) < 0)
        return FAIL(r, "path too long: %ls", rel);
    size_t expected = 0;
    WCHAR name[MAX_PATH];
    PRJ_FILE_BASIC_INFO info;
    while (SUCCEEDED(memtree_child_at(r->root->tree, rel, expected, name, MAX_PATH, &info)))
        expected++;
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    if (h == INVALID_HANDLE_VALUE)
        return FAIL(r, "listing %ls: expected %zu entries, got Win32 error %lu", dir, expected,
                    (unsigned long)GetLastError());
    size_t listed = 0;
    bool ok = true;
    do {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        listed++;
        WCHAR child[MAX_PATH];
        swprintf(child, MAX_PATH, *rel ? L"%ls\\%ls" : L"%ls%ls", rel, fd.cFileName);
        if (FAILED(memtree_stat(r->root->tree, child, &info, NULL, 0))) {
            ok = FAIL(r, "listing %ls: expected only the provider's names, got %ls", dir, fd.cFileName);
            break;
        }
        if (!!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != !!info.IsDirectory) {
            ok = FAIL(r, "%ls: expected a %s, got a %s", child, info.IsDirectory ? "directory" : "file",
                      info.IsDirectory ? "file" : "directory");
            break;
        }
        if (info.IsDirectory && !check_listing(r, child)) {
            ok = false;
            break;
        }
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    if (ok && listed != expected)
        return FAIL(r, "listing %ls: expected %zu entries, got %zu", dir, expected, listed);
    return ok;
}

static bool case_listing(run *r) { return check_listing(r, L""); }

/* Reads @p rel through the root and compares it with the provider's bytes. */
static bool check_content(run *r, const WCHAR *rel, UINT64 size)
{
    WCHAR path[MAX_PATH];
    if (!prjsim_projfs_root_join(r->root, rel, path))
        return FAIL(r, "path too long: %ls", rel);
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return FAIL(r, "opening %ls: expected success, got Win32 error %lu", path, (unsigned long)GetLastError());
    bool ok = true;
    UINT64 offset = 0;
    for (;;) {
        char got[4096], want[4096];
        DWORD n = 0;
        size_t w = 0;
        if (!ReadFile(h, got, sizeof got, &n, NULL)) {
            ok = FAIL(r, "reading %ls: expected success, got Win32 error %lu", path, (unsigned long)GetLastError());
            break;
        }
        memtree_read(r->root->tree, rel, offset, want, sizeof want, &w);
        if (n != w || memcmp(got, want, n) != 0) {
            ok = FAIL(r, "%ls at byte %llu: expected the provider's %zu bytes, got %lu different ones", path,
                      (unsigned long long)offset, w, (unsigned long)n);
            break;
        }
        if (n == 0)
            break;
        offset += n;
    }
    CloseHandle(h);
    if (ok && offset != size)
        return FAIL(r, "%ls: expected %llu bytes, got %llu", path, (unsigned long long)size, (unsigned long long)offset);
    return ok;
}

/* Visits every file of the tree under @p rel, depth first. */
static bool each_file(run *r, const WCHAR *rel, bool (*check)(run *, const WCHAR *, UINT64))
{
    WCHAR name[MAX_PATH], child[MAX_PATH];
    PRJ_FILE_BASIC_INFO info;
    for (size_t i = 0; SUCCEEDED(memtree_child_at(r->root->tree, rel, i, name, MAX_PATH, &info)); i++) {
        swprintf(child, MAX_PATH, *rel ? L"%ls\\%ls" : L"%ls%ls", rel, name);
        if (!(info.IsDirectory ? each_file(r, child, check) : check(r, child, (UINT64)info.FileSize)))
            return false;
    }
    return true;
}

static bool case_content(run *r) { return each_file(r, L"", check_content); }

/* After a read, a file is a hydrated placeholder (PRJ_FILE_STATE, "File states" in the docs). */
static bool check_hydrated(run *r, const WCHAR *rel, UINT64 size)
{
    (void)size;
    WCHAR path[MAX_PATH];
    PRJ_FILE_STATE state = 0;
    if (!prjsim_projfs_root_join(r->root, rel, path))
        return FAIL(r, "path too long: %ls", rel);
    HRESULT hr = PrjGetOnDiskFileState(path, &state);
    if (FAILED(hr))
        return FAIL(r, "PrjGetOnDiskFileState(%ls): expected S_OK, got 0x%08lx", path, (unsigned long)hr);
    if (state != PRJ_FILE_STATE_HYDRATED_PLACEHOLDER)
        return FAIL(r, "%ls after a read: expected state 0x%x (hydrated placeholder), got 0x%x", path,
                    (unsigned)PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, (unsigned)state);
    return true;
}

static bool case_hydrated(run *r) { return each_file(r, L"", check_hydrated); }

/* A name the provider does not have is not found (its GetPlaceholderInfo says so). */
static bool case_missing(run *r)
{
    WCHAR path[MAX_PATH];
    prjsim_projfs_root_join(r->root, L"prjconf-no-such-name.txt", path);
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
        return FAIL(r, "opening %ls: expected ERROR_FILE_NOT_FOUND, got success", path);
    }
    DWORD e = GetLastError();
    if (e != ERROR_FILE_NOT_FOUND)
        return FAIL(r, "opening %ls: expected ERROR_FILE_NOT_FOUND (2), got %lu", path, (unsigned long)e);
    return true;
}

/* A new file written under the root is a full file, and reads back what was written. */
static bool case_new_file(run *r)
{
    WCHAR path[MAX_PATH];
    static const char text[] = "written by prjconf\r\n";
    prjsim_projfs_root_join(r->root, L"prjconf-new.txt", path);
    HANDLE h = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return FAIL(r, "creating %ls: expected success, got Win32 error %lu", path, (unsigned long)GetLastError());
    DWORD n = 0;
    BOOL wrote = WriteFile(h, text, sizeof text - 1, &n, NULL);
    CloseHandle(h);
    if (!wrote || n != sizeof text - 1)
        return FAIL(r, "writing %ls: expected %u bytes written, got %lu (Win32 error %lu)", path,
                    (unsigned)(sizeof text - 1), (unsigned long)n, (unsigned long)GetLastError());
    PRJ_FILE_STATE state = 0;
    HRESULT hr = PrjGetOnDiskFileState(path, &state);
    if (FAILED(hr) || state != PRJ_FILE_STATE_FULL)
        return FAIL(r, "%ls: expected state 0x%x (full), got 0x%x (HRESULT 0x%08lx)", path,
                    (unsigned)PRJ_FILE_STATE_FULL, (unsigned)state, (unsigned long)hr);
    return true;
}

static const struct {
    const char *name;
    bool (*run)(run *);
} cases[] = {
    {"listing.matches-provider", case_listing},
    {"read.content-matches-provider", case_content},
    {"state.hydrated-after-read", case_hydrated},
    {"open.missing-name-not-found", case_missing},
    {"create.new-file-is-full", case_new_file},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* ---- Reports ---- */

static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void write_junit(FILE *f, bool verdict[], char why[][512], size_t failures)
{
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuite name=\"prjconf\" tests=\"%u\" failures=\"%zu\">\n", (unsigned)NCASES, failures);
    fprintf(f, "  <properties><property name=\"backend\" value=\"projfs\"/></properties>\n");
    for (size_t i = 0; i < NCASES; i++) {
        fprintf(f, "  <testcase classname=\"prjconf.projfs\" name=\"%s\"", cases[i].name);
        if (verdict[i]) {
            fprintf(f, "/>\n");
            continue;
        }
        fprintf(f, "><failure message=\"");
        xml_text(f, why[i]);
        fprintf(f, "\"/></testcase>\n");
    }
    fprintf(f, "</testsuite>\n");
}

/* The default manifest: trees\small.manifest beside this program (the build copies it there). */
static void default_manifest(char *out, size_t size)
{
    char exe[MAX_PATH];
    DWORD n = GetModuleFileNameA(NULL, exe, MAX_PATH);
    char *slash = n && n < MAX_PATH ? strrchr(exe, '\\') : NULL;
    if (slash)
        *slash = 0;
    snprintf(out, size, "%s\\trees\\small.manifest", slash ? exe : ".");
}

int wmain(int argc, wchar_t **argv)
{
    const wchar_t *root_arg = NULL, *junit = NULL, *backend = L"projfs";
    char manifest[MAX_PATH * 3] = "";
    bool keep = false, list = false;
    for (int i = 1; i < argc; i++) {
        const wchar_t *a = argv[i];
        bool has = i + 1 < argc;
        if (!wcscmp(a, L"--help") || !wcscmp(a, L"-h"))
            return usage(stdout);
        if (!wcscmp(a, L"--version")) {
            printf("prjconf %s (Windows, real ProjFS)\n", PRJSIM_VERSION);
            return 0;
        }
        if (!wcscmp(a, L"--keep-root")) {
            keep = true;
        } else if (!wcscmp(a, L"--list")) {
            list = true;
        } else if (has && !wcscmp(a, L"--backend")) {
            backend = argv[++i];
        } else if (has && !wcscmp(a, L"--root")) {
            root_arg = argv[++i];
        } else if (has && !wcscmp(a, L"--junit")) {
            junit = argv[++i];
        } else if (has && !wcscmp(a, L"--manifest")) {
            /* The manifest reader takes a narrow path: the console's code page, as fopen. */
            if (wcstombs(manifest, argv[++i], sizeof manifest) == (size_t)-1) {
                fprintf(stderr, "prjconf: --manifest %ls: not representable in this code page\n", argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "prjconf: unknown option or missing argument: %ls\n", a);
            return usage(stderr);
        }
    }
    if (wcscmp(backend, L"projfs") != 0) {
        fprintf(stderr,
                "prjconf: backend %ls runs on the simulator, which is Linux-only; on Windows the "
                "backend is projfs (docs/windows.md)\n",
                backend);
        return 2;
    }
    if (list) {
        for (size_t i = 0; i < NCASES; i++)
            printf("%s\n", cases[i].name);
        return 0;
    }
    if (!manifest[0])
        default_manifest(manifest, sizeof manifest);
    prjsim_projfs_require(); /* the exact "not available" line and exit 2 */

    prjsim_projfs_root root;
    char err[512];
    if (!prjsim_projfs_root_create(&root, root_arg, err, sizeof err)) {
        fprintf(stderr, "prjconf: %s\n", err);
        return 2;
    }
    root.keep = keep;
    if (!prjsim_projfs_root_start(&root, manifest, err, sizeof err)) {
        fprintf(stderr, "prjconf: %s\n", err);
        char left[512];
        if (!prjsim_projfs_root_finish(&root, left, sizeof left))
            fprintf(stderr, "prjconf: %s\n", left);
        return 2;
    }
    printf("prjconf: backend projfs, root %ls, manifest %s\n", root.path, manifest);
    fflush(stdout);

    static bool verdict[NCASES];
    static char why[NCASES][512];
    size_t failures = 0;
    run r = {&root, ""};
    for (size_t i = 0; i < NCASES; i++) {
        r.got[0] = 0;
        verdict[i] = cases[i].run(&r);
        snprintf(why[i], sizeof why[i], "%s", r.got);
        if (verdict[i]) {
            printf("PASS %s\n", cases[i].name);
        } else {
            failures++;
            printf("FAIL %s: %s\n", cases[i].name, why[i]);
        }
        fflush(stdout);
    }
    int status = failures ? 1 : 0;
    if (!prjsim_projfs_root_finish(&root, err, sizeof err)) {
        fprintf(stderr, "prjconf: the root was not removed entirely: %s\n", err);
        status = status ? status : 1;
    }
    printf("backend projfs: %u cases, %zu passed, %zu failed\n", (unsigned)NCASES, NCASES - failures, failures);
    if (junit) {
        FILE *f = _wfopen(junit, L"w");
        if (!f) {
            fprintf(stderr, "prjconf: cannot write %ls\n", junit);
            return 2;
        }
        write_junit(f, verdict, why, failures);
        fclose(f);
    }
    return status;
}
