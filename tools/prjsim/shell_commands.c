/* SPDX-License-Identifier: MIT */
/*
 * The commands of `prjsim shell`, one function each and one table. A command that touches the
 * root writes scenario statements (conformance/README.md) and, after each operation, the
 * expectations of what it returned, so the session replays as a scenario.
 */
#include "explain.h"
#include "shell.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *state_word(uint32_t st)
{
    if (st & SCN_SESSION_VIRTUAL)
        return "virtual";
    if (st & SCN_SESSION_MISSING)
        return "missing";
    if (st & PRJ_FILE_STATE_TOMBSTONE)
        return "tombstone";
    if (st & PRJ_FILE_STATE_FULL)
        return "full";
    if ((st & PRJ_FILE_STATE_DIRTY_PLACEHOLDER) && (st & PRJ_FILE_STATE_HYDRATED_PLACEHOLDER))
        return "dirty,hydrated";
    if (st & PRJ_FILE_STATE_DIRTY_PLACEHOLDER)
        return "dirty";
    if (st & PRJ_FILE_STATE_HYDRATED_PLACEHOLDER)
        return "hydrated";
    if (st & PRJ_FILE_STATE_PLACEHOLDER)
        return "placeholder";
    return "?";
}

static void attr_letters(UINT32 a, char *buf)
{
    buf[0] = (a & FILE_ATTRIBUTE_DIRECTORY) ? 'd' : '-';
    buf[1] = (a & FILE_ATTRIBUTE_READONLY) ? 'r' : '-';
    buf[2] = (a & FILE_ATTRIBUTE_HIDDEN) ? 'h' : '-';
    buf[3] = (a & FILE_ATTRIBUTE_SYSTEM) ? 's' : '-';
    buf[4] = (a & FILE_ATTRIBUTE_ARCHIVE) ? 'a' : '-';
    buf[5] = (a & FILE_ATTRIBUTE_REPARSE_POINT) ? 'l' : '-';
    buf[6] = 0;
}

static char *entry_path(const char *dir, const WCHAR *name)
{
    char *u = prjsim_trace_utf8(name);
    size_t n = strlen(dir) + strlen(u) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '\\' ? "" : "\\", u);
    free(u);
    return p;
}

static bool is_dot(const WCHAR *n)
{
    return !wcscmp(n, L".") || !wcscmp(n, L"..");
}

/* `list PATH` with its expectations; the listing stays in the session. */
static bool list_dir(shell *sh, const char *full, const char *what)
{
    char q[1100];
    if (!shell_quote(full, q, sizeof q)) {
        fprintf(sh->out, "%s: a path with a quote in it cannot be written\n", full);
        return false;
    }
    shell_statement(sh, "list %s", q);
    shell_expect_result(sh);
    if (!shell_report_result(sh, what))
        return false;
    size_t n;
    const prjsim_dir_entry *e = scn_session_listing(sh->session, &n);
    char line[16384] = "expect listing";
    size_t at = strlen(line);
    for (size_t i = 0; i < n && at < sizeof line - 600; i++) {
        char *u = prjsim_trace_utf8(e[i].name);
        char w[600];
        if (shell_quote(u, w, sizeof w))
            at += (size_t)snprintf(line + at, sizeof line - at, " %s", w);
        free(u);
    }
    shell_statement(sh, "%s", line);
    return true;
}

static int cmd_ls(shell *sh, int argc, char **argv)
{
    bool longf = false;
    const char *arg = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-l"))
            longf = true;
        else if (!arg)
            arg = argv[i];
        else {
            fprintf(sh->out, "usage: ls [-l] [PATH]\n");
            return 1;
        }
    }
    char *full = shell_full_path(sh, arg ? arg : ".");
    if (!list_dir(sh, full, arg ? arg : "ls")) {
        free(full);
        return 1;
    }
    size_t n;
    const prjsim_dir_entry *e = scn_session_listing(sh->session, &n);
    /* copy: state probes below do not list, but keep the code independent of that */
    prjsim_dir_entry *copy = malloc((n + 1) * sizeof *copy);
    if (!copy)
        abort();
    memcpy(copy, e, n * sizeof *copy);
    for (size_t i = 0; i < n; i++) {
        if (is_dot(copy[i].name))
            continue;
        bool dir = copy[i].basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY;
        const char *c = dir ? SH_BLUE : "";
        if (!longf) {
            fprintf(sh->out, "%s%ls%s%s\n", c[0] ? shell_colour(sh, c) : "", copy[i].name, dir ? "\\" : "",
                    c[0] ? shell_colour(sh, SH_RESET) : "");
            continue;
        }
        char *p = entry_path(full, copy[i].name);
        WCHAR *wp = malloc((strlen(p) + 1) * sizeof *wp);
        if (!wp)
            abort();
        mbstowcs(wp, p, strlen(p) + 1);
        uint32_t st = scn_session_state(sh->session, wp);
        if (st & SCN_SESSION_MISSING)
            st = SCN_SESSION_VIRTUAL; /* listed, nothing on disk: a provider program's item */
        free(wp);
        free(p);
        char attrs[8];
        attr_letters(copy[i].basic.FileAttributes, attrs);
        fprintf(sh->out, "%-15s %s %10lld  %s%ls%s%s\n", state_word(st), attrs, (long long)copy[i].basic.FileSize,
                c[0] ? shell_colour(sh, c) : "", copy[i].name, dir ? "\\" : "", c[0] ? shell_colour(sh, SH_RESET) : "");
    }
    free(copy);
    free(full);
    return 0;
}

