/* SPDX-License-Identifier: MIT */
/*
 * `prjsim run SCRIPT... [--provider P [-- ARGS...]]`: runs scenario scripts
 * (conformance/README.md) against the reference provider, or against provider program P run
 * through the host, and prints `PASS file` / `FAIL file:line: message` per file and a final
 * `N passed, N failed` line.
 *
 * Exit status: 0 every scenario passed (expected failures included), 1 a failure (or an xfail
 * scenario that passed), 2 a malformed, empty or unreadable script, a provider program that
 * cannot be loaded, or a usage error (nothing runs).
 */
#include "commands.h"

#include <scenario.h>

#include <prjsim/host.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjsim run [OPTIONS] SCRIPT... [-- PROVIDER-ARGS...]\n"
            "\n"
            "Runs scenario scripts (the language is described in conformance/README.md) against\n"
            "the in-process reference provider, each in a fresh simulation.\n"
            "\n"
            "options:\n"
            "  --provider P  run against provider program P (built with prjsim-cc or\n"
            "                prjsim_add_provider) started with PROVIDER-ARGS, instead of the\n"
            "                reference provider; scenarios that script the reference provider\n"
            "                are skipped\n"
            "  --backend B   run client operations through backend B: sim (the simulator's\n"
            "                client operations, the default) or win32 (the Win32 calls a\n"
            "                Windows program makes); scenarios needing what B lacks are skipped\n"
            "  --agent       run the operations of 'as process' through the client agent, as\n"
            "                on Windows (always so with --backend win32; docs/layering.md)\n"
            "  --checker     judge 'expect diag' on the diagnostics the recording layer's checker\n"
            "                decides from its report, and on a backend without the simulator\n"
            "                read callbacks, pends and instances from its log, so that those\n"
            "                run on every backend (needs LD_PRELOAD=libprjsim_recording.so;\n"
            "                docs/layering.md)\n"
            "  --list        run nothing: print RUN or SKIP (with the reason) for each script\n"
            "                as the options given decide before a scenario starts, and the\n"
            "                count of each reason (prjsim-run.exe --list on Windows prints the\n"
            "                same for the real ProjFS; docs/windows.md)\n"
            "  --junit F     also write a JUnit XML report to F: one testcase per script, its\n"
            "                classname the script's folder, a failure with file:line and the\n"
            "                message, a skip with its reason (not with --list)\n"
            "  --bless       rewrite the golden files of 'expect trace file' with this run's trace\n"
            "  --verbose     print each statement as it runs, and the whole trace\n"
            "  --trace-file F  write the run's trace with item states to F (one script only;\n"
            "                `prjsim trace F --html OUT` draws it)\n"
            "  --            end of options\n"
            "\n"
            "exit status: 0 all passed, 1 a scenario failed, 2 a malformed, empty or unreadable\n"
            "script, a provider program that cannot be loaded, or bad usage\n");
    return out == stdout ? 0 : 2;
}

