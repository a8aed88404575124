/* SPDX-License-Identifier: MIT */
/*
 * `prjconf [OPTIONS] [GLOB...] [-- ARGS...]`: the generic conformance suite. Without
 * --provider it runs against the bundled reference provider; with one, against that provider
 * program, started as `prjsim exec` starts it with ARGS. Exit status: 0 all passed, 1 a case
 * failed (or an expected failure passed), 2 usage or setup error.
 */
#include <prjconf.h>
#include <prjsim.h>
#include <prjconf_random.h>
#include <prjsim/registry.h>

#include <fault.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <backend.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjconf [OPTIONS] [GLOB...] [-- ARGS...]\n"
            "\n"
            "Runs the generic ProjFS conformance suite, each case in its own process with a\n"
            "fresh instance, against the bundled reference provider or a provider program.\n"
            "\n"
            "options:\n"
            "  --provider P      a provider program (.so from prjsim-cc or prjsim_add_provider),\n"
            "                    started as `prjsim exec P ARGS...` starts it\n"
            "  --caps LIST       capabilities to assume: notifications,pending (or $PRJCONF_CAPS);\n"
            "                    default: those the provider registers (a NotificationCallback,\n"
            "                    a CancelCommandCallback) when it starts\n"
            "  --case NAME       run one case (a glob, as the positional GLOBs)\n"
            "  --list            list the cases that would run, and exit\n"
            "  --seed N          seed of the generated names (default: from the clock)\n"
            "  --timeout S       seconds a case may take (default 10)\n"
            "  -j N              run N cases at once\n"
            "  --shard I/N       run the I-th of N shards of the selected cases\n"
            "  --xfail FILE      expected failures (`GLOB # reason` lines); one that passes fails\n"
            "  --tap             TAP instead of the human report\n"
            "  --junit FILE      also write a JUnit XML report\n"
            "  --json FILE       also write JSON lines, one per case as it ends\n"
            "  --trace-dir DIR   write each case's trace file to DIR/CASE.trace and, for a\n"
            "                    failing case, its picture DIR/CASE.html (linked in the report)\n"
            "  --drives DIR      drives folder shared by every case (as `prjsim exec --drives`)\n"
            "  --state DIR       every case starts from the volume saved in DIR by\n"
            "                    `prjsim exec --drives DIR` (read only)\n"
            "  --mkdir WINPATH   create this directory on the drives before the program starts\n"
            "  --registry FILE   seed the registry from a .reg file for every case\n"
            "                    (or $PRJSIM_REGISTRY)\n"
            "  --max-depth N     crawl depth (default 4)\n"
            "  --max-items N     crawl size (default 300)\n"
            "  --backend B       what the cases' operations go through: sim (the simulator's\n"
            "                    client operations, default) or win32 (the Win32 calls a Windows\n"
            "                    program makes); cases that read the simulator's insides are\n"
            "                    skipped under win32 (conformance/README.md, \"Backends\")\n"
            "\n"
            "random testing (see conformance/prjconf/README.md):\n"
            "  --random          weighted random client operations over the crawled tree, each\n"
            "                    checked against a model of ProjFS; a finding is shrunk to a .scn\n"
            "  --ops N           operations to run (default 10000)\n"
            "  --time T          run for T seconds instead\n"
            "  --threads K       K threads at once on the thread pool (no total order: checks no\n"
            "                    crash, hang or diagnostic and a consistent final state)\n"
            "  --replay FILE     replay an operation log instead of generating\n"
            "  --log FILE        where the operation log goes (default prjconf-random-SEED.log)\n"
            "  --scn FILE        where the shrunk scenario goes (default prjconf-random-SEED.scn)\n"
            "  --epoch N         start afresh (new simulation, provider, crawl) every N operations\n"
            "                    (default 200; 0: never)\n"
            "  --shrink-budget N replays delta debugging may make (default 400)\n"
            "  --weights K=N,... weights of the operation kinds (open read write truncate\n"
            "                    setattr delete rename list mkdir stat restart query\n"
            "                    provider-update provider-delete link)\n"
            "\n"
            "environment: PRJSIM_FAULTS=SPEC wraps the provider in the fault wrapper\n"
            "(fixtures/fault/README.md); PRJCONF_CAPS as --caps.\n"
            "exit status: 0 all passed, 1 a case failed, 2 usage or setup error (including a\n"
            "provider that cannot start at all)\n");
    return out == stdout ? 0 : 2;
}