static void tree_walk(shell *sh, const char *full, int depth)
{
    if (depth > 16 || !list_dir(sh, full, full))
        return;
    size_t n;
    const prjsim_dir_entry *e = scn_session_listing(sh->session, &n);
    prjsim_dir_entry *copy = malloc((n + 1) * sizeof *copy);
    if (!copy)
        abort();
    memcpy(copy, e, n * sizeof *copy);
    for (size_t i = 0; i < n; i++) {
        if (is_dot(copy[i].name))
            continue;
        bool dir = copy[i].basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY;
        fprintf(sh->out, "%*s%s%ls%s%s\n", depth * 2, "", dir ? shell_colour(sh, SH_BLUE) : "", copy[i].name,
                dir ? "\\" : "", dir ? shell_colour(sh, SH_RESET) : "");
        if (dir && !(copy[i].basic.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
            char *p = entry_path(full, copy[i].name);
            tree_walk(sh, p, depth + 1);
            free(p);
        }
    }
    free(copy);
}

static int cmd_tree(shell *sh, int argc, char **argv)
{
    char *full = shell_full_path(sh, argc > 1 ? argv[1] : ".");
    fprintf(sh->out, "%s\n", full);
    tree_walk(sh, full, 1);
    free(full);
    return 0;
}

/* Prints file bytes, at most 4 KiB, ending with a newline. */
static void print_data(shell *sh, const unsigned char *d, size_t n, size_t max_lines)
{
    size_t shown = n < 4096 ? n : 4096, lines = 0, i = 0;
    for (; i < shown; i++) {
        unsigned char c = d[i];
        if (c == '\r' && i + 1 < shown && d[i + 1] == '\n')
            continue; /* CRLF shows as a line end */
        fputc(c == '\n' || c == '\t' || c >= 0x20 ? c : '.', sh->out);
        if (c == '\n' && ++lines == max_lines) {
            i++;
            break;
        }
    }
    if (i && d[i - 1] != '\n')
        fputc('\n', sh->out);
    if (i < n && lines != max_lines)
        fprintf(sh->out, "%s... (%zu bytes in all)%s\n", shell_colour(sh, SH_DIM), n, shell_colour(sh, SH_RESET));
}

static void expect_data(shell *sh)
{
    size_t n;
    const unsigned char *d = scn_session_data(sh->session, &n);
    if (!d)
        return;
    if (n <= 512) {
        char *s = shell_data_string(d, n);
        shell_statement(sh, "expect data %s", s);
        free(s);
    } else {
        shell_statement(sh, "expect data size=%zu", n);
    }
}

static int cmd_cat(shell *sh, int argc, char **argv)
{
    if (argc < 2) {
        fprintf(sh->out, "usage: cat PATH...\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        char *full = shell_full_path(sh, argv[i]);
        char q[1100];
        if (!shell_quote(full, q, sizeof q)) {
            free(full);
            continue;
        }
        free(full);
        shell_statement(sh, "read-file %s", q);
        shell_expect_result(sh);
        if (!shell_report_result(sh, argv[i]))
            continue;
        expect_data(sh);
        size_t n;
        const unsigned char *d = scn_session_data(sh->session, &n);
        print_data(sh, d, n, 0);
    }
    return 0;
}

/* Whether the last step waits on a pended callback: then handle @p h stays open until the
 * operation finishes (await_waiting closes it). */
static bool waits(shell *sh, unsigned h)
{
    bool pending = false;
    scn_session_result(sh->session, NULL, &pending);
    if (pending && h && sh->leftover_count < sizeof sh->leftover / sizeof sh->leftover[0])
        sh->leftover[sh->leftover_count++] = h;
    return pending;
}

/* Opens @p full with the options; returns the handle's number, 0 when it failed or waits. */
static unsigned open_handle(shell *sh, const char *full, const char *what, const char *options)
{
    char q[1100];
    if (!shell_quote(full, q, sizeof q))
        return 0;
    unsigned h = ++sh->handles;
    shell_statement(sh, "open h%u %s %s", h, q, options);
    shell_expect_result(sh);
    bool ok = shell_report_result(sh, what);
    waits(sh, h);
    return ok ? h : 0;
}

static int cmd_head(shell *sh, int argc, char **argv)
{
    size_t lines = 10;
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-n")) {
        lines = (size_t)strtoul(argv[i + 1], NULL, 10);
        i += 2;
    }
    if (i + 1 != argc || !lines) {
        fprintf(sh->out, "usage: head [-n LINES] PATH\n");
        return 1;
    }
    char *full = shell_full_path(sh, argv[i]);
    /* one 4 KiB read through a handle: ProjFS still asks for the whole file */
    unsigned h = open_handle(sh, full, argv[i], "access=read");
    free(full);
    if (!h)
        return 1;
    shell_statement(sh, "read h%u 0 4096", h);
    shell_expect_result(sh);
    if (waits(sh, h)) {
        shell_report_result(sh, argv[i]);
        return 0;
    }
    if (shell_report_result(sh, argv[i])) {
        expect_data(sh);
        size_t n;
        const unsigned char *d = scn_session_data(sh->session, &n);
        print_data(sh, d, n, lines);
    }
    shell_statement(sh, "close h%u", h);
    shell_expect_result(sh);
    return 0;
}

static int cmd_echo(shell *sh, int argc, char **argv)
{
    int redirect = 0;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], ">") || !strcmp(argv[i], ">>"))
            redirect = i;
    size_t cap = 2;
    for (int i = 1; i < argc; i++)
        cap += strlen(argv[i]) + 1;
    char *text = malloc(cap);
    if (!text)
        abort();
    text[0] = 0;
    int end = redirect ? redirect : argc;
    for (int i = 1; i < end; i++) {
        strcat(text, argv[i]);
        if (i + 1 < end)
            strcat(text, " ");
    }
    strcat(text, "\n");
    if (!redirect) {
        fputs(text, sh->out);
        free(text);
        return 0;
    }
    if (redirect + 2 != argc) {
        fprintf(sh->out, "usage: echo TEXT > PATH | echo TEXT >> PATH\n");
        free(text);
        return 1;
    }
    const char *target = argv[redirect + 1];
    char *full = shell_full_path(sh, target);
    char *data = shell_data_string((const unsigned char *)text, strlen(text));
    free(text);
    char q[1100];
    if (!shell_quote(full, q, sizeof q)) {
        free(full);
        free(data);
        return 1;
    }
    if (!strcmp(argv[redirect], ">")) {
        shell_statement(sh, "write-file %s %s", q, data);
        shell_expect_result(sh);
        shell_report_result(sh, target);
    } else {
        unsigned h = open_handle(sh, full, target, "access=read,write disp=open_always");
        if (h) {
            shell_statement(sh, "info h%u", h);
            shell_expect_result(sh);
            prjsim_file_info info;
            bool wait = false;
            if (shell_report_result(sh, target) && scn_session_info(sh->session, &info)) {
                shell_statement(sh, "write h%u %lld %s", h, (long long)info.basic.FileSize, data);
                shell_expect_result(sh);
                wait = waits(sh, h);
                shell_report_result(sh, target);
            }
            if (!wait) {
                shell_statement(sh, "close h%u", h);
                shell_expect_result(sh);
            }
        }
    }
    free(full);
    free(data);
    return 0;
}

