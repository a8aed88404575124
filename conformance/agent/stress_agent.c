/* SPDX-License-Identifier: MIT */
/*
 * Stress for the client agent (run under TSan in CI, the stress_ tests): threads of the runner
 * send requests through one agent at once, each as its own caller, while the agent runs each
 * on a thread of its own. Every reply must be the one to its own request and carry its own
 * thread's caller identity (the `caller` line sent before a request must not be overtaken by
 * another thread's).
 *   agent-stress [THREADS] [REQUESTS-PER-THREAD]
 */
#include "fake_backend.h"

#include <stdio.h>

static int requests = 400;
static _Atomic int wrong;

static void *client(void *arg)
{
    uint32_t pid = (uint32_t)(uintptr_t)arg;
    WCHAR image[32];
    swprintf(image, 32, L"C:\\p%u.exe", (unsigned)pid);
    prjsim_caller who = {pid, image, false};
    const prjsim_backend *be = &prjsim_backend_agent;
    WCHAR path[64];
    for (int i = 0; i < requests; i++) {
        /* now and then as nobody in particular (the default caller) */
        bool anonymous = i % 100 == 25;
        be->set_caller(anonymous ? NULL : &who);
        uint32_t expected = anonymous ? 0 : pid;
        size_t len = (size_t)swprintf(path, 64, L"C:\\t%u\\%d", (unsigned)pid, i);
        prjsim_file_info info;
        prjsim_backend_result r = be->stat(path, &info);
        if (r.kind != 'W' || r.code != 0 || info.link_count != expected || info.basic.FileSize != (INT64)len) {
            fprintf(stderr, "thread %u request %d: kind %c code %d links %u size %lld\n", (unsigned)pid, i, r.kind,
                    r.code, (unsigned)info.link_count, (long long)info.basic.FileSize);
            wrong++;
        }
        if (i % 10 == 0) {
            prjsim_backend_open o = {L"C:\\root\\a.txt", 0x80000000u, 7, 3, 0, 0};
            prjsim_backend_file *f = NULL;
            char buf[8];
            uint32_t got = 0;
            if (be->open(&f, &o).code != 0 || be->read(f, 0, buf, 5, &got).code != 0 || got != 5 ||
                memcmp(buf, "hello", 5) || be->close(f).code != 0) {
                fprintf(stderr, "thread %u request %d: open, read, close went wrong\n", (unsigned)pid, i);
                wrong++;
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 8;
    if (argc > 2)
        requests = atoi(argv[2]);
    if (threads < 1 || threads > 256 || requests < 1) {
        fprintf(stderr, "usage: agent-stress [THREADS 1-256] [REQUESTS-PER-THREAD]\n");
        return 2;
    }
    prjsim_agent_conn *c = prjsim_agent_start_local(&fake_backend);
    if (!c)
        return 2;
    pthread_t t[256];
    for (int i = 0; i < threads; i++)
        pthread_create(&t[i], NULL, client, (void *)(uintptr_t)(1000 + i));
    for (int i = 0; i < threads; i++)
        pthread_join(t[i], NULL);
    prjsim_agent_disconnect(c);
    printf("agent-stress: %d threads x %d requests, %d wrong\n", threads, requests, (int)wrong);
    return wrong ? 1 : 0;
}
