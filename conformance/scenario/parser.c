/* SPDX-License-Identifier: MIT */
/*
 * The parser: a whole script into statements before anything runs. Each line is one
 * statement; its first word picks the row of statements.h whose parse function reads the
 * rest. The parser also checks what can be checked without running: setup statements first,
 * handles opened before use, known result names, diagnostics and callbacks, terminated blocks.
 * An implicit `start` is placed before the first statement that needs the instance.
 */
#include "internal.h"

#include "../thread_local.h" /* PRJSIM_THREAD_LOCAL, which MSVC needs */

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const struct {
    const char *word;
    scn_parse_fn parse;
    const char *synopsis;
} table[] = {
#define SCN_STMT_ROW_(id, word, parse, run, synopsis) {word, parse, synopsis},
    SCN_STATEMENTS(SCN_STMT_ROW_)
#undef SCN_STMT_ROW_
};

/* The lines of the script, for statements that read a block (`expect trace <<END`). */
typedef struct lines {
    char **line;
    size_t count;
    size_t next; /* index of the line after the current one */
} lines;

static PRJSIM_THREAD_LOCAL lines *cur_lines;

bool scn_error(scn_parser *p, const char *fmt, ...)
{
    if (p->err) {
        fprintf(p->err, "%s:%d: ", p->origin, p->line);
        va_list ap;
        va_start(ap, fmt);
        vfprintf(p->err, fmt, ap);
        va_end(ap);
        fputc('\n', p->err);
    }
    p->errors++;
    return false;
}

void scn_needs_reference(scn_parser *p, const char *why)
{
    if (p->script->needs_reference_line)
        return;
    p->script->needs_reference_line = p->line;
    snprintf(p->script->needs_reference_why, sizeof p->script->needs_reference_why, "%s", why);
}

/* Reads the lines of a block up to the terminator line; returns the text (malloc'd). */
bool scn_read_block(scn_parser *p, const char *terminator, char **out)
{
    lines *ls = cur_lines;
    size_t cap = 256, len = 0;
    char *text = malloc(cap);
    if (!text)
        abort();
    text[0] = 0;
    int start = p->line;
    while (ls && ls->next < ls->count) {
        const char *raw = ls->line[ls->next++];
        const char *a = raw;
        while (*a == ' ' || *a == '\t')
            a++;
        size_t n = strlen(a);
        while (n && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\r'))
            n--;
        if (n == strlen(terminator) && strncmp(a, terminator, n) == 0) {
            *out = text;
            return true;
        }
        size_t rn = strlen(raw);
        while (rn && raw[rn - 1] == '\r')
            rn--;
        while (len + rn + 2 > cap) {
            cap *= 2;
            text = realloc(text, cap);
            if (!text)
                abort();
        }
        memcpy(text + len, raw, rn);
        len += rn;
        text[len++] = '\n';
        text[len] = 0;
    }
    free(text);
    p->line = start;
    return scn_error(p, "unterminated block: no line '%s' after '<<%s'", terminator, terminator);
}

/* ---- argument helpers ---- */

bool scn_unexpected(scn_parser *p, const scn_tok *t)
{
    return scn_error(p, "unexpected argument '%s' in column %d", t->text, t->col);
}

static bool is_full_path(const char *s)
{
    return ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) && s[1] == ':' &&
           (s[2] == '\\' || s[2] == '/' || s[2] == 0);
}

bool scn_want_full_path(scn_parser *p, const scn_tok *t, scn_stmt *st, bool second)
{
    if (!t)
        return scn_error(p, "missing path (a full path such as C:\\root\\a.txt)");
    if (t->comma || !is_full_path(t->text))
        return scn_error(p, "expected a full path such as C:\\root\\a.txt, got '%s'", t->text);
    if (second) {
        st->path2 = scn_wide(t->text);
    } else {
        st->path = scn_wide(t->text);
        st->upath = scn_strdup(t->text);
    }
    return true;
}

bool scn_want_relative_path(scn_parser *p, const scn_tok *t, scn_stmt *st)
{
    if (!t)
        return scn_error(p, "missing path (relative to the root, such as dir1\\a.txt; \"\" is the root)");
    if (t->comma || is_full_path(t->text))
        return scn_error(p, "expected a path relative to the root such as dir1\\a.txt, got '%s'", t->text);
    st->path = scn_wide(t->text);
    st->upath = scn_strdup(t->text);
    return true;
}

bool scn_handle_declared(scn_parser *p, const char *name)
{
    for (size_t i = 0; i < p->handle_count; i++)
        if (strcmp(p->handles[i], name) == 0)
            return true;
    return false;
}