static int cmd_touch(shell *sh, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(sh->out, "usage: touch PATH\n");
        return 1;
    }
    char *full = shell_full_path(sh, argv[1]);
    unsigned h = open_handle(sh, full, argv[1], "access=read,write disp=open_always");
    free(full);
    if (!h)
        return 1;
    /* a new last-write time: on a placeholder, that makes it dirty */
    shell_statement(sh, "set-times h%u mtime=%lld", h, (long long)prjsim_sim_now(scn_session_sim(sh->session)));
    shell_expect_result(sh);
    shell_report_result(sh, argv[1]);
    if (waits(sh, h))
        return 0;
    shell_statement(sh, "close h%u", h);
    shell_expect_result(sh);
    return 0;
}

/* A statement on one or two paths: "mkdir %s", "move %s %s", ... */
static int path_op(shell *sh, int argc, char **argv, int paths, const char *stmt, const char *suffix,
                   const char *usage)
{
    if (argc != paths + 1) {
        fprintf(sh->out, "usage: %s\n", usage);
        return 1;
    }
    char q[2][1100];
    for (int i = 0; i < paths; i++) {
        char *full = shell_full_path(sh, argv[1 + i]);
        bool ok = shell_quote(full, q[i], sizeof q[i]);
        free(full);
        if (!ok)
            return 1;
    }
    if (paths == 1)
        shell_statement(sh, "%s %s%s", stmt, q[0], suffix);
    else
        shell_statement(sh, "%s %s %s%s", stmt, q[0], q[1], suffix);
    shell_expect_result(sh);
    return shell_report_result(sh, argv[1]) ? 0 : 1;
}

