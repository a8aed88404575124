/* SPDX-License-Identifier: MIT */
/*
 * NTFS share access (docs/behaviour/sharing.md): every open that asks for data access (read or
 * execute, write or append, delete) declares what it lets later opens do, and an open conflicts
 * with the handles already open on the file in both directions, as IoCheckShareAccess decides.
 * Handles that ask only for attributes take no part. The counts are kept per name of a file;
 * the names of one file (hard links) are checked together.
 */
#include "internal.h"
#include "share_access.h"

#include <stdlib.h>
#include <string.h>

typedef struct share_counts {
    const prjsim__item *item;
    prjsim__share_access a;
} share_counts;

struct prjsim__sharing {
    share_counts *e;
    size_t count, cap;
};

static share_counts *find(const prjsim_sim *sim, const prjsim__item *item)
{
    const struct prjsim__sharing *s = sim->sharing;
    for (size_t i = 0; s && i < s->count; i++)
        if (s->e[i].item == item)
            return &s->e[i];
    return NULL;
}

/* The counts of every name of the item's file, summed. */
static prjsim__share_access total(const prjsim_sim *sim, const prjsim__item *item)
{
    prjsim__share_access t = {0, 0, 0, 0, 0, 0, 0};
    const prjsim__item *name = item;
    do {
        const share_counts *c = find(sim, name);
        if (c) {
            t.open += c->a.open;
            t.readers += c->a.readers;
            t.writers += c->a.writers;
            t.deleters += c->a.deleters;
            t.shared_read += c->a.shared_read;
            t.shared_write += c->a.shared_write;
            t.shared_delete += c->a.shared_delete;
        }
        name = prjsim__rare(name)->link_next;
    } while (name && name != item);
    return t;
}

NTSTATUS prjsim__share_check(const prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share)
{
    if (!prjsim__share_takes_part(access))
        return STATUS_SUCCESS;
    prjsim__share_access t = total(sim, item);
    return prjsim__share_conflicts(&t, access, share) ? STATUS_SHARING_VIOLATION : STATUS_SUCCESS;
}

void prjsim__share_add(prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share)
{
    if (!prjsim__share_takes_part(access))
        return;
    share_counts *c = find(sim, item);
    if (!c) {
        if (!sim->sharing)
            sim->sharing = prjsim__xcalloc(1, sizeof *sim->sharing);
        struct prjsim__sharing *s = sim->sharing;
        if (s->count == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 16;
            s->e = prjsim__xrealloc(s->e, s->cap * sizeof *s->e);
        }
        c = &s->e[s->count++];
        memset(c, 0, sizeof *c);
        c->item = item;
    }
    prjsim__share_count(&c->a, access, share, +1);
}

void prjsim__share_remove(prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share)
{
    share_counts *c = prjsim__share_takes_part(access) ? find(sim, item) : NULL;
    if (!c)
        return;
    prjsim__share_count(&c->a, access, share, -1);
    if (!c->a.open) {
        struct prjsim__sharing *s = sim->sharing;
        *c = s->e[--s->count];
    }
}

bool prjsim__share_blocks_delete(const prjsim_sim *sim, const prjsim__item *item)
{
    return prjsim__share_check(sim, item, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE) !=
           STATUS_SUCCESS;
}

void prjsim__sharing_free(prjsim_sim *sim)
{
    if (sim->sharing)
        free(sim->sharing->e);
    free(sim->sharing);
    sim->sharing = NULL;
}
