/* SPDX-License-Identifier: MIT */
/*
 * `prjconf --backend projfs` on Windows: the reference provider (memtree) started on a fresh
 * root through the real ProjFS (or a provider program serving it), and cases run against it as
 * any program would see it: five of prjconf.exe's own (prjconf_own_cases.c: listing, content and
 * on-disk states compared with the bundled provider's tree), then prjconf's case table, all
 * through the backend seam: their I/O made by the client agent, prjsim-agent.exe, a process of
 * its own (so it is a client's I/O to ProjFS, not the in-process provider's own), or with
 * --no-agent by the win32 backend in this process (prjconf_cases.c); each case on a worker
 * thread with a timeout; the cases that need the simulator skipped with the reason
 * (docs/windows.md).
 * Exit status: 0 every case passed, 1 a case failed, 2 usage or setup error (ProjFS missing).
 */
#include "agent_process.h"
#include "prjconf_cases.h"
#include "prjconf_own_cases.h"
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
            "               [--start-timeout S] [--timeout S] [--caps LIST] [--junit FILE]\n"
            "               [--keep-root] [--no-agent] [--list]\n"
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
            "  --timeout S       seconds a case may take (default 10, as on Linux); a case that\n"
            "                    takes longer fails, the cases after it are not run, and the\n"
            "                    provider and the agent are stopped (exit 1)\n"
            "  --caps LIST       capabilities the provider has: notifications,pending or none\n"
            "                    (or $PRJCONF_CAPS); a case needing one runs only when declared\n"
            "                    (notify.basic: a program that registers a NotificationCallback)\n"
            "  --junit FILE      also write a JUnit XML report\n"
            "  --keep-root       leave the root in place at the end\n"
            "  --no-agent        the cases' I/O from prjconf itself, not from the client\n"
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

/* ---- Reports ---- */

/* The cases' results, then the "checker" case (@p checked, @p checker_why: prjconf_recording_report),
 * as prjconf's JUnit report on Linux (prjconf_junit_write, conformance/junit). */
static void write_junit(FILE *f, const prjconf_result *rs, size_t count, int checked, const char *checker_why,
                        time_t started)
{
    prjconf_result *all = calloc(count + 1, sizeof *all);
    if (!all)
        abort();
    if (count)
        memcpy(all, rs, count * sizeof *rs);
    prjconf_result *c = &all[count];
    c->name = "checker";
    c->outcome = checked > 0 ? PRJCONF_PASS : checked < 0 ? PRJCONF_SKIP : PRJCONF_FAIL;
    c->message = (char *)(checked > 0 ? "" : checker_why);
    c->backend = "projfs";
    prjconf_junit_write(f, "prjconf", all, count + 1, started);
    free(all);
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

/* After a timeout: bounds the rest of the run (stopping a hung provider may hang too). */
static DWORD WINAPI watchdog(LPVOID root_path)
{
    Sleep(60000);
    /* WriteFile, not stdio: the thread that hangs may hold the C runtime's stream locks */
    char line[MAX_PATH * 3 + 160];
    int n = snprintf(line, sizeof line,
                     "prjconf: stopping after the timeout took more than 60 s: exiting; the root %ls may be left\r\n",
                     (const WCHAR *)root_path);
    DWORD put;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, n > 0 ? (DWORD)n : 0, &put, NULL);
    TerminateProcess(GetCurrentProcess(), 1);
    return 0;
}

/*
 * Case run->timed_out did not end within @p timeout_s and still runs on its thread, waiting on the
 * provider, the agent or both: end what it waits on, without waiting for it. A provider program
 * is stopped first (Enter, 10 s, then TerminateProcess), so that ProjFS fails the I/O it left
 * waiting; the agent is ended (its requests may be waiting on the provider); the bundled
 * provider's tree is left allocated (the case may still read it). The whole is bounded by a
 * watchdog; the caller then finishes the root as usual and ends the process without exit().
 */
static void after_timeout(prjsim_projfs_root *root, const prjconf_win_run_info *run, unsigned timeout_s,
                          prjsim_agent_conn **agent, HANDLE agent_process)
{
    printf("prjconf: %s timed out after %u s: the %zu cases after it were not run (a case left running "
           "cannot be stopped safely); stopping the provider and the agent\n",
           run->timed_out, timeout_s, run->not_run);
    fflush(stdout);
    HANDLE dog = CreateThread(NULL, 0, watchdog, root->path, 0, NULL);
    if (dog)
        CloseHandle(dog);
    char err[256];
    if (root->program.process && !prjsim_provider_process_stop(&root->program, 10000, err, sizeof err))
        fprintf(stderr, "prjconf: %s\n", err);
    if (*agent) {
        TerminateProcess(agent_process, 1);
        WaitForSingleObject(agent_process, 10000);
        CloseHandle(agent_process);
        *agent = NULL; /* the connection stays with the case still using it */
    }
    root->tree = NULL; /* left to the case (the process ends soon) */
}