static int cmd_mkdir(shell *sh, int argc, char **argv)
{
    return path_op(sh, argc, argv, 1, "mkdir", "", "mkdir PATH");
}

static int cmd_rm(shell *sh, int argc, char **argv)
{
    return path_op(sh, argc, argv, 1, "delete", "", "rm PATH");
}

static int cmd_rmdir(shell *sh, int argc, char **argv)
{
    return path_op(sh, argc, argv, 1, "delete", " dir", "rmdir PATH");
}

static int cmd_mv(shell *sh, int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "-f"))
        return path_op(sh, argc - 1, argv + 1, 2, "move", " replace", "mv [-f] FROM TO");
    return path_op(sh, argc, argv, 2, "move", "", "mv [-f] FROM TO");
}

/* ln -s [-d] TARGET NAME: a client makes a symbolic link (CreateSymbolicLinkW; -d: a directory
 * link, SYMBOLIC_LINK_FLAG_DIRECTORY). TARGET is stored as typed: relative to NAME's directory
 * unless it is a full path. */
static int cmd_ln_s(shell *sh, int argc, char **argv)
{
    bool dir = argc == 5 && !strcmp(argv[2], "-d");
    if (argc != 4 && !dir) {
        fprintf(sh->out, "usage: ln -s [-d] TARGET NAME\n");
        return 1;
    }
    const char *target = argv[argc - 2], *name = argv[argc - 1];
    char *full = shell_full_path(sh, name);
    char q[1100], t[1100];
    bool ok = shell_quote(full, q, sizeof q) && shell_quote(target, t, sizeof t);
    free(full);
    if (!ok)
        return 1;
    shell_statement(sh, "symlink %s %s%s", q, t, dir ? " dir" : "");
    shell_expect_result(sh);
    return shell_report_result(sh, name) ? 0 : 1;
}

static int cmd_ln(shell *sh, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "-s"))
        return cmd_ln_s(sh, argc, argv);
    return path_op(sh, argc, argv, 2, "link", "", "ln EXISTING NEW | ln -s [-d] TARGET NAME");
}

static void print_time(shell *sh, const char *what, INT64 ft)
{
    /* FILETIME ticks to UTC, by hand: no host time zone involved */
    long long secs = (long long)(ft / 10000000) - 11644473600LL;
    long long days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    /* civil from days (Howard Hinnant's algorithm) */
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    fprintf(sh->out, "  %-8s %04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ\n", what, y + (m <= 2), m, d, rem / 3600,
            rem / 60 % 60, rem % 60);
}

static bool info_of(shell *sh, const char *arg, prjsim_file_info *info, char *full_out, size_t full_size)
{
    char *full = shell_full_path(sh, arg);
    char q[1100];
    bool ok = shell_quote(full, q, sizeof q);
    snprintf(full_out, full_size, "%s", full);
    free(full);
    if (!ok)
        return false;
    shell_statement(sh, "info %s", q);
    shell_expect_result(sh);
    if (!shell_report_result(sh, arg) || !scn_session_info(sh->session, info))
        return false;
    return true;
}

static void expect_info(shell *sh, const prjsim_file_info *info)
{
    shell_statement(sh, "expect info size=%llu attr=0x%x links=%u", (unsigned long long)info->basic.FileSize,
                    (unsigned)info->basic.FileAttributes, (unsigned)info->link_count);
}

