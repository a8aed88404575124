/* SPDX-License-Identifier: MIT */
/*
 * The runner's side of the client agent (agent.h): backend "agent", whose operations are
 * requests to the agent connected last. A reader thread hands each reply to the request
 * waiting for it, so requests of several threads are in flight at once (one waiting on a
 * pended callback, another going on). A handle of this backend is the name the agent keeps the
 * real one by.
 */
#include "agent_internal.h"

#include <pthread.h> /* MSVC: windows/msvc/pthread.h */
#include <stdlib.h>
#include <string.h>

typedef struct waiter {
    uint64_t id;
    bool done, discard;
    prjsim_agent_reply reply;
    struct waiter *next;
} waiter;

/* The identity a thread's requests run as (set_caller), as last sent on the connection. */
typedef struct identity {
    bool set;
    uint32_t pid;
    bool is_provider;
    WCHAR image[MAX_PATH + 1];
} identity;

struct prjsim_agent_conn {
    FILE *to, *from;
    pthread_mutex_t lock; /* everything below, and writing to `to` */
    pthread_cond_t changed;
    uint64_t next_id;
    uint64_t next_handle;
    waiter *waiting;
    bool lost;
    identity sent;
    pthread_t reader;
    /* an agent served on a thread of this process */
    bool local;
    pthread_t server;
    const prjsim_backend *served;
    FILE *server_in, *server_out;
};

struct prjsim_backend_file {
    char name[PRJSIM_AGENT_MAX_NAME + 1];
};

/* The connection requests go to, and every token's id, are read and written under shared_lock
 * (a lock rather than C11's atomics, which MSVC's C mode lacks). */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static prjsim_agent_conn *current;
static PRJSIM_THREAD_LOCAL identity mine;

/* A thread's token for cancel_thread: the request that thread is waiting for (0: none). */
typedef struct waiting_token {
    uint64_t id;
} waiting_token;
static PRJSIM_THREAD_LOCAL waiting_token *my_token;

static prjsim_agent_conn *current_conn(void)
{
    pthread_mutex_lock(&shared_lock);
    prjsim_agent_conn *c = current;
    pthread_mutex_unlock(&shared_lock);
    return c;
}

static void set_token(waiting_token *t, uint64_t id)
{
    pthread_mutex_lock(&shared_lock);
    t->id = id;
    pthread_mutex_unlock(&shared_lock);
}

static uint64_t token_id(const waiting_token *t)
{
    pthread_mutex_lock(&shared_lock);
    uint64_t id = t->id;
    pthread_mutex_unlock(&shared_lock);
    return id;
}

/* Reasons of unsupported results are kept for the life of the process: a result's reason is
 * static text to the seam. */
typedef struct reason {
    struct reason *next;
    char text[];
} reason;
static pthread_mutex_t reasons_lock = PTHREAD_MUTEX_INITIALIZER;
static reason *reasons;

static const char *intern(const char *text)
{
    pthread_mutex_lock(&reasons_lock);
    reason *r = reasons;
    while (r && strcmp(r->text, text))
        r = r->next;
    if (!r) {
        r = malloc(sizeof *r + strlen(text) + 1);
        if (!r)
            abort();
        strcpy(r->text, text);
        r->next = reasons;
        reasons = r;
    }
    pthread_mutex_unlock(&reasons_lock);
    return r->text;
}

