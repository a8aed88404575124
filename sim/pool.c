/* SPDX-License-Identifier: MIT */
/*
 * The callback thread pool (section 6.8): PoolThreadCount workers take callbacks from a queue,
 * at most ConcurrentThreadCount of them running at once. A client operation whose callback is
 * queued waits for it; when every worker is busy it waits for one to free up, as on Windows.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct job {
    struct job *next;
    const PRJ_CALLBACKS *cb;
    prjsim__call *call;
    const PRJ_CALLBACK_DATA *data;
    prjsim__command *cmd;
    HRESULT hr;
    bool done;
} job;

struct prjsim__pool {
    pthread_mutex_t lock;
    pthread_cond_t work;    /* a job was queued, a slot freed, or stop */
    pthread_cond_t done;    /* a job finished */
    job *head, *tail;
    UINT32 concurrent, running;
    pthread_t *threads;
    UINT32 thread_count;
    bool stop;
};

static void *worker(void *arg)
{
    prjsim__pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && (!p->head || p->running >= p->concurrent))
            pthread_cond_wait(&p->work, &p->lock);
        if (p->stop)
            break;
        job *j = p->head;
        p->head = j->next;
        if (!p->head)
            p->tail = NULL;
        p->running++;
        pthread_mutex_unlock(&p->lock);
        HRESULT hr = prjsim__invoke(j->cb, j->call, j->data, j->cmd);
        pthread_mutex_lock(&p->lock);
        p->running--;
        j->hr = hr;
        j->done = true;
        pthread_cond_broadcast(&p->done);
        pthread_cond_broadcast(&p->work);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

prjsim__pool *prjsim__pool_create(UINT32 threads, UINT32 concurrent)
{
    prjsim__pool *p = prjsim__xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    p->concurrent = concurrent ? concurrent : 1;
    p->threads = prjsim__xcalloc(threads ? threads : 1, sizeof *p->threads);
    for (UINT32 i = 0; i < (threads ? threads : 1); i++)
        if (pthread_create(&p->threads[i], NULL, worker, p) == 0)
            p->thread_count++;
    return p;
}

void prjsim__pool_destroy(prjsim__pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (UINT32 i = 0; i < p->thread_count; i++)
        pthread_join(p->threads[i], NULL);
    free(p->threads);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

HRESULT prjsim__pool_run(prjsim__pool *p, const PRJ_CALLBACKS *cb, prjsim__call *call,
                         const PRJ_CALLBACK_DATA *data, prjsim__command *cmd)
{
    job j;
    memset(&j, 0, sizeof j);
    j.cb = cb;
    j.call = call;
    j.data = data;
    j.cmd = cmd;
    pthread_mutex_lock(&p->lock);
    if (p->tail)
        p->tail->next = &j;
    else
        p->head = &j;
    p->tail = &j;
    pthread_cond_broadcast(&p->work);
    while (!j.done)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
    return j.hr;
}