static int cmd_stat(shell *sh, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(sh->out, "usage: stat PATH\n");
        return 1;
    }
    prjsim_file_info info;
    char full[1100];
    if (!info_of(sh, argv[1], &info, full, sizeof full))
        return 1;
    expect_info(sh, &info);
    WCHAR wfull[1100];
    mbstowcs(wfull, full, 1100);
    char attrs[8];
    attr_letters(info.basic.FileAttributes, attrs);
    fprintf(sh->out, "  path     %s\n  type     %s\n  size     %lld\n  attrs    %s (0x%08x)\n  links    %u\n", full,
            info.basic.IsDirectory ? "directory" : "file", (long long)info.basic.FileSize, attrs,
            (unsigned)info.basic.FileAttributes, (unsigned)info.link_count);
    fprintf(sh->out, "  state    %s\n", state_word(scn_session_state(sh->session, wfull)));
    print_time(sh, "created", info.basic.CreationTime.QuadPart);
    print_time(sh, "written", info.basic.LastWriteTime.QuadPart);
    print_time(sh, "changed", info.basic.ChangeTime.QuadPart);
    print_time(sh, "accessed", info.basic.LastAccessTime.QuadPart);
    return 0;
}

static int cmd_attrib(shell *sh, int argc, char **argv)
{
    UINT32 set = 0, clear = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((a[0] == '+' || a[0] == '-') && a[1] && !a[2] && strchr("rRhHsSaA", a[1])) {
            UINT32 bit = strchr("rR", a[1]) ? FILE_ATTRIBUTE_READONLY : strchr("hH", a[1]) ? FILE_ATTRIBUTE_HIDDEN
                         : strchr("sS", a[1]) ? FILE_ATTRIBUTE_SYSTEM : FILE_ATTRIBUTE_ARCHIVE;
            *(a[0] == '+' ? &set : &clear) |= bit;
        } else if (!path) {
            path = a;
        } else {
            path = NULL;
            break;
        }
    }
    if (!path) {
        fprintf(sh->out, "usage: attrib [+r|-r] [+h|-h] [+s|-s] [+a|-a] PATH\n");
        return 1;
    }
    prjsim_file_info info;
    char full[1100];
    if (!info_of(sh, path, &info, full, sizeof full))
        return 1;
    UINT32 a = info.basic.FileAttributes;
    if (set || clear) {
        UINT32 settable = FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM |
                          FILE_ATTRIBUTE_ARCHIVE;
        a = ((a & settable) | set) & ~clear;
        char q[1100];
        shell_quote(full, q, sizeof q);
        char names[128] = "";
        const char *n[] = {"readonly", "hidden", "system", "archive"};
        UINT32 b[] = {FILE_ATTRIBUTE_READONLY, FILE_ATTRIBUTE_HIDDEN, FILE_ATTRIBUTE_SYSTEM, FILE_ATTRIBUTE_ARCHIVE};
        for (int i = 0; i < 4; i++)
            if (a & b[i])
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", names[0] ? "," : "", n[i]);
        shell_statement(sh, "set-attributes %s %s", q, names[0] ? names : "normal");
        shell_expect_result(sh);
        if (!shell_report_result(sh, path))
            return 1;
        if (!info_of(sh, path, &info, full, sizeof full))
            return 1;
        a = info.basic.FileAttributes;
    }
    expect_info(sh, &info);
    fprintf(sh->out, "%c%c%c%c  %s\n", (a & FILE_ATTRIBUTE_ARCHIVE) ? 'A' : ' ', (a & FILE_ATTRIBUTE_SYSTEM) ? 'S' : ' ',
            (a & FILE_ATTRIBUTE_HIDDEN) ? 'H' : ' ', (a & FILE_ATTRIBUTE_READONLY) ? 'R' : ' ', full);
    return 0;
}

