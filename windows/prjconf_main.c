/* SPDX-License-Identifier: MIT */
/*
 * `prjconf --backend projfs` on Windows: the reference provider (memtree) started on a fresh
 * root through the real ProjFS, and cases run against it as any program would see it: five of
 * this file's own (FindFirstFileExW, CreateFileW, ReadFile, WriteFile, PrjGetOnDiskFileState,
 * compared with the bundled provider's tree), then prjconf's case table through the backend
 * seam: its I/O made by the client agent, prjsim-agent.exe, a process of its own (so it is a
 * client's I/O to ProjFS, not the in-process provider's own), or with --no-agent by the win32
 * backend in this process (prjconf_cases.c); the cases that need the simulator skipped with the
 * reason (docs/windows.md).
 * Exit status: 0 every case passed, 1 a case failed, 2 usage or setup error (ProjFS missing).
 */
#include "agent_process.h"
#include "prjconf_cases.h"
#include "prjconf_recording.h"
#include "projfs_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjconf [--backend projfs] [--root DIR] [--manifest FILE | --provider EXE]\n"
            "               [--start-timeout S] [--junit FILE] [--keep-root] [--no-agent] [--list]\n"
            "               [-- ARGS...]\n"
            "\n"
            "Windows build: runs the cases that need no simulator against the real ProjFS, with\n"
            "the bundled reference provider projecting a manifest's tree into a fresh root, or a\n"
            "provider program serving it.\n"
            "\n"
            "options:\n"
            "  --backend projfs  the real ProjFS (the only backend on Windows; sim and win32 run\n"
            "                    on the simulator, which is Linux-only)\n"
            "  --root DIR        the virtualization root (default: a new folder under %%TEMP%%);\n"
            "                    a folder this run creates is removed at the end\n"
            "  --manifest FILE   the tree the bundled provider projects (default:\n"
            "                    trees\\small.manifest beside prjconf)\n"
            "  --provider EXE    a provider program instead, started as `EXE ARGS...` (default\n"
            "                    ARGS: the root; an argument {root} becomes the root). It marks\n"
            "                    and starts the root and stops when Enter is pressed, as hello.exe\n"
            "  --start-timeout S seconds the program may take to start virtualizing (default 10)\n"
            "  --junit FILE      also write a JUnit XML report\n"
            "  --keep-root       leave the root in place at the end\n"
            "  --no-agent        the case table's I/O from prjconf itself, not from the client\n"
            "                    agent prjsim-agent.exe (beside prjconf; the default). With the\n"
            "                    bundled provider that I/O is then the provider's own process's\n"
            "                    (ProjFS does not notify it)\n"
            "  --list            list the cases (and why some are skipped) and exit\n"
            "  --version         print the version and exit\n"
            "\n"
            "The provider's Prj* calls are recorded and checked (case `checker`: a named contract\n"
            "diagnostic fails the run). A --provider program is recorded only when it links\n"
            "prjsim_projfs_dll instead of ProjectedFSLib.lib (PRJSIM_RECORD, docs/windows.md).\n"
            "\n"
            "ProjFS is an optional feature: `Enable-WindowsOptionalFeature -Online -FeatureName\n"
            "Client-ProjFS` as administrator. Without it prjconf says so and exits 2.\n"
            "exit status: 0 all passed, 1 a case failed, 2 usage or setup error\n");
    return out == stdout ? 0 : 2;
}

/* ---- Cases ---- */

/* A file found by the crawl: its path relative to the root and the size its listing gave. */
typedef struct crawled {
    WCHAR rel[MAX_PATH];
    UINT64 size;
} crawled;

typedef struct run {
    prjsim_projfs_root *root;
    crawled *files; /* from the listing case, for the cases after it */
    size_t nfiles, items;
    char got[512]; /* why the current case failed: "expected ..., got ..." */
} run;

enum { MAX_DEPTH = 4, MAX_ITEMS = 300 }; /* crawl bounds, as prjconf's on Linux */

