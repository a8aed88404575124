/* SPDX-License-Identifier: MIT */
/*
 * `prjsim shell [--provider P.so [-- ARGS...] | --manifest FILE] [ROOT] [--drives DIR] [--registry FILE]`: an
 * interactive shell over a live virtualization root. Each command is one or more client
 * operations (the commands are in shell_commands.c); after it the shell prints, indented, the
 * trace it caused: callbacks, Prj* calls, notifications with their results, and diagnostics.
 *
 * Under the commands runs a scenario session: every operation is a scenario statement, followed
 * by expectations filled in from what happened, so `record FILE` saves a scenario that
 * `prjsim run` replays. Input from a terminal gets line editing and history (libedit); input from
 * a pipe is read line by line, echoed after a prompt, and gives the same output every time.
 * Colour only on a terminal, and never with NO_COLOR set.
 */
#include "commands.h"
#include "shell.h"

#include <prjsim/drives.h>
#include <prjsim/registry.h>
#include <scenario.h>

#include <editline/readline.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjsim shell [OPTIONS] [ROOT] [-- PROVIDER-ARGS...]\n"
            "\n"
            "An interactive shell over a live virtualization root (default C:\\root): list, read,\n"
            "write, rename, delete, pend and cancel, and see after each command what ProjFS asked\n"
            "the provider. 'help' lists the commands; 'record FILE' saves the session as a scenario.\n"
            "\n"
            "options:\n"
            "  --manifest FILE   the reference provider projects this memtree manifest\n"
            "                    (default: fixtures/trees/walk.manifest)\n"
            "  --provider P      run provider program P (built with prjsim-cc or prjsim_add_provider)\n"
            "                    with PROVIDER-ARGS (default: ROOT) instead of the reference provider;\n"
            "                    it must virtualize ROOT\n"
            "  --drives DIR      host folder holding the drive letters (DIR/C is C:\\)\n"
            "  --registry FILE   seed the registry from a .reg file (or $PRJSIM_REGISTRY)\n"
            "  --no-trace        start with 'trace off'\n"
            "  --trace-file F    at the end, write the session's trace with item states to F\n"
            "                    (`prjsim trace F --html OUT` draws it)\n"
            "  --                end of options\n");
    return out == stdout ? 0 : 2;
}

const char *shell_colour(const shell *sh, const char *sgr)
{
    static _Thread_local char buf[8][16];
    static _Thread_local unsigned next;
    if (!sh->colour)
        return "";
    char *b = buf[next++ % 8];
    snprintf(b, sizeof buf[0], "\033[%sm", sgr);
    return b;
}

int shell_statement(shell *sh, const char *fmt, ...)
{
    char line[8192];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line) {
        fprintf(sh->out, "%sstatement too long%s\n", shell_colour(sh, SH_RED), shell_colour(sh, SH_RESET));
        return SCN_SESSION_MALFORMED;
    }
    char msg[4096] = "";
    int rc = scn_session_run(sh->session, line, msg, sizeof msg);
    if (rc != SCN_SESSION_OK) {
        size_t m = strlen(msg);
        while (m && msg[m - 1] == '\n')
            msg[--m] = 0;
        fprintf(sh->out, "%s%s%s\n", shell_colour(sh, SH_RED), msg, shell_colour(sh, SH_RESET));
        if (rc == SCN_SESSION_FAILED && !strncmp(line, "expect", 6))
            sh->failures++;
    }
    return rc;
}

/* The name `expect` takes for a result; NULL when it has none. */
static const char *result_name(char kind, int32_t code)
{
    if (kind == 'S') {
        const char *n = prjsim_status_name(code);
        if (n)
            return n;
        return code >= 0 ? "success" : prjsim_win32_error_name(prjsim_status_to_win32(code));
    }
    const char *n = prjsim_hresult_name(code);
    return n ? n : code >= 0 ? "success" : NULL;
}

bool shell_expect_result(shell *sh)
{
    char kind;
    bool pending;
    int32_t code = scn_session_result(sh->session, &kind, &pending);
    if (!kind)
        return true;
    if (pending) {
        shell_statement(sh, "expect pending");
        return false;
    }
    const char *name = result_name(kind, code);
    if (name)
        shell_statement(sh, "expect %s", name);
    return true;
}