static int cmd_state(shell *sh, int argc, char **argv)
{
    if (argc < 2) {
        fprintf(sh->out, "usage: state PATH...\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        char *full = shell_full_path(sh, argv[i]);
        WCHAR wfull[1100];
        mbstowcs(wfull, full, 1100);
        uint32_t st = scn_session_state(sh->session, wfull);
        char names[128], q[1100];
        scn_session_state_name(st, names, sizeof names);
        fprintf(sh->out, "%s: %s\n", argv[i], state_word(st));
        if (shell_quote(full, q, sizeof q))
            shell_statement(sh, "expect state %s %s", q, names);
        free(full);
    }
    return 0;
}

static int cmd_stop(shell *sh, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (sh->external) {
        fprintf(sh->out, "stop: the provider program decides when it stops\n");
        return 1;
    }
    shell_statement(sh, "stop");
    return 0;
}

static int cmd_start(shell *sh, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (sh->external) {
        fprintf(sh->out, "start: the provider program decides when it starts\n");
        return 1;
    }
    shell_statement(sh, "start");
    shell_expect_result(sh);
    return shell_report_result(sh, "start") ? 0 : 1;
}

static int cmd_as(shell *sh, int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "client") || !strcmp(argv[1], "provider"))) {
        shell_statement(sh, "as %s", argv[1]);
        return 0;
    }
    char *end = NULL;
    unsigned long pid = argc >= 2 ? strtoul(argv[1], &end, 10) : 0;
    const char *image = NULL;
    char built[600];
    if (argc == 3 && end && !*end) {
        image = argv[2];
    } else if (argc == 2 && end && *end) {
        /* a bare image name: a made-up pid and a path under C:\prjsim */
        pid = 1000;
        snprintf(built, sizeof built, "%s%s", strchr(argv[1], '\\') ? "" : "C:\\prjsim\\", argv[1]);
        image = built;
    }
    char q[700];
    if (!image || !pid || !shell_quote(image, q, sizeof q)) {
        fprintf(sh->out, "usage: as client | as provider | as IMAGE | as PID IMAGE\n");
        return 1;
    }
    shell_statement(sh, "as process %lu %s", pid, q);
    return 0;
}

static bool callback_arg(shell *sh, const char *name)
{
    if (scn_callback_from_name(name) == PRJSIM_CB_COUNT_) {
        fprintf(sh->out, "%s: not a callback (StartDirectoryEnumeration, GetDirectoryEnumeration, "
                         "EndDirectoryEnumeration, GetPlaceholderInfo, GetFileData, QueryFileName, Notification)\n",
                name);
        return false;
    }
    return true;
}

/* `provider pend|fail CALLBACK [PATH] [RESULT]` */
static int rule(shell *sh, int argc, char **argv, const char *what, bool result)
{
    if (sh->external) {
        fprintf(sh->out, "%s: only the reference provider takes rules\n", argv[0]);
        return 1;
    }
    int want = result ? 3 : 2;
    if ((argc != want && argc != want + 1) || !callback_arg(sh, argv[1])) {
        fprintf(sh->out, "usage: %s CALLBACK [PATH]%s\n", argv[0], result ? " RESULT" : "");
        return 1;
    }
    char q[1100] = "";
    if (argc == want + 1) {
        char *full = shell_full_path(sh, argv[2]);
        char *rel = shell_relative_path(sh, full);
        free(full);
        if (!rel || !shell_quote(rel, q, sizeof q)) {
            fprintf(sh->out, "%s: %s is not under the root\n", argv[0], argv[2]);
            free(rel);
            return 1;
        }
        free(rel);
    }
    shell_statement(sh, "provider %s %s%s%s%s%s", what, argv[1], q[0] ? " " : "", q, result ? " " : "",
                    result ? argv[argc - 1] : "");
    return 0;
}

static int cmd_pend(shell *sh, int argc, char **argv)
{
    return rule(sh, argc, argv, "pend", false);
}

static int cmd_fail(shell *sh, int argc, char **argv)
{
    return rule(sh, argc, argv, "fail", true);
}

/* After a completion or cancel: the waiting operation's outcome, when it has one. */
static void await_waiting(shell *sh)
{
    if (!scn_session_waiting(sh->session))
        return;
    shell_statement(sh, "await");
    bool done = shell_expect_result(sh);
    if (!done) {
        shell_report_result(sh, "still");
        return;
    }
    char kind;
    int32_t code = scn_session_result(sh->session, &kind, NULL);
    char buf[128];
    fprintf(sh->out, "the waiting operation finished: %s\n", prjsim_format_code(buf, sizeof buf, code, kind == 'S'));
    /* the handles its command left open */
    if (!scn_session_waiting(sh->session)) {
        for (size_t i = 0; i < sh->leftover_count; i++) {
            char name[16];
            snprintf(name, sizeof name, "h%u", sh->leftover[i]);
            if (!scn_session_handle_open(sh->session, name))
                continue;
            shell_statement(sh, "close %s", name);
            shell_expect_result(sh);
        }
        sh->leftover_count = 0;
    }
}

