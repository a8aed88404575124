/* SPDX-License-Identifier: MIT */
/*
 * Share modes of host files (outside every root): the same rule as the simulator's
 * (sim/share_access.h, docs/behaviour/sharing.md), kept per file (device and inode) for the
 * handles of this process. Other processes' opens are not seen: Linux has no share modes.
 */
#include "files.h"
#include "../sim/share_access.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct host_share {
    prjsim__host_file_key key;
    prjsim__share_access a;
} host_share;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static host_share *table;
static size_t count, cap;

static host_share *find(const prjsim__host_file_key *key)
{
    for (size_t i = 0; i < count; i++)
        if (!memcmp(&table[i].key, key, sizeof *key))
            return &table[i];
    return NULL;
}

DWORD prjsim__host_share_acquire(const prjsim__host_file_key *key, DWORD access, DWORD share)
{
    if (!prjsim__share_takes_part(access))
        return 0;
    pthread_mutex_lock(&lock);
    host_share *s = find(key);
    DWORD err = 0;
    if (s && prjsim__share_conflicts(&s->a, access, share)) {
        err = ERROR_SHARING_VIOLATION;
    } else {
        if (!s) {
            if (count == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                host_share *grown = realloc(table, ncap * sizeof *grown);
                if (!grown) {
                    pthread_mutex_unlock(&lock);
                    return ERROR_NOT_ENOUGH_MEMORY;
                }
                table = grown;
                cap = ncap;
            }
            s = &table[count++];
            memset(s, 0, sizeof *s);
            s->key = *key;
        }
        prjsim__share_count(&s->a, access, share, +1);
    }
    pthread_mutex_unlock(&lock);
    return err;
}

void prjsim__host_share_release(const prjsim__host_file_key *key, DWORD access, DWORD share)
{
    if (!prjsim__share_takes_part(access))
        return;
    pthread_mutex_lock(&lock);
    host_share *s = find(key);
    if (s) {
        prjsim__share_count(&s->a, access, share, -1);
        if (!s->a.open)
            *s = table[--count];
    }
    pthread_mutex_unlock(&lock);
}

DWORD prjsim__host_share_check(const prjsim__host_file_key *key, DWORD access, DWORD share)
{
    pthread_mutex_lock(&lock);
    host_share *s = find(key);
    bool conflict = s && prjsim__share_conflicts(&s->a, access, share);
    pthread_mutex_unlock(&lock);
    return conflict ? ERROR_SHARING_VIOLATION : 0;
}