static bool valid_handle_name(const char *s)
{
    if (!*s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

bool scn_is_handle(scn_parser *p, const scn_tok *t)
{
    return t && !t->quoted && !t->key && scn_handle_declared(p, t->text);
}

bool scn_want_handle(scn_parser *p, const scn_tok *t, char **out)
{
    if (!t)
        return scn_error(p, "missing handle name");
    if (!valid_handle_name(t->text) || t->quoted)
        return scn_error(p, "expected a handle name such as h1, got '%s'", t->text);
    if (!scn_handle_declared(p, t->text))
        return scn_error(p, "handle '%s' is not open (open it with 'open %s PATH' first)", t->text, t->text);
    *out = scn_strdup(t->text);
    return true;
}

static void declare_handle(scn_parser *p, const char *name)
{
    p->handles = realloc(p->handles, (p->handle_count + 1) * sizeof *p->handles);
    if (!p->handles)
        abort();
    p->handles[p->handle_count++] = scn_strdup(name);
}

static void forget_handle(scn_parser *p, const char *name)
{
    for (size_t i = 0; i < p->handle_count; i++)
        if (strcmp(p->handles[i], name) == 0) {
            free(p->handles[i]);
            p->handles[i] = p->handles[--p->handle_count];
            return;
        }
}

bool scn_want_codes(scn_parser *p, const char *text, scn_codes *out)
{
    memset(out, 0, sizeof *out);
    const char *s = text;
    for (;;) {
        const char *e = strchr(s, '|');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(n < 127 ? n : 127), s);
        if (!name[0])
            return scn_error(p, "empty result name in '%s'", text);
        if (out->count == SCN_MAX_CODES)
            return scn_error(p, "too many alternatives (at most %d)", SCN_MAX_CODES);
        int i = out->count;
        INT32 v = 0;
        char kind = 0;
        if (strcasecmp(name, "success") == 0) {
            kind = 's';
        } else if (strcasecmp(name, "pending") == 0) {
            kind = 'p';
        } else if (!prjsim_code_from_name(name, &v, &kind)) {
            return scn_error(p, "unknown status name '%s' (use an NTSTATUS such as STATUS_NO_MORE_FILES, a "
                                "Win32 error such as ERROR_FILE_NOT_FOUND, or an HRESULT such as S_OK)",
                             name);
        }
        out->value[i] = v;
        out->kind[i] = kind;
        out->name[i] = scn_strdup(name);
        out->count++;
        if (!e)
            break;
        s = e + 1;
    }
    return true;
}

bool scn_want_number(scn_parser *p, const scn_tok *t, const char *what, bool suffix, uint64_t *out)
{
    const char *s = t ? (t->key ? t->value : t->text) : NULL;
    if (!t)
        return scn_error(p, "missing %s", what);
    if (!scn_number(s, suffix, out))
        return scn_error(p, "bad %s '%s' (a number%s)", what, s, suffix ? ", optionally with K, M or G" : "");
    return true;
}

bool scn_want_data(scn_parser *p, const scn_tok *t, scn_stmt *st)
{
    if (!t)
        return scn_error(p, "missing data (a quoted string such as \"Hello\\n\")");
    char err[160];
    const char *raw = t->key ? t->value : t->text;
    if (!scn_unescape(raw, &st->data, &st->data_len, err, sizeof err))
        return scn_error(p, "%s", err);
    st->has_data = true;
    return true;
}

/* ---- statements ---- */

static bool needs_instance(scn_stmt_id id)
{
    return !scn_is_setup_statement(id) && id != SCN_ITEM && id != SCN_DIRECTORY && id != SCN_START &&
           id != SCN_AS && id != SCN_STORE;
}

/* Does the statement produce a result that `expect RESULT` checks? */
static bool produces_result(const scn_stmt *st)
{
    switch (st->id) {
    case SCN_OPEN: case SCN_CREATE: case SCN_CLOSE: case SCN_READ: case SCN_WRITE: case SCN_SET_SIZE:
    case SCN_SET_ATTRIBUTES: case SCN_SET_TIMES: case SCN_INFO: case SCN_LIST: case SCN_DELETE:
    case SCN_UNDELETE: case SCN_RENAME: case SCN_MOVE: case SCN_LINK: case SCN_SYMLINK: case SCN_MKDIR: case SCN_READ_FILE:
    case SCN_WRITE_FILE: case SCN_CLEAR_CACHE: case SCN_COMPLETE: case SCN_CANCEL: case SCN_AWAIT:
    case SCN_START:
        return true;
    case SCN_PROVIDER:
        return st->sub == PV_UPDATE || st->sub == PV_DELETE || st->sub == PV_WRITE_PLACEHOLDER ||
               st->sub == PV_MARK || st->sub == PV_MARK_ROOT || st->sub == PV_COMPLETE_COMMAND;
    default:
        return false;
    }
}

static scn_stmt *append(scn_script *s)
{
    s->stmts = realloc(s->stmts, (s->count + 1) * sizeof *s->stmts);
    if (!s->stmts)
        abort();
    scn_stmt *st = &s->stmts[s->count++];
    memset(st, 0, sizeof *st);
    return st;
}

static void statement_free(scn_stmt *st)
{
    free(st->handle);
    free(st->handle2);
    free(st->path);
    free(st->path2);
    free(st->upath);
    free(st->data);
    free(st->text);
    for (int i = 0; i < st->codes.count; i++)
        free(st->codes.name[i]);
    for (size_t i = 0; i < st->name_count; i++)
        free(st->names[i]);
    free(st->names);
    for (size_t i = 0; i < st->event_count; i++) {
        free(st->events[i].path);
        free(st->events[i].dest);
        free(st->events[i].image);
        free(st->events[i].search);
        free(st->events[i].content_id);
    }
    free(st->events);
}

void scn_script_free(scn_script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        statement_free(&s->stmts[i]);
    free(s->stmts);
    free(s->origin);
    free(s->dir);
    free(s->xfail);
    for (size_t i = 0; i < s->setup.mapping_count; i++)
        free((void *)s->setup.mappings[i].NotificationRoot);
    free(s->setup.mappings);
    free(s);
}

/* Edit distance, for "did you mean" hints (words are short). */
static size_t distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40)
        return 99;
    size_t d[41][41];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            /* a swap of two neighbours counts as one edit */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
                d[i][j] = d[i - 2][j - 2] + 1;
        }
    return d[n][m];
}

