/* SPDX-License-Identifier: MIT */
/*
 * What the cases do to files, through the backend seam (conformance/backend/backend.h): the
 * simulator's client operations with `--backend sim`, the Win32 calls a Windows program makes
 * with `--backend win32`. A result is the backend's (an NTSTATUS or a Win32 error), compared with
 * prjconf_is, which accepts a Win32 error for the NTSTATUS a Windows caller sees as it.
 */
#include "internal.h"

#include <prjsim/status.h>
#include <stdio.h>

prjconf_r prjconf_saw(prjconf_ctx *c, prjconf_r r, const char *op, PCWSTR path)
{
    if (!c->internal_error[0] && prjconf_is(r, STATUS_INTERNAL_ERROR)) {
        char st[96];
        snprintf(c->internal_error, sizeof c->internal_error, "%s %ls -> %s", op, path ? path : L"(handle)",
                 prjconf_status(st, sizeof st, r));
    }
    return r;
}

prjconf_r prjconf_open(prjconf_ctx *c, prjsim_backend_file **h, PCWSTR path, DWORD access, DWORD disposition,
                       UINT32 flags)
{
    prjsim_backend_open o = {path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, disposition, flags,
                             0};
    return prjconf_saw(c, c->be->open(h, &o), "open", path);
}

prjconf_r prjconf_close(prjconf_ctx *c, prjsim_backend_file *h)
{
    return prjconf_saw(c, c->be->close(h), "close", NULL);
}

prjconf_r prjconf_query(prjconf_ctx *c, prjsim_backend_file *h, PCWSTR pattern, UINT32 flags, UINT32 buffer_bytes,
                        prjsim_dir_entry **entries, size_t *count)
{
    return prjconf_saw(c, c->be->query_directory(h, pattern, flags, buffer_bytes, entries, count), "query", NULL);
}

prjconf_r prjconf_read(prjconf_ctx *c, prjsim_backend_file *h, UINT64 offset, void *buf, UINT32 len, UINT32 *got)
{
    return prjconf_saw(c, c->be->read(h, offset, buf, len, got), "read", NULL);
}

prjconf_r prjconf_stat(prjconf_ctx *c, PCWSTR path, prjsim_file_info *info)
{
    return prjconf_saw(c, c->be->stat(path, info), "stat", path);
}

prjconf_r prjconf_read_file(prjconf_ctx *c, PCWSTR path, void **data, size_t *size)
{
    return prjconf_saw(c, c->be->read_file(path, data, size), "read-file", path);
}

prjconf_r prjconf_write_file(prjconf_ctx *c, PCWSTR path, const void *data, size_t size)
{
    return prjconf_saw(c, c->be->write_file(path, data, size), "write-file", path);
}

prjconf_r prjconf_move(prjconf_ctx *c, PCWSTR from, PCWSTR to, bool replace)
{
    return prjconf_saw(c, c->be->move(from, to, replace), "move", from);
}

prjconf_r prjconf_delete(prjconf_ctx *c, PCWSTR path, bool directory)
{
    return prjconf_saw(c, c->be->remove(path, directory), "delete", path);
}

prjconf_r prjconf_mkdir(prjconf_ctx *c, PCWSTR path)
{
    return prjconf_saw(c, c->be->mkdir(path), "mkdir", path);
}

bool prjconf_is(prjconf_r r, NTSTATUS status)
{
    return prjsim_backend_is(r, status);
}

const char *prjconf_status(char *buf, size_t size, prjconf_r r)
{
    if (r.kind == PRJSIM_BACKEND_UNSUPPORTED) {
        snprintf(buf, size, "unsupported (%s)", r.reason ? r.reason : "?");
        return buf;
    }
    if (r.kind == PRJSIM_BACKEND_WIN32)
        return prjsim_format_win32(buf, size, (DWORD)r.code);
    return prjsim_format_code(buf, size, r.code, true);
}