int wmain(int argc, wchar_t **argv)
{
    time_t report_started = time(NULL); /* the JUnit report's timestamp */
    const wchar_t *root_arg = NULL, *junit = NULL, *backend = L"projfs", *provider = NULL;
    char manifest[MAX_PATH * 3] = "";
    bool keep = false, list = false, agent = true;
    unsigned long start_timeout = 10, case_timeout = 10; /* prjconf's --timeout on Linux: 10 s */
    const char *caps_env = getenv("PRJCONF_CAPS");
    char caps_text[128] = "";
    bool caps_given = caps_env != NULL;
    if (caps_env)
        snprintf(caps_text, sizeof caps_text, "%s", caps_env);
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
        } else if (has && !wcscmp(a, L"--timeout")) {
            wchar_t *end = NULL;
            case_timeout = wcstoul(argv[++i], &end, 10);
            if (!end || *end || case_timeout == 0 || case_timeout > 86400) {
                fprintf(stderr, "prjconf: --timeout %ls: expected seconds, 1 to 86400\n", argv[i]);
                return 2;
            }
        } else if (has && !wcscmp(a, L"--caps")) {
            caps_given = true;
            if (wcstombs(caps_text, argv[++i], sizeof caps_text) >= sizeof caps_text) {
                fprintf(stderr, "prjconf: --caps %ls: expected notifications, pending or none\n", argv[i]);
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
    if (caps_given) {
        unsigned caps = 0;
        if (!prjconf_caps_parse(caps_text, &caps)) {
            fprintf(stderr, "prjconf: --caps %s: expected a comma-separated list of notifications, pending (or none)\n",
                    caps_text);
            return 2;
        }
        prjconf_win_declare_caps(caps);
    }
    if (list) {
        for (size_t i = 0; i < prjconf_own_case_count; i++)
            printf("%s\n", prjconf_own_case_name(i));
        printf("checker\n"); /* the recorded calls' contract diagnostics (prjconf_recording.h) */
        prjconf_win_list(stdout, provider == NULL);
        return 0;
    }
    if (provider) {
        program_args[0] = provider;
        if (!nprogram_args)
            program_args[1 + nprogram_args++] = L"{root}";
    } else if (!manifest[0]) {
        default_manifest(manifest, sizeof manifest);
    }
    char err[512];
    /* Our own installation first (prjsim-agent.exe beside this program), then the machine's. */
    WCHAR agent_exe[MAX_PATH];
    if (agent && !prjsim_agent_find_beside(agent_exe, err, sizeof err)) {
        fprintf(stderr, "prjconf: %s (or --no-agent for the I/O from prjconf itself)\n", err);
        return 2;
    }
    prjsim_projfs_require(); /* the exact "not available" line and exit 2 */

    /* The client agent for the cases' I/O: one process for the whole run. Started before
     * prjconf_recording_begin sets PRJSIM_RECORD, which children inherit: the agent links the
     * recording forwarders too and would otherwise truncate the provider's log with its own. */
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

    /* prjconf.exe's own cases, then prjconf's case table, through the seam */
    prjconf_win_run_info run;
    prjconf_win_set_recorder(recording.rec); /* the bundled provider's: diagnostics per case */
    prjconf_win_run(&root, stdout, (unsigned)case_timeout, &run);
    prjconf_win_set_recorder(NULL);
    size_t failures = 0, skipped = 0;
    for (size_t i = 0; i < run.count; i++) {
        failures += prjconf_outcome_fails(run.results[i].outcome);
        skipped += run.results[i].outcome == PRJCONF_SKIP;
    }
    int status = failures ? 1 : 0;
    if (run.timed_out)
        after_timeout(&root, &run, (unsigned)case_timeout, &agent_conn, agent_process);
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
    int checked = prjconf_recording_report(&recording, stdout, checker_why, sizeof checker_why, run.checker_from,
                                           run.checker_to);
    prjconf_recording_free(&recording);
    if (checked == 0) {
        failures++;
        status = 1;
    }
    skipped += checked < 0;
    size_t total = run.count + 1;
    printf("backend projfs: %zu cases, %zu passed, %zu failed, %zu skipped\n", total, total - failures - skipped,
           failures, skipped);
    if (junit) {
        FILE *f = _wfopen(junit, L"w");
        if (!f) {
            fprintf(stderr, "prjconf: cannot write %ls\n", junit);
            status = 2;
        } else {
            write_junit(f, run.results, run.count, checked, checker_why, report_started);
            fclose(f);
        }
    }
    if (run.timed_out) {
        /* The timed-out case's thread may still hold the C runtime's locks: no exit() */
        fflush(stdout);
        fflush(stderr);
        TerminateProcess(GetCurrentProcess(), (UINT)status);
    }
    prjconf_win_free_results(run.results, run.count);
    return status;
}