static void *read_replies(void *arg)
{
    prjsim_agent_conn *c = arg;
    size_t lineno = 0;
    char *line;
    size_t len;
    int got;
    while ((got = prjsim_agent_read_line(c->from, &line, &len)) > 0) {
        lineno++;
        prjsim_agent_reply rp;
        char err[300];
        if (!prjsim_agent_parse_reply(line, len, lineno, &rp, err, sizeof err)) {
            fprintf(stderr, "client agent: reply %s\n", err);
            free(line);
            break;
        }
        free(line);
        if (rp.kind == 'E' && rp.id == 0)
            fprintf(stderr, "client agent: %s\n", rp.reason);
        pthread_mutex_lock(&c->lock);
        waiter *w = c->waiting;
        while (w && w->id != rp.id)
            w = w->next;
        if (w && !w->done) {
            w->reply = rp;
            w->done = true;
            pthread_cond_broadcast(&c->changed);
        } else {
            if (rp.id)
                fprintf(stderr, "client agent: a reply to no request (id %llu)\n", (unsigned long long)rp.id);
            prjsim_agent_reply_free(&rp);
        }
        pthread_mutex_unlock(&c->lock);
    }
    if (got < 0)
        fprintf(stderr, "client agent: a reply longer than %zu bytes\n", PRJSIM_AGENT_MAX_LINE);
    pthread_mutex_lock(&c->lock);
    c->lost = true;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static void unlink_waiter(prjsim_agent_conn *c, waiter *w)
{
    for (waiter **p = &c->waiting; *p; p = &(*p)->next)
        if (*p == w) {
            *p = w->next;
            return;
        }
}

/* Sends @p rq (its id chosen here) with c->lock held; the waiter is linked, and the thread's
 * cancel token (when not NULL) names the request, before the line goes out. */
static waiter *send_locked(prjsim_agent_conn *c, prjsim_agent_request *rq, bool discard, waiting_token *token)
{
    waiter *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    rq->id = w->id = ++c->next_id;
    w->discard = discard;
    w->next = c->waiting;
    c->waiting = w;
    if (token)
        set_token(token, w->id);
    char *line = prjsim_agent_format_request(rq);
    if (fputs(line, c->to) < 0 || fflush(c->to) != 0)
        c->lost = true;
    free(line);
    return w;
}

static bool same(const identity *a, const identity *b)
{
    if (a->set != b->set)
        return false;
    if (!a->set)
        return true;
    if (a->pid != b->pid || a->is_provider != b->is_provider)
        return false;
    size_t i = 0;
    while (a->image[i] && a->image[i] == b->image[i])
        i++;
    return a->image[i] == b->image[i];
}

/*
 * One request and its reply. False (with an unsupported result in *r) when there is no agent
 * or it is gone, or it did not understand the request (the agent's message is printed).
 */
static bool call(prjsim_agent_request *rq, prjsim_agent_reply *rp, prjsim_backend_result *r)
{
    memset(rp, 0, sizeof *rp);
    prjsim_agent_conn *c = current_conn();
    if (!c) {
        *r = prjsim_backend_unsupported("client agent: not started");
        return false;
    }
    pthread_mutex_lock(&c->lock);
    if (!c->lost && !same(&mine, &c->sent)) {
        /* this thread's identity first: the agent reads lines in order */
        prjsim_agent_request id;
        memset(&id, 0, sizeof id);
        id.op = PRJSIM_AGENT_CALLER;
        id.process_id = mine.pid;
        id.flag = mine.is_provider;
        id.path = mine.set ? mine.image : NULL;
        send_locked(c, &id, true, NULL);
        c->sent = mine;
    }
    waiting_token *token = my_token;
    waiter *w = send_locked(c, rq, false, token);
    while (!w->done && !c->lost)
        pthread_cond_wait(&c->changed, &c->lock);
    /* the answers to `caller` before this one are of no interest once they came */
    for (waiter **p = &c->waiting; *p;) {
        waiter *d = *p;
        if (d->discard && d->done) {
            if (d->reply.kind == 'E')
                fprintf(stderr, "client agent: caller: %s\n", d->reply.reason);
            prjsim_agent_reply_free(&d->reply);
            *p = d->next;
            free(d);
        } else {
            p = &d->next;
        }
    }
    unlink_waiter(c, w);
    if (token)
        set_token(token, 0);
    pthread_mutex_unlock(&c->lock);
    bool done = w->done;
    *rp = w->reply;
    free(w);
    if (!done) {
        *r = prjsim_backend_unsupported("client agent: the connection to the agent was lost");
        return false;
    }
    if (rp->kind == 'E') {
        char text[400];
        snprintf(text, sizeof text, "client agent: the agent did not understand %s: %s",
                 prjsim_agent_op_name(rq->op), rp->reason ? rp->reason : "");
        fprintf(stderr, "%s\n", text);
        *r = prjsim_backend_unsupported(intern(text));
        prjsim_agent_reply_free(rp);
        return false;
    }
    if (rp->kind == 'U')
        *r = prjsim_backend_unsupported(intern(rp->reason ? rp->reason : "unsupported"));
    else
        *r = (prjsim_backend_result){rp->kind, rp->code, NULL};
    return true;
}

/* A request of @p op with no outputs of interest. */
static prjsim_backend_result simple(prjsim_agent_request *rq)
{
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    call(rq, &rp, &r);
    prjsim_agent_reply_free(&rp);
    return r;
}

#define REQ(o)                                                                                                         \
    prjsim_agent_request rq;                                                                                           \
    memset(&rq, 0, sizeof rq);                                                                                         \
    rq.op = (o)

static void name_of(prjsim_agent_request *rq, prjsim_backend_file *f) { strcpy(rq->handle, f->name); }

/* The times (creation, access, write, change) and attributes of set-basic and set-times. */
static void set_times_of(prjsim_agent_request *rq, int64_t c, int64_t a, int64_t w, int64_t ch, uint32_t attributes)
{
    rq->times[0] = c;
    rq->times[1] = a;
    rq->times[2] = w;
    rq->times[3] = ch;
    rq->attributes = attributes;
}

static prjsim_backend_result a_open(prjsim_backend_file **out, const prjsim_backend_open *o)
{
    *out = NULL;
    prjsim_agent_conn *c = current_conn();
    prjsim_backend_file *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    uint64_t n = 0;
    if (c) {
        pthread_mutex_lock(&c->lock);
        n = ++c->next_handle;
        pthread_mutex_unlock(&c->lock);
    }
    snprintf(f->name, sizeof f->name, "f%llu", (unsigned long long)n);
    REQ(PRJSIM_AGENT_OPEN);
    name_of(&rq, f);
    rq.path = (WCHAR *)o->path;
    rq.access = o->access;
    rq.share = o->share;
    rq.disposition = o->disposition;
    rq.flags = o->flags;
    rq.attributes = o->attributes;
    prjsim_backend_result r = simple(&rq);
    if (prjsim_backend_failed(r))
        free(f);
    else
        *out = f;
    return r;
}

static prjsim_backend_result a_close(prjsim_backend_file *f)
{
    REQ(PRJSIM_AGENT_CLOSE);
    name_of(&rq, f);
    prjsim_backend_result r = simple(&rq);
    free(f); /* closed, or gone with the agent */
    return r;
}

static prjsim_backend_result a_read(prjsim_backend_file *f, uint64_t offset, void *buf, uint32_t len, uint32_t *got)
{
    REQ(PRJSIM_AGENT_READ);
    name_of(&rq, f);
    rq.offset = offset;
    rq.size = len;
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    *got = 0;
    if (call(&rq, &rp, &r) && rp.has_bytes) {
        size_t n = rp.byte_count < len ? rp.byte_count : len;
        memcpy(buf, rp.bytes, n);
        *got = (uint32_t)n;
    }
    prjsim_agent_reply_free(&rp);
    return r;
}

static prjsim_backend_result a_write(prjsim_backend_file *f, uint64_t offset, const void *buf, uint32_t len,
                                     uint32_t *put)
{
    REQ(PRJSIM_AGENT_WRITE);
    name_of(&rq, f);
    rq.offset = offset;
    rq.data = (unsigned char *)buf;
    rq.data_len = len;
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    *put = 0;
    if (call(&rq, &rp, &r) && rp.has_put)
        *put = rp.put;
    prjsim_agent_reply_free(&rp);
    return r;
}

static prjsim_backend_result a_set_size(prjsim_backend_file *f, uint64_t size)
{
    REQ(PRJSIM_AGENT_SET_SIZE);
    name_of(&rq, f);
    rq.size = size;
    return simple(&rq);
}

static prjsim_backend_result a_set_basic(prjsim_backend_file *f, int64_t c, int64_t a, int64_t w, int64_t ch,
                                         uint32_t attributes)
{
    REQ(PRJSIM_AGENT_SET_BASIC);
    name_of(&rq, f);
    set_times_of(&rq, c, a, w, ch, attributes);
    return simple(&rq);
}

static prjsim_backend_result a_set_disposition(prjsim_backend_file *f, bool del)
{
    REQ(PRJSIM_AGENT_SET_DISPOSITION);
    name_of(&rq, f);
    rq.flag = del;
    return simple(&rq);
}

static prjsim_backend_result a_rename(prjsim_backend_file *f, const WCHAR *to, bool replace)
{
    REQ(PRJSIM_AGENT_RENAME);
    name_of(&rq, f);
    rq.path2 = (WCHAR *)to;
    rq.flag = replace;
    return simple(&rq);
}

static prjsim_backend_result with_info(prjsim_agent_request *rq, prjsim_file_info *info)
{
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    memset(info, 0, sizeof *info);
    if (call(rq, &rp, &r) && rp.has_info)
        *info = rp.info;
    prjsim_agent_reply_free(&rp);
    return r;
}

static prjsim_backend_result a_query_info(prjsim_backend_file *f, prjsim_file_info *info)
{
    REQ(PRJSIM_AGENT_QUERY_INFO);
    name_of(&rq, f);
    return with_info(&rq, info);
}

static prjsim_backend_result with_entries(prjsim_agent_request *rq, prjsim_dir_entry **entries, size_t *count)
{
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    *entries = NULL;
    *count = 0;
    if (call(rq, &rp, &r) && rp.has_entries) {
        *entries = rp.entries;
        *count = rp.entry_count;
        rp.entries = NULL;
    }
    prjsim_agent_reply_free(&rp);
    return r;
}

static prjsim_backend_result a_query_directory(prjsim_backend_file *f, const WCHAR *pattern, uint32_t flags,
                                               uint32_t buffer_bytes, prjsim_dir_entry **entries, size_t *count)
{
    REQ(PRJSIM_AGENT_QUERY_DIRECTORY);
    name_of(&rq, f);
    rq.pattern = (WCHAR *)pattern;
    rq.flags = flags;
    rq.buffer_bytes = buffer_bytes;
    return with_entries(&rq, entries, count);
}

static prjsim_backend_result a_stat(const WCHAR *path, prjsim_file_info *info)
{
    REQ(PRJSIM_AGENT_STAT);
    rq.path = (WCHAR *)path;
    return with_info(&rq, info);
}

static prjsim_backend_result a_set_times(const WCHAR *path, int64_t c, int64_t a, int64_t w, int64_t ch,
                                         uint32_t attributes)
{
    REQ(PRJSIM_AGENT_SET_TIMES);
    rq.path = (WCHAR *)path;
    set_times_of(&rq, c, a, w, ch, attributes);
    return simple(&rq);
}

static prjsim_backend_result a_list(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                    prjsim_dir_entry **entries, size_t *count)
{
    REQ(PRJSIM_AGENT_LIST);
    rq.path = (WCHAR *)path;
    rq.pattern = (WCHAR *)pattern;
    rq.buffer_bytes = buffer_bytes;
    return with_entries(&rq, entries, count);
}

static prjsim_backend_result a_remove(const WCHAR *path, bool directory)
{
    REQ(PRJSIM_AGENT_REMOVE);
    rq.path = (WCHAR *)path;
    rq.flag = directory;
    return simple(&rq);
}

static prjsim_backend_result two_paths(prjsim_agent_op op, const WCHAR *a, const WCHAR *b, bool flag)
{
    REQ(op);
    rq.path = (WCHAR *)a;
    rq.path2 = (WCHAR *)b;
    rq.flag = flag;
    return simple(&rq);
}

static prjsim_backend_result a_move(const WCHAR *from, const WCHAR *to, bool replace)
{
    return two_paths(PRJSIM_AGENT_MOVE, from, to, replace);
}

static prjsim_backend_result a_link(const WCHAR *existing, const WCHAR *new_path)
{
    return two_paths(PRJSIM_AGENT_LINK, existing, new_path, false);
}

static prjsim_backend_result a_symlink(const WCHAR *link, const WCHAR *target, bool directory)
{
    return two_paths(PRJSIM_AGENT_SYMLINK, link, target, directory);
}

static prjsim_backend_result a_mkdir(const WCHAR *path)
{
    REQ(PRJSIM_AGENT_MKDIR);
    rq.path = (WCHAR *)path;
    return simple(&rq);
}

static prjsim_backend_result a_read_file(const WCHAR *path, void **data, size_t *size)
{
    REQ(PRJSIM_AGENT_READ_FILE);
    rq.path = (WCHAR *)path;
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    *data = NULL;
    *size = 0;
    if (call(&rq, &rp, &r) && rp.has_bytes && !prjsim_backend_failed(r)) {
        *data = rp.bytes;
        *size = rp.byte_count;
        rp.bytes = NULL;
    }
    prjsim_agent_reply_free(&rp);
    return r;
}

static prjsim_backend_result a_write_file(const WCHAR *path, const void *data, size_t size)
{
    REQ(PRJSIM_AGENT_WRITE_FILE);
    rq.path = (WCHAR *)path;
    rq.data = (unsigned char *)data;
    rq.data_len = size;
    return simple(&rq);
}

static int32_t a_on_disk_state(const WCHAR *path, PRJ_FILE_STATE *state)
{
    REQ(PRJSIM_AGENT_ON_DISK_STATE);
    rq.path = (WCHAR *)path;
    prjsim_agent_reply rp;
    prjsim_backend_result r;
    *state = (PRJ_FILE_STATE)0;
    int32_t hr = (int32_t)0x800700E9; /* HRESULT_FROM_WIN32(ERROR_PIPE_NOT_CONNECTED) */
    if (call(&rq, &rp, &r) && rp.kind == 'H') {
        hr = rp.code;
        *state = (PRJ_FILE_STATE)rp.state;
    }
    prjsim_agent_reply_free(&rp);
    return hr;
}

static void a_set_caller(const prjsim_caller *caller)
{
    memset(&mine, 0, sizeof mine);
    if (!caller)
        return;
    mine.set = true;
    mine.pid = caller->process_id;
    mine.is_provider = caller->is_provider;
    for (size_t i = 0; caller->image_file_name && caller->image_file_name[i] && i < MAX_PATH; i++)
        mine.image[i] = caller->image_file_name[i];
}

/* `cancel` of an operation going through the agent: the agent cancels the thread running it. */
static void *a_thread_self(void)
{
    waiting_token *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    my_token = t;
    return t;
}

static prjsim_backend_result a_cancel_thread(void *thread)
{
    uint64_t id = token_id(thread);
    if (!id)
        return prjsim_backend_win32_error(1168); /* ERROR_NOT_FOUND: it waits for nothing */
    REQ(PRJSIM_AGENT_CANCEL);
    rq.target = id;
    return simple(&rq);
}

/* On the thread itself, or after it ended (the runner releases a job's token when it frees the
 * joined job): a live thread must not keep pointing at a freed token. */
static void a_thread_release(void *thread)
{
    if (my_token == thread)
        my_token = NULL;
    free(thread);
}

const prjsim_backend prjsim_backend_agent = {
    "agent",
    PRJSIM_BACKEND_CAP_CALLER | PRJSIM_BACKEND_CAP_CANCEL,
    a_open,
    a_close,
    a_read,
    a_write,
    a_set_size,
    a_set_basic,
    a_set_disposition,
    a_rename,
    a_query_info,
    a_query_directory,
    a_stat,
    a_set_times,
    a_list,
    a_remove,
    a_move,
    a_link,
    a_symlink,
    a_mkdir,
    a_read_file,
    a_write_file,
    a_on_disk_state,
    a_set_caller,
    NULL, /* attach: the agent's backend is attached by its own side */
    a_thread_self,
    a_cancel_thread,
    a_thread_release,
};

prjsim_agent_conn *prjsim_agent_connect(FILE *to_agent, FILE *from_agent)
{
    prjsim_agent_conn *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->to = to_agent;
    c->from = from_agent;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->changed, NULL);
    if (pthread_create(&c->reader, NULL, read_replies, c) != 0)
        abort();
    pthread_mutex_lock(&shared_lock);
    current = c;
    pthread_mutex_unlock(&shared_lock);
    return c;
}