#define FAIL(r, ...) (snprintf((r)->got, sizeof (r)->got, __VA_ARGS__), false)

static bool same_name(const WCHAR *a, const WCHAR *b)
{
    return CompareStringOrdinal(a, -1, b, -1, TRUE) == CSTR_EQUAL; /* as NTFS compares names */
}

/* One entry of a listing. */
typedef struct entry {
    WCHAR name[MAX_PATH];
    bool is_dir;
    UINT64 size;
} entry;

/*
 * Lists directory @p dir whole into a new array (*out, *count; free it). False with the reason
 * when the listing fails or holds one name twice.
 */
static bool list_dir(run *r, const WCHAR *dir, entry **out, size_t *count)
{
    WCHAR pattern[MAX_PATH];
    *out = NULL;
    *count = 0;
    if (swprintf(pattern, MAX_PATH, L"%ls\\*", dir) < 0)
        return FAIL(r, "path too long: %ls", dir);
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    if (h == INVALID_HANDLE_VALUE)
        return FAIL(r, "listing %ls: expected success, got Win32 error %lu", dir, (unsigned long)GetLastError());
    size_t cap = 0;
    bool ok = true;
    do {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        for (size_t k = 0; k < *count && ok; k++)
            if (same_name((*out)[k].name, fd.cFileName))
                ok = FAIL(r, "listing %ls: expected each name once, got %ls twice", dir, fd.cFileName);
        if (!ok)
            break;
        if (*count == cap) {
            cap = cap ? cap * 2 : 16;
            entry *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                ok = FAIL(r, "out of memory listing %ls", dir);
                break;
            }
            *out = grown;
        }
        entry *e = &(*out)[(*count)++];
        wcscpy(e->name, fd.cFileName);
        e->is_dir = (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        e->size = ((UINT64)fd.nFileSizeHigh << 32) | fd.nFileSizeLow;
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    return ok;
}

/*
 * Lists directory @p rel through the root, recursively (bounded), recording its files. Each
 * listing has no name twice; with the bundled provider it holds exactly the provider's names,
 * files as files and directories as directories.
 */
static bool crawl(run *r, const WCHAR *rel, int depth)
{
    WCHAR dir[MAX_PATH];
    if (!prjsim_projfs_root_join(r->root, rel, dir))
        return FAIL(r, "path too long: %ls", rel);
    entry *entries;
    size_t count;
    bool ok = list_dir(r, dir, &entries, &count);
    if (ok && r->root->tree) {
        size_t expected = 0;
        WCHAR name[MAX_PATH];
        PRJ_FILE_BASIC_INFO info;
        while (SUCCEEDED(memtree_child_at(r->root->tree, rel, expected, name, MAX_PATH, &info)))
            expected++;
        if (count != expected)
            ok = FAIL(r, "listing %ls: expected %zu entries, got %zu", dir, expected, count);
    }
    for (size_t i = 0; ok && i < count; i++) {
        const entry *e = &entries[i];
        WCHAR child[MAX_PATH];
        swprintf(child, MAX_PATH, *rel ? L"%ls\\%ls" : L"%ls%ls", rel, e->name);
        if (r->root->tree) {
            PRJ_FILE_BASIC_INFO info;
            if (FAILED(memtree_stat(r->root->tree, child, &info, NULL, 0))) {
                ok = FAIL(r, "listing %ls: expected only the provider's names, got %ls", dir, e->name);
                break;
            }
            if (e->is_dir != !!info.IsDirectory) {
                ok = FAIL(r, "%ls: expected a %s, got a %s", child, info.IsDirectory ? "directory" : "file",
                          info.IsDirectory ? "file" : "directory");
                break;
            }
        }
        if (++r->items > MAX_ITEMS)
            break; /* big trees: the first MAX_ITEMS items are checked */
        if (!e->is_dir) {
            crawled *c = &r->files[r->nfiles++];
            wcscpy(c->rel, child);
            c->size = e->size;
        } else if (depth < MAX_DEPTH) {
            ok = crawl(r, child, depth + 1);
        }
    }
    free(entries);
    return ok;
}

static bool case_listing(run *r)
{
    r->nfiles = r->items = 0;
    return crawl(r, L"", 1);
}

/* Reads a crawled file through the root: its listed size, and the bundled provider's bytes. */
static bool check_content(run *r, const crawled *c)
{
    WCHAR path[MAX_PATH];
    prjsim_projfs_root_join(r->root, c->rel, path);
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return FAIL(r, "opening %ls: expected success, got Win32 error %lu", path, (unsigned long)GetLastError());
    bool ok = true;
    UINT64 offset = 0;
    for (;;) {
        char got[4096], want[4096];
        DWORD n = 0;
        if (!ReadFile(h, got, sizeof got, &n, NULL)) {
            ok = FAIL(r, "reading %ls: expected success, got Win32 error %lu", path, (unsigned long)GetLastError());
            break;
        }
        if (r->root->tree) {
            size_t w = 0;
            memtree_read(r->root->tree, c->rel, offset, want, sizeof want, &w);
            if (n != w || memcmp(got, want, n) != 0) {
                ok = FAIL(r, "%ls at byte %llu: expected the provider's %zu bytes, got %lu different ones", path,
                          (unsigned long long)offset, w, (unsigned long)n);
                break;
            }
        }
        if (n == 0)
            break;
        offset += n;
    }
    CloseHandle(h);
    if (ok && offset != c->size)
        return FAIL(r, "%ls: expected the listed %llu bytes, got %llu", path, (unsigned long long)c->size,
                    (unsigned long long)offset);
    return ok;
}

static bool case_content(run *r)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (!check_content(r, &r->files[i]))
            return false;
    return true;
}