bool shell_report_result(shell *sh, const char *what)
{
    char kind;
    bool pending;
    int32_t code = scn_session_result(sh->session, &kind, &pending);
    if (pending) {
        prjsim_callback_kind cb = scn_session_oldest_pended(sh->session);
        fprintf(sh->out, "%s%s: waiting on the pended %s (complete or cancel it)%s\n", shell_colour(sh, SH_YELLOW),
                what, cb == PRJSIM_CB_COUNT_ ? "callback" : prjsim_callback_name(cb), shell_colour(sh, SH_RESET));
        return false;
    }
    if (!kind || code >= 0)
        return true;
    char buf[128];
    fprintf(sh->out, "%s%s: %s", shell_colour(sh, SH_RED), what, prjsim_format_code(buf, sizeof buf, code, kind == 'S'));
    if (kind == 'S') {
        const char *w = prjsim_win32_error_name(prjsim_status_to_win32(code));
        if (w)
            fprintf(sh->out, ", %s", w);
    }
    fprintf(sh->out, "%s\n", shell_colour(sh, SH_RESET));
    return false;
}

bool shell_quote(const char *s, char *buf, size_t size)
{
    if (strchr(s, '"'))
        return false;
    int n = snprintf(buf, size, "\"%s\"", s);
    return n >= 0 && (size_t)n < size;
}

char *shell_data_string(const unsigned char *data, size_t len)
{
    char *out = malloc(len * 4 + 3);
    if (!out)
        abort();
    size_t at = 0;
    out[at++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = data[i];
        const char *esc = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '"' ? "\\\"" :
                          c == '\\' ? "\\\\" : NULL;
        if (esc) {
            memcpy(out + at, esc, 2);
            at += 2;
        } else if (c < 0x20 || c == 0x7f) {
            at += (size_t)sprintf(out + at, "\\x%02X", c);
        } else {
            out[at++] = (char)c;
        }
    }
    out[at++] = '"';
    out[at] = 0;
    return out;
}

/* ---- paths ---- */

static bool is_drive_path(const char *s)
{
    return ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) && s[1] == ':';
}

/* Joins @p base and @p rel and resolves `.` and `..` (never above the drive). */
static char *join(const char *base, const char *rel)
{
    size_t n = strlen(base) + strlen(rel) + 4;
    char *all = malloc(n), *out = malloc(n);
    if (!all || !out)
        abort();
    snprintf(all, n, "%s\\%s", base, rel);
    /* drive "C:" then components */
    size_t at = 0;
    out[at++] = all[0];
    out[at++] = ':';
    const char *p = all + 2;
    while (*p) {
        while (*p == '\\' || *p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '\\' && *e != '/')
            e++;
        size_t len = (size_t)(e - p);
        if (len == 0)
            break;
        if (len == 1 && p[0] == '.') {
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (at > 2 && out[at - 1] != '\\')
                at--;
            if (at > 2)
                at--;
        } else {
            out[at++] = '\\';
            memcpy(out + at, p, len);
            at += len;
        }
        p = e;
    }
    if (at == 2)
        out[at++] = '\\';
    out[at] = 0;
    free(all);
    return out;
}

char *shell_full_path(const shell *sh, const char *arg)
{
    if (is_drive_path(arg))
        return join((char[]){arg[0], ':', 0}, arg + 2);
    if (arg[0] == '/' || arg[0] == '\\')
        return join(sh->root, arg);
    return join(sh->cwd, arg);
}

char *shell_relative_path(const shell *sh, const char *full)
{
    size_t n = strlen(sh->root);
    if (strncasecmp(full, sh->root, n) != 0 || (full[n] && full[n] != '\\'))
        return NULL;
    return strdup(full[n] ? full + n + 1 : "");
}

/* ---- the loop ---- */

/* Splits a command line into words: spaces separate, quotes group, backslashes are literal
 * (they are Windows path separators). Returns the count; words point into @p line. */
static int split(char *line, char **argv, int max)
{
    int argc = 0;
    char *r = line, *w = line;
    while (*r) {
        while (*r == ' ' || *r == '\t')
            r++;
        if (!*r || *r == '#')
            break;
        if (argc == max)
            return -1;
        argv[argc++] = w;
        while (*r && *r != ' ' && *r != '\t') {
            if (*r == '"' || *r == '\'') {
                char q = *r++;
                while (*r && *r != q)
                    *w++ = *r++;
                if (*r)
                    r++;
            } else {
                *w++ = *r++;
            }
        }
        if (*r)
            r++;
        *w++ = 0;
    }
    return argc;
}

static void print_trace(shell *sh, size_t from)
{
    prjsim_sim *sim = scn_session_sim(sh->session);
    prjsim_trace_record rec;
    for (size_t i = from; prjsim_trace_get(sim, i, &rec); i++) {
        if (scn_session_trace_hidden(sh->session, i))
            continue;
        const char *c = SH_DIM;
        switch (rec.kind) {
        case PRJSIM_TRACE_OP: c = SH_DIM; break;
        case PRJSIM_TRACE_CALLBACK: c = rec.callback == PRJSIM_CB_NOTIFICATION ? SH_MAGENTA : SH_CYAN; break;
        case PRJSIM_TRACE_API: c = SH_BLUE; break;
        case PRJSIM_TRACE_DIAG: c = SH_RED; break;
        case PRJSIM_TRACE_NOTE: c = SH_YELLOW; break;
        }
        fprintf(sh->out, "    %s%s%s", shell_colour(sh, c), rec.text, shell_colour(sh, SH_RESET));
        if (rec.kind == PRJSIM_TRACE_DIAG)
            fprintf(sh->out, "%s   (explain %s)%s", shell_colour(sh, SH_DIM), prjsim_diag_name(rec.diag),
                    shell_colour(sh, SH_RESET));
        fputc('\n', sh->out);
    }
}

