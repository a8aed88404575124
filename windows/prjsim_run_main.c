/* SPDX-License-Identifier: MIT */
/*
 * prjsim-run.exe: `prjsim run` on Windows, for the real ProjFS (--backend projfs). The scripts
 * are parsed by the same interpreter as on Linux (conformance/scenario); what a scenario needs
 * that real ProjFS lacks (the simulator's trace, its diagnostics, its volume) is decided before
 * it runs and listed with the reason (--list), exactly as `prjsim run --list` decides it on
 * Linux. docs/windows.md says what runs and what does not yet.
 *
 * A run keeps each scenario's drive C: in a fresh folder under %TEMP% (or --root), removed after
 * it (conformance/scenario/paths.c, simulator_win.c), and does every operation through the
 * client agent prjsim-agent.exe (ProjFS sends no notification for the provider's own I/O).
 *
 * Exit status: 0 every scenario passed or was skipped, parsed (--check) or listed (--list); 1 a
 * scenario failed; 2 a malformed script, a usage error, ProjFS missing (the line of projfs_dll.h).
 */
#include "projfs_dll.h"

#include <names.h>

#include <scenario.h>

#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjsim-run [--backend projfs] [--root DIR] [--check | --list | --junit FILE]\n"
            "                  SCRIPT|FOLDER...\n"
            "\n"
            "Runs scenario scripts (the language of conformance/README.md) on the real ProjFS:\n"
            "a folder stands for every .scn file under it.\n"
            "\n"
            "options:\n"
            "  --backend projfs  the real ProjFS (ProjectedFSLib.dll), the only backend here\n"
            "  --root DIR        keep each scenario's drive C: in a fresh folder under DIR\n"
            "                    (default: %%TEMP%%), removed after the scenario\n"
            "  --check           parse every script and stop (malformed: file:line: message)\n"
            "  --list            run nothing: RUN or SKIP (with the reason) for each script, as\n"
            "                    `prjsim run --list` prints it on Linux\n"
            "  --junit FILE      also write a JUnit XML report of the run to FILE (testsuite\n"
            "                    \"prjsim-run projfs\"; one testcase per script, skips with the\n"
            "                    reason); written also when ProjFS is missing, the scripts that\n"
            "                    would have run then errors with that reason\n"
            "  --version         print the version\n"
            "\n"
            "exit status: 0 every scenario passed (or was skipped), parsed or listed; 1 a\n"
            "scenario failed; 2 a malformed script, bad usage or ProjFS not available\n");
    return out == stdout ? 0 : 2;
}

typedef struct path_list {
    char **at;
    size_t count, cap;
} path_list;

static void add_path(path_list *l, char *p)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->at = realloc(l->at, l->cap * sizeof *l->at);
        if (!l->at)
            abort();
    }
    l->at[l->count++] = p;
}

static char *joined(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p)
        abort();
    return memcpy(p, s, n);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_folder(const char *path)
{
    /* https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-getfileattributesa */
    DWORD attr = GetFileAttributesA(path);
    return attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY);
}

/* Every .scn file under @p dir, sorted by path as `sort` orders them on Linux. */
static void add_folder(path_list *l, const char *dir)
{
    path_list here = {NULL, 0, 0};
    char *pattern = joined(dir, "*");
    WIN32_FIND_DATAA fd;
    /* https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-findfirstfilea */
    HANDLE h = FindFirstFileA(pattern, &fd);
    free(pattern);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            size_t n = strlen(fd.cFileName);
            if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, ".."))
                continue;
            if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || (n > 4 && !strcmp(fd.cFileName + n - 4, ".scn")))
                add_path(&here, joined(dir, fd.cFileName));
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    if (here.count)
        qsort(here.at, here.count, sizeof *here.at, by_name);
    for (size_t i = 0; i < here.count; i++) {
        if (is_folder(here.at[i])) {
            add_folder(l, here.at[i]);
            free(here.at[i]);
        } else {
            add_path(l, here.at[i]);
        }
    }
    free(here.at);
}

/* Scripts are parsed with memtree, which orders names with PrjFileNameCompare: where the DLL is
 * missing, prjsim's own rules (sim/names.c, the semantics reference's) so that a script still
 * parses and lists there (a run needs the DLL anyway). */
