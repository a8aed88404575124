/* SPDX-License-Identifier: MIT */
/*
 * The NTFS share-access rule (docs/behaviour/sharing.md), shared by the simulator (sharing.c)
 * and the Win32 layer's host files (win32/host_sharing.c): the counts of the handles open on one
 * file, and whether a new open conflicts with them, as IoCheckShareAccess decides.
 */
#ifndef PRJSIM_SHARE_ACCESS_H
#define PRJSIM_SHARE_ACCESS_H

#include <windows.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct prjsim__share_access {
    uint32_t open, readers, writers, deleters, shared_read, shared_write, shared_delete;
} prjsim__share_access;

#define PRJSIM__SHARE_READ_BITS (FILE_READ_DATA | FILE_EXECUTE)
#define PRJSIM__SHARE_WRITE_BITS (FILE_WRITE_DATA | FILE_APPEND_DATA)

/* Opens that ask only for attributes take no part. */
static inline bool prjsim__share_takes_part(UINT32 access)
{
    return (access & (PRJSIM__SHARE_READ_BITS | PRJSIM__SHARE_WRITE_BITS | DELETE)) != 0;
}

static inline bool prjsim__share_conflicts(const prjsim__share_access *t, UINT32 access, UINT32 share)
{
    if (!prjsim__share_takes_part(access) || !t->open)
        return false;
    return ((access & PRJSIM__SHARE_READ_BITS) && t->shared_read < t->open) ||
           ((access & PRJSIM__SHARE_WRITE_BITS) && t->shared_write < t->open) ||
           ((access & DELETE) && t->shared_delete < t->open) ||
           (!(share & FILE_SHARE_READ) && t->readers) || (!(share & FILE_SHARE_WRITE) && t->writers) ||
           (!(share & FILE_SHARE_DELETE) && t->deleters);
}

/* Counts (+1) or uncounts (-1) one handle. */
static inline void prjsim__share_count(prjsim__share_access *t, UINT32 access, UINT32 share, int sign)
{
    t->open += (uint32_t)sign;
    t->readers += (uint32_t)(sign * ((access & PRJSIM__SHARE_READ_BITS) != 0));
    t->writers += (uint32_t)(sign * ((access & PRJSIM__SHARE_WRITE_BITS) != 0));
    t->deleters += (uint32_t)(sign * ((access & DELETE) != 0));
    t->shared_read += (uint32_t)(sign * ((share & FILE_SHARE_READ) != 0));
    t->shared_write += (uint32_t)(sign * ((share & FILE_SHARE_WRITE) != 0));
    t->shared_delete += (uint32_t)(sign * ((share & FILE_SHARE_DELETE) != 0));
}

#endif
