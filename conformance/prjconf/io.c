/* SPDX-License-Identifier: MIT */
/*
 * What the cases do to files, through the backend seam (conformance/backend/backend.h): the
 * simulator's client operations with `--backend sim`, the Win32 calls a Windows program makes
 * with `--backend win32`. A result is the backend's (an NTSTATUS or a Win32 error), compared with
 * prjconf_is, which accepts a Win32 error for the NTSTATUS a Windows caller sees as it.
 */
#include "internal.h"

#include <prjsim/status.h>

prjconf_r prjconf_open(prjconf_ctx *c, prjsim_backend_file **h, PCWSTR path, DWORD access, DWORD disposition,
                       UINT32 flags)
{
    prjsim_backend_open o = {path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, disposition, flags,
                             0};
    return c->be->open(h, &o);
}

prjconf_r prjconf_close(prjconf_ctx *c, prjsim_backend_file *h)
{
    return c->be->close(h);
}

prjconf_r prjconf_query(prjconf_ctx *c, prjsim_backend_file *h, PCWSTR pattern, UINT32 flags, UINT32 buffer_bytes,
                        prjsim_dir_entry **entries, size_t *count)
{
    return c->be->query_directory(h, pattern, flags, buffer_bytes, entries, count);
}

prjconf_r prjconf_read(prjconf_ctx *c, prjsim_backend_file *h, UINT64 offset, void *buf, UINT32 len, UINT32 *got)
{
    return c->be->read(h, offset, buf, len, got);
}

prjconf_r prjconf_stat(prjconf_ctx *c, PCWSTR path, prjsim_file_info *info)
{
    return c->be->stat(path, info);
}

prjconf_r prjconf_read_file(prjconf_ctx *c, PCWSTR path, void **data, size_t *size)
{
    return c->be->read_file(path, data, size);
}

prjconf_r prjconf_write_file(prjconf_ctx *c, PCWSTR path, const void *data, size_t size)
{
    return c->be->write_file(path, data, size);
}

prjconf_r prjconf_move(prjconf_ctx *c, PCWSTR from, PCWSTR to, bool replace)
{
    return c->be->move(from, to, replace);
}

prjconf_r prjconf_delete(prjconf_ctx *c, PCWSTR path, bool directory)
{
    return c->be->remove(path, directory);
}

prjconf_r prjconf_mkdir(prjconf_ctx *c, PCWSTR path)
{
    return c->be->mkdir(path);
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
    if (r.kind == PRJSIM_BACKEND_WIN32) {
        const char *name = prjsim_win32_error_name((DWORD)r.code);
        if (name)
            snprintf(buf, size, "%s (%u)", name, (unsigned)r.code);
        else
            snprintf(buf, size, "Win32 error %u", (unsigned)r.code);
        return buf;
    }
    return prjsim_format_code(buf, size, r.code, true);
}