static int cmd_complete(shell *sh, int argc, char **argv)
{
    if (sh->external) {
        fprintf(sh->out, "complete: only the reference provider can be told to complete\n");
        return 1;
    }
    const char *cb = argc > 1 && scn_callback_from_name(argv[1]) != PRJSIM_CB_COUNT_ ? argv[1] : NULL;
    const char *result = argc > (cb ? 2 : 1) ? argv[cb ? 2 : 1] : NULL;
    if (argc > (cb ? 3 : 2)) {
        fprintf(sh->out, "usage: complete [CALLBACK] [RESULT]\n");
        return 1;
    }
    if (!cb) {
        prjsim_callback_kind k = scn_session_oldest_pended(sh->session);
        if (k == PRJSIM_CB_COUNT_) {
            fprintf(sh->out, "complete: nothing is pended ('pend CALLBACK' first)\n");
            return 1;
        }
        cb = prjsim_callback_name(k);
    }
    shell_statement(sh, "complete %s%s%s", cb, result ? " " : "", result ? result : "");
    shell_expect_result(sh);
    shell_report_result(sh, "complete");
    await_waiting(sh);
    return 0;
}

static int cmd_cancel(shell *sh, int argc, char **argv)
{
    if (sh->external) {
        fprintf(sh->out, "cancel: only with the reference provider, which pends on request\n");
        return 1;
    }
    if (argc > 2 || (argc == 2 && !callback_arg(sh, argv[1]))) {
        fprintf(sh->out, "usage: cancel [CALLBACK]\n");
        return 1;
    }
    shell_statement(sh, "cancel%s%s", argc == 2 ? " " : "", argc == 2 ? argv[1] : "");
    shell_expect_result(sh);
    shell_report_result(sh, "cancel");
    await_waiting(sh);
    return 0;
}

static int cmd_trace(shell *sh, int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "on") || !strcmp(argv[1], "off"))) {
        sh->trace = !strcmp(argv[1], "on");
        return 0;
    }
    fprintf(sh->out, "trace is %s (trace on|off)\n", sh->trace ? "on" : "off");
    return 0;
}

static int cmd_explain(shell *sh, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(sh->out, "usage: explain DIAGNOSTIC\n");
        return 1;
    }
    return prjsim_explain(sh->out, argv[1]) ? 0 : 1;
}

/* Like SetCurrentDirectory, cd opens the directory: a virtual one becomes a placeholder. */
static int cmd_cd(shell *sh, int argc, char **argv)
{
    if (argc > 2) {
        fprintf(sh->out, "usage: cd [PATH]\n");
        return 1;
    }
    char *full = shell_full_path(sh, argc > 1 ? argv[1] : sh->root);
    char q[1100];
    prjsim_file_info info;
    bool ok = strlen(full) < sizeof sh->cwd && shell_quote(full, q, sizeof q);
    if (ok) {
        shell_statement(sh, "info %s", q);
        shell_expect_result(sh);
        ok = shell_report_result(sh, argc > 1 ? argv[1] : "cd") && scn_session_info(sh->session, &info);
        if (ok && !info.basic.IsDirectory) {
            fprintf(sh->out, "%s: not a directory\n", argv[1]);
            ok = false;
        }
    }
    if (ok)
        snprintf(sh->cwd, sizeof sh->cwd, "%s", full);
    free(full);
    return ok ? 0 : 1;
}

static int cmd_pwd(shell *sh, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(sh->out, "%s\n", sh->cwd);
    return 0;
}

static int cmd_record(shell *sh, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(sh->out, "usage: record FILE.scn\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        fprintf(sh->out, "record: cannot write %s\n", argv[1]);
        return 1;
    }
    fprintf(f, "# Recorded by `prjsim shell`%s; replay with `prjsim run%s FILE`.\n",
            sh->external ? " against a provider program" : "", sh->external ? " --provider P -- ARGS" : "");
    fputs(scn_session_text(sh->session), f);
    bool ok = fclose(f) == 0;
    fprintf(sh->out, ok ? "recorded %s\n" : "record: cannot write %s\n", argv[1]);
    return ok ? 0 : 1;
}