static void *serve_thread(void *arg)
{
    prjsim_agent_conn *c = arg;
    prjsim_agent_serve(c->served, c->server_in, c->server_out);
    fclose(c->server_out); /* the runner's reader sees the end */
    return NULL;
}

void prjsim_agent_disconnect(prjsim_agent_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&shared_lock);
    if (current == c)
        current = NULL;
    pthread_mutex_unlock(&shared_lock);
    fclose(c->to); /* the agent's end of input: it finishes what runs and exits */
    if (c->local) {
        pthread_join(c->server, NULL);
        fclose(c->server_in);
    }
    pthread_join(c->reader, NULL);
    fclose(c->from);
    for (waiter *w = c->waiting, *next; w; w = next) {
        next = w->next;
        prjsim_agent_reply_free(&w->reply);
        free(w);
    }
    pthread_cond_destroy(&c->changed);
    pthread_mutex_destroy(&c->lock);
    free(c);
}


prjsim_agent_conn *prjsim_agent_start_local(const prjsim_backend *be)
{
    FILE *server_in, *to_agent, *from_agent, *server_out;
    if (!prjsim__agent_pipe(&server_in, &to_agent))
        return NULL;
    if (!prjsim__agent_pipe(&from_agent, &server_out)) {
        fclose(server_in);
        fclose(to_agent);
        return NULL;
    }
    prjsim_agent_conn *c = prjsim_agent_connect(to_agent, from_agent);
    c->local = true;
    c->served = be;
    c->server_in = server_in;
    c->server_out = server_out;
    if (pthread_create(&c->server, NULL, serve_thread, c) != 0)
        abort();
    return c;
}