/* After a read, a file is a hydrated placeholder (PRJ_FILE_STATE, "Cache state" in the docs). */
static bool case_hydrated(run *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        WCHAR path[MAX_PATH];
        PRJ_FILE_STATE state = 0;
        prjsim_projfs_root_join(r->root, r->files[i].rel, path);
        HRESULT hr = PrjGetOnDiskFileState(path, &state);
        if (FAILED(hr))
            return FAIL(r, "PrjGetOnDiskFileState(%ls): expected S_OK, got 0x%08lx", path, (unsigned long)hr);
        if (state != PRJ_FILE_STATE_HYDRATED_PLACEHOLDER)
            return FAIL(r, "%ls after a read: expected state 0x%x (hydrated placeholder), got 0x%x", path,
                        (unsigned)PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, (unsigned)state);
    }
    return true;
}

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

/* A new file written under the root is a full file. */
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

/* @p checked, @p checker_why: the "checker" case (prjconf_recording_report). */
static void write_junit(FILE *f, bool verdict[], char why[][512], size_t failures, int checked,
                        const char *checker_why, const prjconf_result *table, size_t ntable)
{
    size_t skipped = checked < 0;
    for (size_t i = 0; i < ntable; i++)
        skipped += table[i].outcome == PRJCONF_SKIP;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuite name=\"prjconf\" tests=\"%u\" failures=\"%zu\" skipped=\"%zu\">\n",
            (unsigned)(NCASES + 1 + ntable), failures, skipped);
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
    fprintf(f, "  <testcase classname=\"prjconf.projfs\" name=\"checker\"");
    if (checked > 0) {
        fprintf(f, "/>\n");
    } else {
        fprintf(f, checked < 0 ? "><skipped message=\"" : "><failure message=\"");
        xml_text(f, checker_why);
        fprintf(f, "\"/></testcase>\n");
    }
    /* prjconf's case table */
    for (size_t i = 0; i < ntable; i++) {
        const prjconf_result *r = &table[i];
        fprintf(f, "  <testcase classname=\"prjconf.projfs\" name=\"%s\"", r->name);
        if (r->outcome == PRJCONF_PASS) {
            fprintf(f, "/>\n");
            continue;
        }
        fprintf(f, "><%s message=\"", r->outcome == PRJCONF_SKIP ? "skipped" : "failure");
        xml_text(f, r->message ? r->message : "");
        fprintf(f, "\"/>");
        if (r->details && *r->details) {
            fprintf(f, "<system-out>");
            xml_text(f, r->details);
            fprintf(f, "</system-out>");
        }
        fprintf(f, "</testcase>\n");
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

/* Stops the client agent (if one was started); false, said on stderr, when it did not end well. */
static bool stop_agent(prjsim_agent_conn *c, HANDLE process)
{
    char err[256];
    if (!c)
        return true;
    if (prjsim_agent_stop_process(c, process, err, sizeof err))
        return true;
    fprintf(stderr, "prjconf: %s\n", err);
    return false;
}

int wmain(int argc, wchar_t **argv)
{
    const wchar_t *root_arg = NULL, *junit = NULL, *backend = L"projfs", *provider = NULL;
    char manifest[MAX_PATH * 3] = "";
    bool keep = false, list = false, agent = true;
    unsigned long start_timeout = 10;
    const wchar_t **program_args = calloc((size_t)argc + 2, sizeof *program_args);
    size_t nprogram_args = 0;
    if (!program_args)
        return 2;
    for (int i = 1; i < argc; i++) {
        const wchar_t *a = argv[i];
        bool has = i + 1 < argc;
        if (!wcscmp(a, L"--")) {
            while (++i < argc)
                program_args[1 + nprogram_args++] = argv[i];
            break;
        }
        if (!wcscmp(a, L"--help") || !wcscmp(a, L"-h"))
            return usage(stdout);
        if (!wcscmp(a, L"--version")) {
            printf("prjconf %s (Windows, real ProjFS)\n", PRJSIM_VERSION);
            return 0;
        }
        if (!wcscmp(a, L"--keep-root")) {
            keep = true;
        } else if (!wcscmp(a, L"--no-agent")) {
            agent = false;
        } else if (!wcscmp(a, L"--list")) {
            list = true;
        } else if (has && !wcscmp(a, L"--backend")) {
            backend = argv[++i];
        } else if (has && !wcscmp(a, L"--root")) {
            root_arg = argv[++i];
        } else if (has && !wcscmp(a, L"--junit")) {
            junit = argv[++i];
        } else if (has && !wcscmp(a, L"--provider")) {
            provider = argv[++i];
        } else if (has && !wcscmp(a, L"--start-timeout")) {
            wchar_t *end = NULL;
            start_timeout = wcstoul(argv[++i], &end, 10);
            if (!end || *end || start_timeout == 0 || start_timeout > 3600) {
                fprintf(stderr, "prjconf: --start-timeout %ls: expected seconds, 1 to 3600\n", argv[i]);
                return 2;
            }
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
    if (provider && manifest[0]) {
        fprintf(stderr, "prjconf: --manifest is for the bundled provider, not with --provider\n");
        return 2;
    }
    if (nprogram_args && !provider) {
        fprintf(stderr, "prjconf: arguments after -- are for a --provider program\n");
        return 2;
    }
    if (list) {
        for (size_t i = 0; i < NCASES; i++)
            printf("%s\n", cases[i].name);
        printf("checker\n"); /* the recorded calls' contract diagnostics (prjconf_recording.h) */
        prjconf_win_list(stdout);
        return 0;
    }
    if (provider) {
        program_args[0] = provider;
        if (!nprogram_args)
            program_args[1 + nprogram_args++] = L"{root}";
    } else if (!manifest[0]) {
        default_manifest(manifest, sizeof manifest);
    }
    prjsim_projfs_require(); /* the exact "not available" line and exit 2 */

    char err[512];
    /* The client agent for the case table's I/O: one process for the whole run. */
    HANDLE agent_process = NULL;
    prjsim_agent_conn *agent_conn = NULL;
    if (agent) {
        agent_conn = prjsim_agent_start_beside(&agent_process, err, sizeof err);
        if (!agent_conn) {
            fprintf(stderr, "prjconf: %s (or --no-agent for the I/O from prjconf itself)\n", err);
            return 2;
        }
        prjconf_win_set_backend(&prjsim_backend_agent);
    }

    prjsim_projfs_root root;
    if (!prjsim_projfs_root_create(&root, root_arg, err, sizeof err)) {
        fprintf(stderr, "prjconf: %s\n", err);
        stop_agent(agent_conn, agent_process);
        return 2;
    }
    root.keep = keep;
    prjconf_recording recording;
    if (!prjconf_recording_begin(&recording, provider != NULL, err, sizeof err)) {
        fprintf(stderr, "prjconf: %s\n", err);
        prjconf_recording_free(&recording);
        prjsim_projfs_root_finish(&root, err, sizeof err);
        stop_agent(agent_conn, agent_process);
        return 2;
    }
    bool started = provider ? prjsim_projfs_root_start_program(&root, program_args, 1 + nprogram_args,
                                                               (DWORD)start_timeout * 1000, err, sizeof err)
                            : prjsim_projfs_root_start(&root, manifest, err, sizeof err);
    if (!started) {
        fprintf(stderr, "prjconf: %s\n", err);
        char left[512];
        if (!prjsim_projfs_root_finish(&root, left, sizeof left))
            fprintf(stderr, "prjconf: %s\n", left);
        prjconf_recording_free(&recording);
        stop_agent(agent_conn, agent_process);
        return 2;
    }
    const char *io = agent ? "the case table's I/O from prjsim-agent.exe" : "the case table's I/O in process";
    if (provider)
        printf("prjconf: backend projfs, root %ls, provider %ls, %s\n", root.path, provider, io);
    else
        printf("prjconf: backend projfs, root %ls, manifest %s, %s\n", root.path, manifest, io);
    fflush(stdout);

    static bool verdict[NCASES];
    static char why[NCASES][512];
    static crawled files[MAX_ITEMS];
    size_t failures = 0;
    run r;
    memset(&r, 0, sizeof r);
    r.root = &root;
    r.files = files;
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
    /* prjconf's case table, through the seam */
    prjconf_result *table = NULL;
    size_t ntable = prjconf_win_run(&root, stdout, &table), table_failed = 0, table_skipped = 0;
    for (size_t i = 0; i < ntable; i++) {
        table_failed += prjconf_outcome_fails(table[i].outcome);
        table_skipped += table[i].outcome == PRJCONF_SKIP;
    }
    failures += table_failed;
    int status = failures ? 1 : 0;
    /* the agent closes what it left open before the root stops */
    if (!stop_agent(agent_conn, agent_process))
        status = 1;
    prjconf_win_set_backend(NULL);
    if (!prjsim_projfs_root_finish(&root, err, sizeof err)) {
        fprintf(stderr, "prjconf: at the end: %s\n", err);
        status = status ? status : 1;
    }
    /* The recorded calls, judged once the provider has stopped. */
    prjconf_recording_end(&recording);
    static char checker_why[512];
    int checked = prjconf_recording_report(&recording, stdout, checker_why, sizeof checker_why);
    prjconf_recording_free(&recording);
    if (checked == 0) {
        failures++;
        status = 1;
    }
    size_t total = NCASES + 1 + ntable, skipped = table_skipped + (checked < 0);
    printf("backend projfs: %zu cases, %zu passed, %zu failed, %zu skipped\n", total, total - failures - skipped,
           failures, skipped);
    if (junit) {
        FILE *f = _wfopen(junit, L"w");
        if (!f) {
            fprintf(stderr, "prjconf: cannot write %ls\n", junit);
            return 2;
        }
        write_junit(f, verdict, why, failures, checked, checker_why, table, ntable);
        fclose(f);
    }
    prjconf_win_free_results(table, ntable);
    return status;
}
