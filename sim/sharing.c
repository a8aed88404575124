/*
 * NTFS share access (docs/behaviour/sharing.md): every open that asks for data access (read or
 * execute, write or append, delete) declares what it lets later opens do, and an open conflicts
 * with the handles already open on the file in both directions, as IoCheckShareAccess decides.
 * Handles that ask only for attributes take no part. The counts are kept per name of a file;
 * the names of one file (hard links) are checked together.
 */
#include "internal.h"

#include <stdlib.h>

#define READ_BITS (FILE_READ_DATA | FILE_EXECUTE)
#define WRITE_BITS (FILE_WRITE_DATA | FILE_APPEND_DATA)

typedef struct share_counts {
    const prjsim__item *item;
    uint32_t open, readers, writers, deleters, shared_read, shared_write, shared_delete;
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

static bool takes_part(UINT32 access)
{
    return (access & (READ_BITS | WRITE_BITS | DELETE)) != 0;
}

/* The counts of every name of the item's file, summed. */
static share_counts total(const prjsim_sim *sim, const prjsim__item *item)
{
    share_counts t = {item, 0, 0, 0, 0, 0, 0, 0};
    const prjsim__item *name = item;
    do {
        const share_counts *c = find(sim, name);
        if (c) {
            t.open += c->open;
            t.readers += c->readers;
            t.writers += c->writers;
            t.deleters += c->deleters;
            t.shared_read += c->shared_read;
            t.shared_write += c->shared_write;
            t.shared_delete += c->shared_delete;
        }
        name = prjsim__rare(name)->link_next;
    } while (name && name != item);
    return t;
}

NTSTATUS prjsim__share_check(const prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share)
{
    if (!takes_part(access))
        return STATUS_SUCCESS;
    share_counts t = total(sim, item);
    if (!t.open)
        return STATUS_SUCCESS;
    bool conflict = ((access & READ_BITS) && t.shared_read < t.open) ||
                    ((access & WRITE_BITS) && t.shared_write < t.open) ||
                    ((access & DELETE) && t.shared_delete < t.open) ||
                    (!(share & FILE_SHARE_READ) && t.readers) ||
                    (!(share & FILE_SHARE_WRITE) && t.writers) ||
                    (!(share & FILE_SHARE_DELETE) && t.deleters);
    return conflict ? STATUS_SHARING_VIOLATION : STATUS_SUCCESS;
}

void prjsim__share_add(prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share)
{
    if (!takes_part(access))
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
        *c = (share_counts){item, 0, 0, 0, 0, 0, 0, 0};
    }
    c->open++;
    c->readers += (access & READ_BITS) != 0;
    c->writers += (access & WRITE_BITS) != 0;
    c->deleters += (access & DELETE) != 0;
    c->shared_read += (share & FILE_SHARE_READ) != 0;
    c->shared_write += (share & FILE_SHARE_WRITE) != 0;
    c->shared_delete += (share & FILE_SHARE_DELETE) != 0;
}

void prjsim__share_remove(prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share)
{
    share_counts *c = takes_part(access) ? find(sim, item) : NULL;
    if (!c)
        return;
    c->open--;
    c->readers -= (access & READ_BITS) != 0;
    c->writers -= (access & WRITE_BITS) != 0;
    c->deleters -= (access & DELETE) != 0;
    c->shared_read -= (share & FILE_SHARE_READ) != 0;
    c->shared_write -= (share & FILE_SHARE_WRITE) != 0;
    c->shared_delete -= (share & FILE_SHARE_DELETE) != 0;
    if (!c->open) {
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