static void run_line(shell *sh, char *line)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", line);
    char *argv[64];
    int argc = split(line, argv, 64);
    if (argc < 0) {
        fprintf(sh->out, "too many words\n");
        return;
    }
    if (argc == 0)
        return;
    const shell_command *cmd = NULL;
    for (size_t i = 0; i < shell_command_count; i++)
        if (!strcmp(argv[0], shell_commands[i].name))
            cmd = &shell_commands[i];
    if (!cmd) {
        fprintf(sh->out, "%s%s: unknown command ('help' lists them)%s\n", shell_colour(sh, SH_RED), argv[0],
                shell_colour(sh, SH_RESET));
        return;
    }
    size_t from = prjsim_trace_count(scn_session_sim(sh->session));
    if (cmd->touches) {
        /* the command line as a comment, then a fresh starting point for its expectations */
        for (char *c = copy; *c; c++)
            if (*c == '\n' || *c == '\r')
                *c = ' ';
        shell_statement(sh, "# %s\nmark", copy);
    }
    cmd->run(sh, argc, argv);
    if (cmd->touches) {
        char *expect = scn_session_describe(sh->session);
        if (expect && expect[0])
            shell_statement(sh, "%s", expect);
        free(expect);
        if (sh->trace)
            print_trace(sh, from);
    }
    fflush(sh->out);
}

static char *setup_text(const char *root, const char *manifest)
{
    size_t n = strlen(root) + (manifest ? strlen(manifest) : 0) + 128;
    char *t = malloc(n);
    if (!t)
        abort();
    if (manifest)
        snprintf(t, n, "root %s\nmanifest \"%s\"\n", root, manifest);
    else
        snprintf(t, n, "root %s\n", root);
    return t;
}

/* The manifest as `manifest` finds it from anywhere: relative to the source tree when it is in
 * it, else absolute. */
static char *manifest_path(const char *given)
{
    char *abs = realpath(given, NULL);
    if (!abs)
        return NULL;
    char *src = realpath(PRJSIM_SOURCE_DIR, NULL);
    size_t n = src ? strlen(src) : 0;
    if (src && !strncmp(abs, src, n) && abs[n] == '/') {
        char *rel = strdup(abs + n + 1);
        free(abs);
        abs = rel;
    }
    free(src);
    return abs;
}