/* Words a script would use for extended attributes, which the simulator does not model. */
static bool is_extended_attribute_word(const char *w)
{
    static const char *const words[] = {"ea", "eas", "set-ea", "query-ea", "get-ea", "set-eas", "query-eas",
                                        "xattr", "set-xattr", "get-xattr", "extended-attributes"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(w, words[i]))
            return true;
    return false;
}

static const char *closest(const char *word)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        size_t d = distance(word, table[i].word);
        if (d < best_d) {
            best_d = d;
            best = table[i].word;
        }
    }
    return best;
}

static void parse_line(scn_parser *p, const char *raw)
{
    scn_line l;
    char err[256];
    p->raw = raw;
    if (!scn_lex(raw, &l, err, sizeof err)) {
        scn_error(p, "%s", err);
        return;
    }
    if (l.count == 0) {
        scn_line_free(&l);
        return;
    }
    const scn_tok *w = &l.tok[0];
    int found = -1;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!w->quoted && !w->key && strcmp(table[i].word, w->text) == 0)
            found = (int)i;
    if (found < 0 && !w->quoted && !w->key && is_extended_attribute_word(w->text)) {
        scn_error(p, "'%s': extended attributes (NtSetEaFile, NtQueryEaFile, FILE_FULL_EA_INFORMATION) are "
                     "not modelled by the simulator, so a scenario cannot set or check them "
                     "(docs/behaviour/README.md, \"Not modelled\")", w->text);
        scn_line_free(&l);
        return;
    }
    if (found < 0) {
        const char *hint = closest(w->text);
        if (hint)
            scn_error(p, "unknown statement '%s' (did you mean '%s'?)", w->text, hint);
        else
            scn_error(p, "unknown statement '%s'", w->text);
        scn_line_free(&l);
        return;
    }
    scn_stmt_id id = (scn_stmt_id)found;
    if (scn_is_setup_statement(id) && p->setup_over) {
        scn_error(p, "'%s' is a setup statement: put it before the first operation", w->text);
        scn_line_free(&l);
        return;
    }
    if (needs_instance(id)) {
        p->setup_over = true;
        if (!p->started) {
            scn_stmt *s = append(p->script);
            s->id = SCN_START;
            s->line = p->line;
            s->synthetic = true;
            p->started = true;
        }
    }
    if (id == SCN_START)
        p->started = true;
    if (id == SCN_START || id == SCN_STORE)
        p->setup_over = true;
    scn_stmt *st = append(p->script);
    st->id = id;
    st->line = p->line;
    int errors = p->errors;
    bool ok = table[found].parse(p, st, &l);
    if (!ok && p->errors == errors)
        scn_error(p, "bad '%s' statement (usage: %s)", w->text, table[found].synopsis);
    if (ok) {
        if (id == SCN_OPEN || id == SCN_CREATE) {
            if (scn_handle_declared(p, st->handle)) {
                scn_error(p, "handle '%s' is already open (close it first, or use another name)", st->handle);
            } else {
                declare_handle(p, st->handle);
            }
        } else if (id == SCN_CLOSE) {
            forget_handle(p, st->handle);
        }
    }
    scn_line_free(&l);
}