static const prjsim_projfs_names builtin_names = {prjsim__name_compare, prjsim__name_match, prjsim__name_wildcards};

int main(int argc, char **argv)
{
    prjsim_projfs_names_without_dll(&builtin_names);
    scn_run_options opts;
    memset(&opts, 0, sizeof opts);
    opts.log = stderr;
    opts.backend = "projfs";
    /* The recording layer is in this program (the Prj* forwarders): it observes the provider. */
    opts.checker = true;
    opts.agent = true;
    opts.junit_suite = "prjsim-run projfs";
    bool check = false, list = false, options_over = false;
    const char *root = NULL;
    char temp[MAX_PATH * 3];
    path_list files = {NULL, 0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_over && a[0] == '-' && a[1]) {
            if (!strcmp(a, "--")) {
                options_over = true;
            } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
                return usage(stdout);
            } else if (!strcmp(a, "--version")) {
                printf("prjsim-run %s\n", PRJSIM_VERSION);
                return 0;
            } else if (!strcmp(a, "--backend") || !strncmp(a, "--backend=", 10)) {
                const char *b = a[9] == '=' ? a + 10 : i + 1 < argc ? argv[++i] : NULL;
                if (!b || strcmp(b, "projfs")) {
                    fprintf(stderr, "prjsim-run: backend '%s': only projfs here (sim and win32 are the Linux "
                                    "`prjsim run`'s)\n", b ? b : "");
                    return 2;
                }
            } else if (!strcmp(a, "--root") || !strncmp(a, "--root=", 7)) {
                root = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : NULL;
                if (!root || !root[0]) {
                    fprintf(stderr, "prjsim-run: option --root needs a folder\n");
                    return usage(stderr);
                }
            } else if (!strcmp(a, "--junit")) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "prjsim-run: option --junit needs a file\n");
                    return usage(stderr);
                }
                opts.junit = argv[++i];
            } else if (!strcmp(a, "--check")) {
                check = true;
            } else if (!strcmp(a, "--list")) {
                list = true;
            } else {
                fprintf(stderr, "prjsim-run: unknown option '%s'\n", a);
                return usage(stderr);
            }
            continue;
        }
        if (is_folder(a))
            add_folder(&files, a);
        else
            add_path(&files, copy(a));
    }
    /* Where each scenario's fresh folder goes: --root, else %TEMP% (GetTempPathW), in UTF-8. */
    if (!root) {
        WCHAR wtemp[MAX_PATH];
        DWORD n = GetTempPathW(MAX_PATH, wtemp);
        while (n > 3 && wtemp[n - 1] == L'\\')
            wtemp[--n] = 0;
        if (n == 0 || n >= MAX_PATH || !WideCharToMultiByte(CP_UTF8, 0, wtemp, -1, temp, (int)sizeof temp, NULL, NULL))
            snprintf(temp, sizeof temp, "%s", "C:\\Windows\\Temp");
        root = temp;
    }
    opts.disk_root = root;
    int rc;
    if (opts.junit && (check || list)) {
        fprintf(stderr, "prjsim-run: --junit reports a run; --check and --list run nothing\n");
        rc = 2;
    } else if (!files.count) {
        fprintf(stderr, "prjsim-run: no scenario script given (or no .scn file in the folders given)\n");
        rc = usage(stderr);
    } else if (list) {
        rc = scn_list_files(files.at, files.count, &opts, stdout, stderr);
    } else {
        /* Parsed before ProjFS is looked for: a malformed script is reported anywhere. */
        rc = scn_check_files(files.at, files.count, stderr);
        if (rc == SCN_EXIT_PASS && check) {
            printf("%zu scenario file(s) parsed\n", files.count);
        } else if (rc == SCN_EXIT_PASS) {
            char why[512];
            if (!prjsim_projfs_load(why, sizeof why)) {
                fprintf(stderr, "%s\n", why); /* the exact "not available" line */
                /* The report of the run that could not start: CI still gets one, with the reason. */
                if (opts.junit)
                    scn_junit_not_run(files.at, files.count, &opts, why, stderr);
                rc = 2;
            } else {
                rc = scn_run_files(files.at, files.count, &opts, stdout, stderr);
            }
        }
    }
    for (size_t i = 0; i < files.count; i++)
        free(files.at[i]);
    free(files.at);
    return rc;
}
