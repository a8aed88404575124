/* SPDX-License-Identifier: MIT */
/*
 * The client agent's serving loop (agent.h): one reader, one thread per request, replies
 * written whole under a lock as requests finish. It knows nothing of the platform: it runs the
 * seam backend it is given, the win32 backend in prjsim-agent and whichever backend the runner
 * uses when it serves in-process on Linux.
 */
#include "agent.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct named {
    char name[PRJSIM_AGENT_MAX_NAME + 1];
    prjsim_backend_file *f;
} named;

/* A request running on its thread, with the token its backend gives for that thread. */
typedef struct running_request {
    uint64_t id;
    void *token;
    struct running_request *next;
} running_request;

typedef struct server {
    const prjsim_backend *be;
    FILE *out;
    pthread_mutex_t lock; /* out, handles, running */
    pthread_cond_t idle;
    size_t running;
    named *handles;
    size_t handle_count;
    running_request *cancellable; /* requests whose thread can be cancelled */
    /* the identity later requests run as (set by `caller`) */
    bool caller_set;
    uint32_t pid;
    bool is_provider;
    WCHAR image[MAX_PATH + 1];
} server;

typedef struct job {
    server *sv;
    prjsim_agent_request rq;
    bool caller_set;
    prjsim_caller caller;
    WCHAR image[MAX_PATH + 1];
} job;

static void send_reply(server *sv, const prjsim_agent_reply *rp)
{
    char *line = prjsim_agent_format_reply(rp);
    pthread_mutex_lock(&sv->lock);
    fputs(line, sv->out);
    fflush(sv->out);
    pthread_mutex_unlock(&sv->lock);
    free(line);
}

static void error_reply(server *sv, uint64_t id, const char *message)
{
    prjsim_agent_reply rp;
    memset(&rp, 0, sizeof rp);
    rp.id = id;
    rp.kind = 'E';
    rp.reason = (char *)message;
    send_reply(sv, &rp);
}

static named *find(server *sv, const char *name)
{
    for (size_t i = 0; i < sv->handle_count; i++)
        if (!strcmp(sv->handles[i].name, name))
            return &sv->handles[i];
    return NULL;
}

static prjsim_backend_file *lookup(server *sv, const char *name)
{
    pthread_mutex_lock(&sv->lock);
    named *n = find(sv, name);
    prjsim_backend_file *f = n ? n->f : NULL;
    pthread_mutex_unlock(&sv->lock);
    return f;
}

/* Keeps @p f under @p name; false when the name is already in use. */
static bool keep(server *sv, const char *name, prjsim_backend_file *f)
{
    pthread_mutex_lock(&sv->lock);
    bool ok = !find(sv, name);
    if (ok) {
        sv->handles = realloc(sv->handles, (sv->handle_count + 1) * sizeof *sv->handles);
        if (!sv->handles)
            abort();
        named *n = &sv->handles[sv->handle_count++];
        strcpy(n->name, name);
        n->f = f;
    }
    pthread_mutex_unlock(&sv->lock);
    return ok;
}

static void forget(server *sv, const char *name)
{
    pthread_mutex_lock(&sv->lock);
    named *n = find(sv, name);
    if (n)
        *n = sv->handles[--sv->handle_count];
    pthread_mutex_unlock(&sv->lock);
}

static bool uses_handle(prjsim_agent_op op)
{
    switch (op) {
    case PRJSIM_AGENT_CLOSE:
    case PRJSIM_AGENT_READ:
    case PRJSIM_AGENT_WRITE:
    case PRJSIM_AGENT_SET_SIZE:
    case PRJSIM_AGENT_SET_BASIC:
    case PRJSIM_AGENT_SET_DISPOSITION:
    case PRJSIM_AGENT_RENAME:
    case PRJSIM_AGENT_QUERY_INFO:
    case PRJSIM_AGENT_QUERY_DIRECTORY: return true;
    default: return false;
    }
}

static void take_result(prjsim_agent_reply *rp, prjsim_backend_result r)
{
    rp->kind = r.kind;
    rp->code = r.code;
    if (r.kind == PRJSIM_BACKEND_UNSUPPORTED)
        rp->reason = (char *)(r.reason ? r.reason : "unsupported");
}