static int cmd_scenario(shell *sh, int argc, char **argv)
{
    if (argc < 2) {
        fprintf(sh->out, "usage: scenario STATEMENT (a line of the scenario language)\n");
        return 1;
    }
    char line[4096] = "";
    for (int i = 1; i < argc; i++) {
        char q[1100];
        bool plain = !strpbrk(argv[i], " \t#") && argv[i][0];
        if (plain || !shell_quote(argv[i], q, sizeof q))
            snprintf(q, sizeof q, "%s", argv[i]);
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", i > 1 ? " " : "", q);
    }
    return shell_statement(sh, "%s", line) == SCN_SESSION_OK ? 0 : 1;
}

static int cmd_help(shell *sh, int argc, char **argv);

const shell_command shell_commands[] = {
    {"ls", "ls [-l] [PATH]", "list a directory; -l adds the state, attributes and size", cmd_ls, true},
    {"tree", "tree [PATH]", "list a directory and everything below it", cmd_tree, true},
    {"cat", "cat PATH...", "read whole files (a first read hydrates a placeholder)", cmd_cat, true},
    {"head", "head [-n LINES] PATH", "read the start of a file through a handle", cmd_head, true},
    {"echo", "echo TEXT [> PATH | >> PATH]", "print TEXT, or write it to a file (replace or append)", cmd_echo, true},
    {"touch", "touch PATH", "create a file, or give it a new last-write time", cmd_touch, true},
    {"mkdir", "mkdir PATH", "create a directory", cmd_mkdir, true},
    {"rm", "rm PATH", "delete a file", cmd_rm, true},
    {"rmdir", "rmdir PATH", "delete an empty directory", cmd_rmdir, true},
    {"mv", "mv [-f] FROM TO", "rename or move (MoveFileEx; -f replaces TO)", cmd_mv, true},
    {"ln", "ln EXISTING NEW | ln -s [-d] TARGET NAME", "a hard link, or a symbolic link (-d: to a directory)", cmd_ln, true},
    {"stat", "stat PATH", "size, attributes, links, state and times", cmd_stat, true},
    {"attrib", "attrib [+r|-r] [+h|-h] [+s|-s] [+a|-a] PATH", "show or change attributes", cmd_attrib, true},
    {"state", "state PATH...", "the on-disk state: virtual, placeholder, hydrated, dirty, full, tombstone",
     cmd_state, true},
    {"stop", "stop", "stop virtualizing (PrjStopVirtualizing)", cmd_stop, true},
    {"start", "start", "start virtualizing again (PrjStartVirtualizing)", cmd_start, true},
    {"as", "as client | as provider | as IMAGE | as PID IMAGE", "who performs the following operations",
     cmd_as, true},
    {"pend", "pend CALLBACK [PATH]", "the provider pends the next such callback (ERROR_IO_PENDING)", cmd_pend, true},
    {"fail", "fail CALLBACK [PATH] RESULT", "the provider fails such callbacks with RESULT", cmd_fail, true},
    {"complete", "complete [CALLBACK] [RESULT]", "the provider completes a pended callback (PrjCompleteCommand)",
     cmd_complete, true},
    {"cancel", "cancel [CALLBACK]", "cancel the operation waiting on a pended callback", cmd_cancel, true},
    {"scenario", "scenario STATEMENT", "run one statement of the scenario language", cmd_scenario, true},
    {"trace", "trace on|off", "print what each command caused (on by default)", cmd_trace, false},
    {"explain", "explain DIAGNOSTIC", "what a diagnostic means and where the reference explains it", cmd_explain,
     false},
    {"record", "record FILE", "save the session so far as a scenario (prjsim run replays it)", cmd_record, false},
    {"cd", "cd [PATH]", "change the current directory (default: the root)", cmd_cd, true},
    {"pwd", "pwd", "print the current directory", cmd_pwd, false},
    {"help", "help [COMMAND]", "this list", cmd_help, false},
};
const size_t shell_command_count = sizeof shell_commands / sizeof shell_commands[0];

static int cmd_help(shell *sh, int argc, char **argv)
{
    for (size_t i = 0; i < shell_command_count; i++) {
        if (argc > 1 && strcmp(argv[1], shell_commands[i].name))
            continue;
        fprintf(sh->out, "  %-44s %s\n", shell_commands[i].synopsis, prjsim_explain_gettext(shell_commands[i].help));
    }
    if (argc == 1)
        fprintf(sh->out, "  %-44s %s\n", "exit", prjsim_explain_gettext("leave (Ctrl+D too)"));
    fprintf(sh->out, "%s\n", prjsim_explain_gettext("Paths are relative to the current directory; /x is under the "
                                                    "root, C:\\x is a full path."));
    return 0;
}