/* Statements whose result nobody checks must succeed: mark those an `expect RESULT` checks. */
static void mark_checked(scn_script *s)
{
    for (size_t i = 0; i < s->count; i++) {
        if (!produces_result(&s->stmts[i]))
            continue;
        for (size_t j = i + 1; j < s->count && s->stmts[j].id == SCN_EXPECT; j++)
            if (s->stmts[j].sub == EX_RESULT) {
                s->stmts[i].checked = true;
                break;
            }
    }
}

static void setup_defaults(scn_setup *s)
{
    wcscpy(s->root, L"C:\\root");
    strcpy(s->root_utf8, "C:\\root");
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    s->sim = o;
    memtree_options t = MEMTREE_OPTIONS_INIT;
    s->tree = t;
    s->notifications = true;
    s->cancel = true;
}

int scn_parse_text(scn_script **out, const char *text, const char *origin, const char *dir, FILE *err)
{
    *out = NULL;
    scn_script *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->origin = scn_strdup(origin ? origin : "<script>");
    s->dir = scn_strdup(dir ? dir : ".");
    setup_defaults(&s->setup);
    scn_parser p;
    memset(&p, 0, sizeof p);
    p.origin = s->origin;
    p.dir = s->dir;
    p.err = err;
    p.script = s;
    memtree_create(&p.scratch);

    /* split into lines */
    lines ls = {0};
    if (text[0] == '\xEF' && text[1] == '\xBB' && text[2] == '\xBF')
        text += 3;
    for (const char *a = text; *a;) {
        const char *e = strchr(a, '\n');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        ls.line = realloc(ls.line, (ls.count + 1) * sizeof *ls.line);
        if (!ls.line)
            abort();
        char *line = malloc(n + 1);
        if (!line)
            abort();
        memcpy(line, a, n);
        line[n] = 0;
        if (n && line[n - 1] == '\r')
            line[n - 1] = 0;
        ls.line[ls.count++] = line;
        a = e ? e + 1 : a + n;
    }
    lines *saved = cur_lines;
    cur_lines = &ls;
    while (ls.next < ls.count) {
        p.line = (int)ls.next + 1;
        const char *raw = ls.line[ls.next++];
        parse_line(&p, raw);
    }
    cur_lines = saved;
    if (!s->count && !p.errors) {
        /* nothing but blank lines and comments: a PASS would claim a check that never ran */
        p.line = 1;
        scn_error(&p, "empty scenario: no statement to run");
    }
    if (!p.started && s->count) {
        /* only setup statements: start anyway, so that the setup itself is checked */
        scn_stmt *st = append(s);
        st->id = SCN_START;
        st->line = (int)ls.count;
        st->synthetic = true;
    }
    for (size_t i = 0; i < ls.count; i++)
        free(ls.line[i]);
    free(ls.line);
    for (size_t i = 0; i < p.handle_count; i++)
        free(p.handles[i]);
    free(p.handles);
    memtree_destroy(p.scratch);
    if (p.errors) {
        scn_script_free(s);
        return SCN_EXIT_MALFORMED;
    }
    mark_checked(s);
    *out = s;
    return SCN_EXIT_PASS;
}

int scn_parse_file(scn_script **out, const char *path, FILE *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err)
            fprintf(err, "%s: cannot open: %s\n", path, strerror(errno));
        return SCN_EXIT_MALFORMED;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        /* fopen opens a directory on Linux and reads it as empty */
        if (err)
            fprintf(err, "%s: is a directory (give its scenario files, such as %s/*.scn)\n", path, path);
        fclose(f);
        return SCN_EXIT_MALFORMED;
    }
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    if (!text)
        abort();
    size_t n;
    while ((n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            text = realloc(text, cap);
            if (!text)
                abort();
        }
    }
    bool read_error = ferror(f);
    int read_errno = errno;
    fclose(f);
    if (read_error) {
        if (err)
            fprintf(err, "%s: cannot read: %s\n", path, strerror(read_errno));
        free(text);
        return SCN_EXIT_MALFORMED;
    }
    text[len] = 0;
    if (memchr(text, 0, len)) {
        if (err)
            fprintf(err, "%s: not a text file (it holds NUL bytes)\n", path);
        free(text);
        return SCN_EXIT_MALFORMED;
    }
    char *dir = scn_strdup(path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        strcpy(dir, ".");
    int rc = scn_parse_text(out, text, path, dir, err);
    free(dir);
    free(text);
    return rc;
}