/* Runs one request on the backend; the reply's reason, if any, is static text. */
static void run(server *sv, const prjsim_agent_request *rq, prjsim_agent_reply *rp)
{
    const prjsim_backend *be = sv->be;
    prjsim_backend_file *f = NULL;
    if (uses_handle(rq->op) && !(f = lookup(sv, rq->handle))) {
        rp->kind = 'E';
        rp->reason = (char *)"no open handle by that name";
        return;
    }
    switch (rq->op) {
    case PRJSIM_AGENT_OPEN: {
        prjsim_backend_open o = {rq->path, rq->access, rq->share, rq->disposition, rq->flags, rq->attributes};
        prjsim_backend_file *opened = NULL;
        prjsim_backend_result r = be->open(&opened, &o);
        take_result(rp, r);
        if (!prjsim_backend_failed(r) && !keep(sv, rq->handle, opened)) {
            be->close(opened);
            rp->kind = 'E';
            rp->code = 0;
            rp->reason = (char *)"the handle name is in use (the open's handle is closed again)";
        }
        break;
    }
    case PRJSIM_AGENT_CLOSE:
        forget(sv, rq->handle);
        take_result(rp, be->close(f));
        break;
    case PRJSIM_AGENT_READ: {
        rp->bytes = malloc((size_t)rq->size + 1);
        if (!rp->bytes)
            abort();
        uint32_t got = 0;
        take_result(rp, be->read(f, rq->offset, rp->bytes, (uint32_t)rq->size, &got));
        rp->byte_count = got;
        rp->has_bytes = true;
        break;
    }
    case PRJSIM_AGENT_WRITE:
        take_result(rp, be->write(f, rq->offset, rq->data, (uint32_t)rq->data_len, &rp->put));
        rp->has_put = true;
        break;
    case PRJSIM_AGENT_SET_SIZE: take_result(rp, be->set_size(f, rq->size)); break;
    case PRJSIM_AGENT_SET_BASIC:
        take_result(rp, be->set_basic(f, rq->times[0], rq->times[1], rq->times[2], rq->times[3], rq->attributes));
        break;
    case PRJSIM_AGENT_SET_DISPOSITION: take_result(rp, be->set_disposition(f, rq->flag)); break;
    case PRJSIM_AGENT_RENAME: take_result(rp, be->rename(f, rq->path2, rq->flag)); break;
    case PRJSIM_AGENT_QUERY_INFO:
        take_result(rp, be->query_info(f, &rp->info));
        rp->has_info = !prjsim_backend_failed((prjsim_backend_result){rp->kind, rp->code, NULL});
        break;
    case PRJSIM_AGENT_QUERY_DIRECTORY:
        take_result(rp, be->query_directory(f, rq->pattern, rq->flags, rq->buffer_bytes, &rp->entries,
                                            &rp->entry_count));
        rp->has_entries = rp->kind != PRJSIM_BACKEND_UNSUPPORTED;
        break;
    case PRJSIM_AGENT_STAT:
        take_result(rp, be->stat(rq->path, &rp->info));
        rp->has_info = !prjsim_backend_failed((prjsim_backend_result){rp->kind, rp->code, NULL});
        break;
    case PRJSIM_AGENT_SET_TIMES:
        take_result(rp, be->set_times(rq->path, rq->times[0], rq->times[1], rq->times[2], rq->times[3],
                                      rq->attributes));
        break;
    case PRJSIM_AGENT_LIST:
        take_result(rp, be->list(rq->path, rq->pattern, rq->buffer_bytes, &rp->entries, &rp->entry_count));
        rp->has_entries = rp->kind != PRJSIM_BACKEND_UNSUPPORTED;
        break;
    case PRJSIM_AGENT_REMOVE: take_result(rp, be->remove(rq->path, rq->flag)); break;
    case PRJSIM_AGENT_MOVE: take_result(rp, be->move(rq->path, rq->path2, rq->flag)); break;
    case PRJSIM_AGENT_LINK: take_result(rp, be->link(rq->path, rq->path2)); break;
    case PRJSIM_AGENT_SYMLINK: take_result(rp, be->symlink(rq->path, rq->path2, rq->flag)); break;
    case PRJSIM_AGENT_MKDIR: take_result(rp, be->mkdir(rq->path)); break;
    case PRJSIM_AGENT_READ_FILE: {
        void *data = NULL;
        size_t size = 0;
        take_result(rp, be->read_file(rq->path, &data, &size));
        rp->bytes = data;
        rp->byte_count = size;
        rp->has_bytes = true;
        break;
    }
    case PRJSIM_AGENT_WRITE_FILE: take_result(rp, be->write_file(rq->path, rq->data, rq->data_len)); break;
    case PRJSIM_AGENT_ON_DISK_STATE: {
        PRJ_FILE_STATE state = (PRJ_FILE_STATE)0;
        rp->kind = 'H';
        rp->code = be->on_disk_state(rq->path, &state);
        rp->state = (uint32_t)state;
        rp->has_state = true;
        break;
    }
    case PRJSIM_AGENT_CANCEL: {
        if (!be->cancel_thread) {
            take_result(rp, prjsim_backend_unsupported("client agent: its backend cannot cancel an operation"));
            break;
        }
        /* under the lock: the request's thread releases its token only after taking it */
        pthread_mutex_lock(&sv->lock);
        running_request *x = sv->cancellable;
        while (x && x->id != rq->target)
            x = x->next;
        prjsim_backend_result r = x ? be->cancel_thread(x->token) : prjsim_backend_win32_error(1168); /* ERROR_NOT_FOUND */
        pthread_mutex_unlock(&sv->lock);
        take_result(rp, r);
        break;
    }
    default: break; /* `caller` is taken by the reader */
    }
    if (rp->has_entries && !rp->entries)
        rp->entry_count = 0;
}