int prjsim_cmd_run(int argc, char **argv)
{
    scn_run_options opts;
    memset(&opts, 0, sizeof opts);
    opts.log = stderr;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    size_t count = 0;
    const char *provider = NULL;
    bool list = false;
    int args_at = argc;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1]) {
            if (!strcmp(a, "--")) {
                args_at = i + 1;
                break;
            } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
                free(files);
                return usage(stdout);
            } else if ((!strcmp(a, "--backend") || !strcmp(a, "--trace-file") || !strcmp(a, "--junit")) &&
                       i + 1 >= argc) {
                fprintf(stderr, "prjsim run: option %s needs an argument\n", a);
                free(files);
                return usage(stderr);
            } else if (!strcmp(a, "--provider")) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "prjsim run: option --provider needs an argument\n");
                    free(files);
                    return usage(stderr);
                }
                provider = argv[++i];
            } else if (!strncmp(a, "--provider=", 11)) {
                provider = a + 11;
            } else if ((!strcmp(a, "--backend") && i + 1 < argc) || !strncmp(a, "--backend=", 10)) {
                opts.backend = a[9] == '=' ? a + 10 : argv[++i];
                if (!strcmp(opts.backend, "projfs")) {
                    /* The real ProjFS needs Windows: prjsim-run.exe there. */
                    fprintf(stderr, "prjsim run: backend projfs is the real ProjFS, on Windows only: "
                                    "prjsim-run.exe --backend projfs there, prjconf.exe --backend "
                                    "projfs for a provider (docs/windows.md); here --without-volume "
                                    "and --map-drive run its form against the simulator\n");
                    free(files);
                    return 2;
                }
                if (strcmp(opts.backend, "sim") && strcmp(opts.backend, "win32")) {
                    fprintf(stderr, "prjsim run: unknown backend '%s' (sim, win32)\n", opts.backend);
                    free(files);
                    return usage(stderr);
                }
            } else if (!strcmp(a, "--trace-file") && i + 1 < argc) {
                opts.trace_file = argv[++i];
            } else if (!strcmp(a, "--junit") && i + 1 < argc) {
                opts.junit = argv[++i];
            } else if (!strcmp(a, "--checker")) {
                if (!scn_checker_available()) {
                    fprintf(stderr, "prjsim run: --checker needs the recording layer loaded "
                                    "(LD_PRELOAD=libprjsim_recording.so)\n");
                    free(files);
                    return 2;
                }
                opts.checker = true;
            } else if (!strcmp(a, "--agent")) {
                opts.agent = true;
            } else if (!strcmp(a, "--without-volume")) {
                /* hidden: the interpreter's real-ProjFS form on the simulator (tests) */
                opts.without_volume = true;
            } else if (!strcmp(a, "--map-drive") && i + 1 < argc) {
                /* hidden: C: kept under this folder, as prjsim-run.exe keeps it under %TEMP% (tests) */
                opts.disk_root = argv[++i];
            } else if (!strcmp(a, "--list")) {
                list = true;
            } else if (!strcmp(a, "--bless")) {
                opts.bless = true;
            } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
                opts.verbose = true;
            } else {
                fprintf(stderr, "prjsim run: unknown option '%s'\n", a);
                free(files);
                return usage(stderr);
            }
            continue;
        }
        files[count++] = argv[i];
    }
    if (provider && opts.disk_root) {
        fprintf(stderr, "prjsim run: --map-drive is not for a provider program (it starts its own root)\n");
        free(files);
        return 2;
    }
    char **pargv = NULL;
    if (provider) {
        /* argv[0] of the program is the program itself, then the arguments after -- */
        pargv = calloc((size_t)(argc - args_at) + 2, sizeof *pargv);
        if (!pargv) {
            free(files);
            return 2;
        }
        pargv[0] = (char *)provider;
        for (int i = args_at; i < argc; i++)
            pargv[1 + i - args_at] = argv[i];
        opts.provider = provider;
        opts.provider_argc = 1 + argc - args_at;
        opts.provider_argv = pargv;
    } else if (args_at < argc) {
        fprintf(stderr, "prjsim run: arguments after -- are for a provider program (--provider P)\n");
        free(files);
        return usage(stderr);
    }
    if (!count) {
        fprintf(stderr, "prjsim run: no scenario script given\n");
        free(files);
        free(pargv);
        return usage(stderr);
    }
    if (list && opts.junit) {
        fprintf(stderr, "prjsim run: --junit reports a run; --list runs nothing\n");
        free(files);
        free(pargv);
        return 2;
    }
    if (opts.trace_file && count != 1) {
        fprintf(stderr, "prjsim run: --trace-file takes one scenario script\n");
        free(files);
        free(pargv);
        return 2;
    }
    if (provider) {
        /* A bad program is a setup error, whether or not a scenario would get to start it. */
        char error[1024];
        if (!*provider || prjsim_host_check(provider, error, sizeof error) != PRJSIM_HOST_OK) {
            fprintf(stderr, "prjsim run: %s\n", *provider ? error : "option --provider needs a program");
            free(files);
            free(pargv);
            return 2;
        }
    }
    int rc = list ? scn_list_files(files, count, &opts, stdout, stderr)
                  : scn_run_files(files, count, &opts, stdout, stderr);
    free(files);
    free(pargv);
    return rc;
}