int prjsim_cmd_shell(int argc, char **argv)
{
    /* The bundled walk.manifest: in <prefix>/share/prjsim/trees once installed. */
    char bundled[4096], trees[3000];
    snprintf(bundled, sizeof bundled, "%s/walk.manifest",
             scn_data_dir("trees", trees, sizeof trees) ? trees : PRJSIM_SOURCE_DIR "/fixtures/trees");
    const char *manifest = bundled, *provider = NULL, *drives = NULL;
    const char *registry = getenv("PRJSIM_REGISTRY");
    const char *root = "C:\\root";
    const char *trace_file = NULL;
    bool trace = true, manifest_given = false;
    int args_at = argc;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--")) {
            args_at = i + 1;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            return usage(stdout);
        } else if (!strcmp(a, "--manifest") && has_value) {
            manifest = argv[++i];
            manifest_given = true;
        } else if (!strcmp(a, "--provider") && has_value) {
            provider = argv[++i];
        } else if (!strcmp(a, "--drives") && has_value) {
            drives = argv[++i];
        } else if (!strcmp(a, "--registry") && has_value) {
            registry = argv[++i];
        } else if (!strcmp(a, "--trace-file") && has_value) {
            trace_file = argv[++i];
        } else if (!strcmp(a, "--no-trace")) {
            trace = false;
        } else if (a[0] == '-') {
            fprintf(stderr, "prjsim shell: unknown option '%s'\n", a);
            return usage(stderr);
        } else if (is_drive_path(a) && strlen(a) >= 3 && strlen(a) < 512 && !strchr(a, '"')) {
            root = a;
        } else {
            fprintf(stderr, "prjsim shell: '%s' is not a root (a full path such as C:\\root)\n", a);
            return 2;
        }
    }
    if (provider && manifest_given) {
        fprintf(stderr, "prjsim shell: --manifest is for the reference provider; not with --provider\n");
        return 2;
    }
    if (!provider && args_at < argc) {
        fprintf(stderr, "prjsim shell: arguments after -- are for a provider program (--provider P)\n");
        return 2;
    }
    if (drives && FAILED(prjsim_drives_set_root(drives))) {
        fprintf(stderr, "prjsim shell: cannot use '%s' as the drives folder\n", drives);
        return 2;
    }
    if (registry && *registry) {
        char error[1024];
        if (FAILED(prjsim_registry_load_file(registry, error, sizeof error))) {
            fprintf(stderr, "prjsim shell: %s\n", error);
            return 2;
        }
    }
    char *mpath = NULL;
    if (!provider && !(mpath = manifest_path(manifest))) {
        fprintf(stderr, "prjsim shell: cannot open manifest '%s'\n", manifest);
        return 2;
    }

    scn_run_options opts = {false, false, stderr, NULL, 0, NULL, trace_file, NULL, false, false, NULL, NULL, false, NULL};
    char **pargv = NULL;
    if (provider) {
        int extra = argc - args_at;
        pargv = calloc((size_t)(extra > 0 ? extra : 1) + 2, sizeof *pargv);
        if (!pargv)
            abort();
        pargv[0] = (char *)provider;
        if (extra > 0)
            for (int i = 0; i < extra; i++)
                pargv[1 + i] = argv[args_at + i];
        else
            pargv[1] = (char *)root;
        opts.provider = provider;
        opts.provider_argc = 1 + (extra > 0 ? extra : 1);
        opts.provider_argv = pargv;
    }

    /* A provider program gets fd 0 (and its output is captured from fd 1) while it runs: the
     * shell keeps copies of both taken before it starts. */
    int in_fd = dup(STDIN_FILENO), out_fd = dup(STDOUT_FILENO);
    FILE *in = in_fd >= 0 ? fdopen(in_fd, "r") : NULL;
    FILE *out = out_fd >= 0 ? fdopen(out_fd, "w") : NULL;
    if (!in || !out) {
        fprintf(stderr, "prjsim shell: cannot duplicate stdin/stdout\n");
        free(pargv);
        return 2;
    }
    shell sh;
    memset(&sh, 0, sizeof sh);
    sh.out = out;
    const char *no_colour = getenv("NO_COLOR");
    sh.colour = isatty(out_fd) && !(no_colour && no_colour[0]);
    sh.trace = trace;
    sh.external = provider != NULL;
    snprintf(sh.root, sizeof sh.root, "%s", root);
    for (char *c = sh.root; *c; c++)
        if (*c == '/')
            *c = '\\';
    size_t rl = strlen(sh.root);
    while (rl > 3 && sh.root[rl - 1] == '\\')
        sh.root[--rl] = 0;
    snprintf(sh.cwd, sizeof sh.cwd, "%s", sh.root);

    char *setup = setup_text(sh.root, mpath);
    char msg[4096] = "";
    char *cwd = getcwd(NULL, 0);
    int rc = scn_session_open(&sh.session, setup, cwd, &opts, msg, sizeof msg);
    free(cwd);
    free(setup);
    free(mpath);
    if (rc != SCN_SESSION_OK) {
        fprintf(stderr, "prjsim shell: %s\n", msg);
        fclose(in);
        fclose(out);
        free(pargv);
        return 2;
    }

    bool tty = isatty(in_fd);
    if (tty) {
        rl_instream = in;
        rl_outstream = out;
    }
    if (tty)
        fprintf(sh.out, "prjsim shell: %s projected at %s. 'help' lists the commands, Ctrl+D leaves.\n",
                provider ? provider : "the reference provider", sh.root);
    for (;;) {
        char prompt[1100];
        snprintf(prompt, sizeof prompt, "prjsim %s> ", sh.cwd);
        char *line = NULL;
        if (tty) {
            line = readline(prompt);
            if (!line)
                break;
            if (line[0])
                add_history(line);
        } else {
            size_t cap = 0;
            ssize_t n = getline(&line, &cap, in);
            if (n < 0) {
                free(line);
                break;
            }
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                line[--n] = 0;
            /* a transcript reads like the session it replays */
            fprintf(sh.out, "%s%s\n", prompt, line);
        }
        bool quit = false;
        {
            char probe[16];
            char *a = line;
            while (*a == ' ' || *a == '\t')
                a++;
            snprintf(probe, sizeof probe, "%s", a);
            probe[strcspn(probe, " \t")] = 0;
            quit = !strcmp(probe, "exit") || !strcmp(probe, "quit");
        }
        if (!quit)
            run_line(&sh, line);
        free(line);
        if (quit)
            break;
    }
    if (tty)
        fputc('\n', sh.out);
    fflush(sh.out);
    scn_session_close(sh.session);
    fclose(in);
    fclose(out);
    free(pargv);
    return sh.failures ? 1 : 0;
}