static void *job_thread(void *arg)
{
    job *j = arg;
    server *sv = j->sv;
    if (sv->be->set_caller)
        sv->be->set_caller(j->caller_set ? &j->caller : NULL);
    running_request self = {j->rq.id, NULL, NULL};
    if (sv->be->thread_self && j->rq.op != PRJSIM_AGENT_CANCEL && (self.token = sv->be->thread_self())) {
        pthread_mutex_lock(&sv->lock);
        self.next = sv->cancellable;
        sv->cancellable = &self;
        pthread_mutex_unlock(&sv->lock);
    }
    prjsim_agent_reply rp;
    memset(&rp, 0, sizeof rp);
    rp.id = j->rq.id;
    run(sv, &j->rq, &rp);
    if (self.token) {
        pthread_mutex_lock(&sv->lock);
        for (running_request **p = &sv->cancellable; *p; p = &(*p)->next)
            if (*p == &self) {
                *p = self.next;
                break;
            }
        pthread_mutex_unlock(&sv->lock);
        sv->be->thread_release(self.token);
    }
    send_reply(sv, &rp);
    free(rp.bytes);
    free(rp.entries); /* the backend's listing (malloc'd) */
    prjsim_agent_request_free(&j->rq);
    free(j);
    pthread_mutex_lock(&sv->lock);
    sv->running--;
    pthread_cond_broadcast(&sv->idle);
    pthread_mutex_unlock(&sv->lock);
    return NULL;
}

/* `caller`: the identity of the requests read after it (not of those already running). */
static void set_caller(server *sv, const prjsim_agent_request *rq)
{
    sv->caller_set = rq->path != NULL;
    sv->pid = rq->process_id;
    sv->is_provider = rq->flag;
    sv->image[0] = 0;
    if (rq->path) {
        size_t n = 0;
        while (rq->path[n] && n < MAX_PATH) {
            sv->image[n] = rq->path[n];
            n++;
        }
        sv->image[n] = 0;
    }
    prjsim_agent_reply rp;
    memset(&rp, 0, sizeof rp);
    rp.id = rq->id;
    rp.kind = PRJSIM_BACKEND_WIN32;
    send_reply(sv, &rp);
}

size_t prjsim_agent_serve(const prjsim_backend *be, FILE *in, FILE *out)
{
    server sv;
    memset(&sv, 0, sizeof sv);
    sv.be = be;
    sv.out = out;
    pthread_mutex_init(&sv.lock, NULL);
    pthread_cond_init(&sv.idle, NULL);
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    size_t malformed = 0, lineno = 0;
    char *line;
    size_t len;
    int got;
    while ((got = prjsim_agent_read_line(in, &line, &len)) != 0) {
        lineno++;
        char err[300];
        if (got < 0) {
            snprintf(err, sizeof err, "line %zu: longer than %zu bytes", lineno, PRJSIM_AGENT_MAX_LINE);
            error_reply(&sv, 0, err);
            malformed++;
            continue;
        }
        job *j = calloc(1, sizeof *j);
        if (!j)
            abort();
        uint64_t id;
        if (!prjsim_agent_parse_request(line, len, lineno, &j->rq, &id, err, sizeof err)) {
            free(line);
            free(j);
            error_reply(&sv, id, err);
            malformed++;
            continue;
        }
        free(line);
        if (j->rq.op == PRJSIM_AGENT_CALLER) {
            set_caller(&sv, &j->rq);
            prjsim_agent_request_free(&j->rq);
            free(j);
            continue;
        }
        j->sv = &sv;
        j->caller_set = sv.caller_set;
        memcpy(j->image, sv.image, sizeof j->image);
        j->caller.process_id = sv.pid;
        j->caller.image_file_name = j->image;
        j->caller.is_provider = sv.is_provider;
        pthread_mutex_lock(&sv.lock);
        sv.running++;
        pthread_mutex_unlock(&sv.lock);
        pthread_t t;
        if (pthread_create(&t, &detached, job_thread, j) != 0)
            abort();
    }
    pthread_mutex_lock(&sv.lock);
    while (sv.running)
        pthread_cond_wait(&sv.idle, &sv.lock);
    pthread_mutex_unlock(&sv.lock);
    /* what the runner left open, as a process's handles are closed when it exits */
    for (size_t i = 0; i < sv.handle_count; i++)
        be->close(sv.handles[i].f);
    free(sv.handles);
    pthread_attr_destroy(&detached);
    pthread_cond_destroy(&sv.idle);
    pthread_mutex_destroy(&sv.lock);
    return malformed;
}