/* Appends @p s to @p buf, single-quoted for a POSIX shell when it needs quoting. */
static void quote(char *buf, size_t size, const char *s)
{
    size_t used = strlen(buf);
    bool plain = *s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                 "-_./=,:+@%") == strlen(s);
    used += (size_t)snprintf(buf + used, size - used, " %s", plain ? s : "'");
    if (plain || used >= size)
        return;
    for (; *s && used + 5 < size; s++) {
        if (*s == '\'')
            used += (size_t)snprintf(buf + used, size - used, "'\\''");
        else
            buf[used++] = *s;
    }
    snprintf(buf + used, size - used, "'");
}

/* The options that take the next argument as their value. */
static bool takes_value(const char *a)
{
    static const char *const with_value[] = {"--provider", "--caps",   "--case",  "--seed",
                                             "--timeout",  "-j",       "--jobs",  "--shard",
                                             "--xfail",    "--junit",  "--json",  "--drives",
                                             "--mkdir",    "--max-depth", "--max-items", "--state",
                                             "--backend"};
    for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
        if (!strcmp(a, with_value[k]))
            return true;
    return false;
}

int main(int argc, char **argv)
{
    prjconf_run_options o;
    memset(&o, 0, sizeof o);
    o.target.timeout = 10;
    o.target.max_depth = 4;
    o.target.max_items = 300;
    o.jobs = 1;
    o.seed = (unsigned long)time(NULL) % 1000000ul;
    const char *caps_text = getenv("PRJCONF_CAPS");
    const char *xfail_path = NULL, *json_path = NULL;
    const char *registry = getenv("PRJSIM_REGISTRY");
    bool list = false, timeout_given = false, random_mode = false, epoch_given = false;
    prjconf_random_options ro;
    memset(&ro, 0, sizeof ro);
    /* Static: they live as long as the process, whichever return ends it. */
    static const char **filters;
    static char **mkdirs;
    filters = calloc((size_t)argc + 1, sizeof *filters);
    mkdirs = calloc((size_t)argc + 1, sizeof *mkdirs);
    if (!filters || !mkdirs)
        return 2;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        bool has = i + 1 < argc;
        char *end = NULL;
        if (!has && takes_value(a)) {
            fprintf(stderr, "prjconf: option %s needs an argument\n", a);
            return usage(stderr);
        }
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            return usage(stdout);
        } else if (!strcmp(a, "--version")) {
            printf("prjconf %s\n", PRJSIM_VERSION);
            return 0;
        } else if (!strcmp(a, "--random")) {
            random_mode = true;
        } else if (!strcmp(a, "--epoch") && has) {
            ro.epoch = strtoull(argv[++i], &end, 0);
            epoch_given = true;
            if (*end || argv[i][0] == '-') {
                fprintf(stderr, "prjconf: bad --epoch '%s'\n", argv[i]);
                return 2;
            }
        } else if ((!strcmp(a, "--ops") || !strcmp(a, "--threads") || !strcmp(a, "--shrink-budget")) &&
                   has) {
            unsigned long long v = strtoull(argv[++i], &end, 0);
            if (*end || v < 1 || (!strcmp(a, "--threads") && v > 256) || v > 1000000000000ull) {
                fprintf(stderr, "prjconf: bad %s '%s'\n", a, argv[i]);
                return 2;
            }
            if (!strcmp(a, "--ops"))
                ro.ops = v;
            else if (!strcmp(a, "--threads"))
                ro.threads = (unsigned)v;
            else
                ro.shrink_budget = (unsigned)v;
        } else if (!strcmp(a, "--time") && has) {
            ro.seconds = strtod(argv[++i], &end);
            if (*end || ro.seconds <= 0) {
                fprintf(stderr, "prjconf: bad --time '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--replay") && has) {
            ro.replay = argv[++i];
        } else if (!strcmp(a, "--weights") && has) {
            if (!prjconf_random_set_weights(argv[++i])) {
                fprintf(stderr, "prjconf: bad --weights '%s' (KIND=N,...; kinds: open, read, write, "
                                "truncate, setattr, delete, rename, list, mkdir, stat, restart, query, provider-update, "
                                "provider-delete)\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--log") && has) {
            ro.log_path = argv[++i];
        } else if (!strcmp(a, "--scn") && has) {
            ro.scn_path = argv[++i];
        } else if (!strcmp(a, "--list")) {
            list = true;
        } else if (!strcmp(a, "--tap")) {
            o.tap = true;
        } else if (!strcmp(a, "--provider") && has) {
            o.target.provider = argv[++i];
        } else if (!strcmp(a, "--caps") && has) {
            caps_text = argv[++i];
        } else if (!strcmp(a, "--case") && has) {
            filters[o.filter_count++] = argv[++i];
        } else if (!strcmp(a, "--seed") && has) {
            o.seed = strtoul(argv[++i], &end, 0);
            if (*end) {
                fprintf(stderr, "prjconf: bad --seed '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--timeout") && has) {
            o.target.timeout = strtod(argv[++i], &end);
            timeout_given = true;
            if (*end || o.target.timeout <= 0) {
                fprintf(stderr, "prjconf: bad --timeout '%s'\n", argv[i]);
                return 2;
            }
        } else if (((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && has) ||
                   (!strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9')) {
            const char *v = a[2] ? a + 2 : argv[++i];
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > 64) {
                fprintf(stderr, "prjconf: bad -j '%s' (1 to 64)\n", v);
                return 2;
            }
            o.jobs = (unsigned)j;
        } else if (!strcmp(a, "--shard") && has) {
            if (!prjconf_shard_parse(argv[++i], &o.shard_index, &o.shard_count)) {
                fprintf(stderr, "prjconf: bad --shard '%s' (I/N with 1 <= I <= N)\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "--xfail") && has) {
            xfail_path = argv[++i];
        } else if (!strcmp(a, "--junit") && has) {
            o.junit_path = argv[++i];
        } else if (!strcmp(a, "--json") && has) {
            json_path = argv[++i];
        } else if (!strcmp(a, "--trace-dir") && has) {
            o.target.trace_dir = argv[++i];
            if (mkdir(o.target.trace_dir, 0777) != 0 && errno != EEXIST) {
                fprintf(stderr, "prjconf: cannot create %s\n", o.target.trace_dir);
                return 2;
            }
        } else if (!strcmp(a, "--drives") && has) {
            o.target.drives = argv[++i];
        } else if (!strcmp(a, "--registry") && has) {
            registry = argv[++i];
        } else if (!strcmp(a, "--state") && has) {
            o.target.state = argv[++i];
        } else if (!strcmp(a, "--backend") && has) {
            o.target.backend = argv[++i];
            if (!prjsim_backend_by_name(o.target.backend)) {
                fprintf(stderr, "prjconf: unknown backend '%s' (sim, win32)\n", o.target.backend);
                return 2;
            }
        } else if (!strcmp(a, "--mkdir") && has) {
            mkdirs[o.target.mkdir_count++] = argv[++i];
        } else if ((!strcmp(a, "--max-depth") || !strcmp(a, "--max-items")) && has) {
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1) {
                fprintf(stderr, "prjconf: bad %s '%s'\n", a, argv[i]);
                return 2;
            }
            if (!strcmp(a, "--max-depth"))
                o.target.max_depth = (unsigned)v;
            else
                o.target.max_items = (unsigned)v;
        } else if (a[0] == '-') {
            fprintf(stderr, "prjconf: unknown option '%s'\n", a);
            return usage(stderr);
        } else {
            filters[o.filter_count++] = a;
        }
    }
    o.filters = filters;
    o.target.mkdirs = mkdirs;
    o.target.argc = argc - i;
    o.target.argv = argv + i;
    o.target.caps_declared = caps_text != NULL;
    if (caps_text && !prjconf_caps_parse(caps_text, &o.target.caps)) {
        fprintf(stderr, "prjconf: unknown capability in '%s'\n", caps_text);
        return 2;
    }
    /* PRJSIM_FAULTS=spec wraps the provider in every case (fixtures/fault/README.md); a bad
     * spec is a usage error. */
    if (fault_install_from_env() == E_INVALIDARG)
        return 2;
    if (o.target.state) {
        char err[1024] = "";
        if (access(o.target.state, R_OK) != 0) {
            fprintf(stderr, "prjconf: cannot read the state folder '%s'\n", o.target.state);
            return 2;
        }
        if (FAILED(prjsim_state_check(o.target.state, err, sizeof err))) {
            fprintf(stderr, "prjconf: %s\n", err);
            return 2;
        }
    }

    /* Loaded once here: every case's process starts from this content. */
    if (registry && *registry) {
        char err[1024];
        if (FAILED(prjsim_registry_load_file(registry, err, sizeof err))) {
            fprintf(stderr, "prjconf: %s\n", err);
            return 2;
        }
    }

    if (list) {
        size_t position = 0, shown = 0;
        for (size_t k = 0; k < prjconf_case_count; k++) {
            const prjconf_case *c = &prjconf_cases[k];
            if (!prjconf_selected(&o, c->name) ||
                !prjconf_shard_contains(o.shard_index, o.shard_count, position++))
                continue;
            char caps[128] = "";
            unsigned needs = c->caps & PRJCONF_CAP_MASK;
            if (needs)
                prjconf_caps_format(needs, caps, sizeof caps);
            printf("%-34s %s%s%s%s\n", c->name, c->summary, needs ? " [needs " : "", caps,
                   needs ? "]" : "");
            shown++;
        }
        return shown ? 0 : 2;
    }

    prjconf_xfail xfail;
    memset(&xfail, 0, sizeof xfail);
    if (xfail_path) {
        char err[512];
        if (!prjconf_xfail_load(&xfail, xfail_path, err, sizeof err)) {
            fprintf(stderr, "prjconf: %s\n", err);
            return 2;
        }
        o.xfail = &xfail;
    }
    if (json_path) {
        o.json = fopen(json_path, "w");
        if (!o.json) {
            fprintf(stderr, "prjconf: cannot write %s\n", json_path);
            return 2;
        }
    }

    /* The repro command: the options that select the provider, then --case and --seed. */
    static char prefix[8192], suffix[8192];
    snprintf(prefix, sizeof prefix, "prjconf");
    if (o.target.provider) {
        quote(prefix, sizeof prefix, "--provider");
        quote(prefix, sizeof prefix, o.target.provider);
    }
    if (caps_text && o.target.caps) {
        quote(prefix, sizeof prefix, "--caps");
        quote(prefix, sizeof prefix, caps_text);
    }
    if (o.target.drives) {
        quote(prefix, sizeof prefix, "--drives");
        quote(prefix, sizeof prefix, o.target.drives);
    }
    if (registry && *registry) {
        quote(prefix, sizeof prefix, "--registry");
        quote(prefix, sizeof prefix, registry);
    }
    if (o.target.state) {
        quote(prefix, sizeof prefix, "--state");
        quote(prefix, sizeof prefix, o.target.state);
    }
    if (o.target.backend) {
        quote(prefix, sizeof prefix, "--backend");
        quote(prefix, sizeof prefix, o.target.backend);
    }
    for (size_t k = 0; k < o.target.mkdir_count; k++) {
        quote(prefix, sizeof prefix, "--mkdir");
        quote(prefix, sizeof prefix, mkdirs[k]);
    }
    if (timeout_given) {
        char t[64];
        snprintf(t, sizeof t, "%g", o.target.timeout);
        quote(prefix, sizeof prefix, "--timeout");
        quote(prefix, sizeof prefix, t);
    }
    if (o.target.argc > 0) {
        snprintf(suffix, sizeof suffix, " --");
        for (int k = 0; k < o.target.argc; k++)
            quote(suffix, sizeof suffix, o.target.argv[k]);
    }
    o.repro_prefix = prefix;
    o.repro_suffix = suffix;

    if (!random_mode && (ro.ops || ro.seconds > 0 || ro.threads || ro.replay || ro.log_path || ro.scn_path ||
                         epoch_given)) {
        fprintf(stderr, "prjconf: --ops, --time, --threads, --replay, --log, --scn and --epoch need --random\n");
        return 2;
    }
    if (random_mode && o.target.backend && strcmp(o.target.backend, "sim") != 0) {
        /* its model compares NTSTATUS codes of the simulator's client operations */
        fprintf(stderr, "prjconf: --random runs through the sim backend only\n");
        return 2;
    }
    if (random_mode && ro.ops && ro.seconds > 0) {
        fprintf(stderr, "prjconf: give --ops or --time, not both\n");
        return 2;
    }
    if (random_mode && ro.replay && ro.threads > 1) {
        fprintf(stderr, "prjconf: --replay runs on one thread\n");
        return 2;
    }
    int status;
    if (random_mode) {
        ro.target = o.target;
        if (!timeout_given)
            ro.target.timeout = 600;
        ro.seed = o.seed;
        if (!epoch_given)
            ro.epoch = 200;
        ro.json = o.json;
        ro.junit_path = o.junit_path;
        ro.repro_prefix = prefix;
        ro.repro_suffix = suffix;
        status = prjconf_random_main(&ro, stdout);
    } else {
        status = prjconf_run(&o, stdout);
    }
    if (o.json)
        fclose(o.json);
    prjconf_xfail_free(&xfail);
    free(filters);
    free(mkdirs);
    return status;
}
