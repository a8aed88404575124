/* SPDX-License-Identifier: MIT */
/*
 * Backend "sim": every operation is the simulator's client operation (prjsim/client.h), the
 * results are NTSTATUS codes, and everything the simulator knows is observable. A
 * prjsim_backend_file is a prjsim_handle.
 */
#include "backend.h"

#include <prjsim.h>

#define H(f) ((prjsim_handle *)(f))
#define S(x) prjsim_backend_status(x)

static prjsim_backend_result sim_open(prjsim_backend_file **out, const prjsim_backend_open *o)
{
    prjsim_handle *h = NULL;
    NTSTATUS st = prjsim_client_open_shared(&h, prjsim_sim_current(), o->path, o->access, o->share, o->disposition,
                                            o->flags, o->attributes);
    *out = (prjsim_backend_file *)h;
    return S(st);
}

static prjsim_backend_result sim_close(prjsim_backend_file *f) { return S(prjsim_client_close(H(f))); }

static prjsim_backend_result sim_read(prjsim_backend_file *f, uint64_t offset, void *buf, uint32_t len,
                                      uint32_t *got)
{
    return S(prjsim_client_read(H(f), offset, buf, len, got));
}

static prjsim_backend_result sim_write(prjsim_backend_file *f, uint64_t offset, const void *buf, uint32_t len,
                                       uint32_t *put)
{
    return S(prjsim_client_write(H(f), offset, buf, len, put));
}

static prjsim_backend_result sim_set_size(prjsim_backend_file *f, uint64_t size)
{
    return S(prjsim_client_set_size(H(f), size));
}

static prjsim_backend_result sim_set_basic(prjsim_backend_file *f, int64_t c, int64_t a, int64_t w, int64_t ch,
                                           uint32_t attributes)
{
    return S(prjsim_client_set_basic_info(H(f), c, a, w, ch, attributes));
}

static prjsim_backend_result sim_set_disposition(prjsim_backend_file *f, bool del)
{
    return S(prjsim_client_set_disposition(H(f), del));
}

static prjsim_backend_result sim_rename(prjsim_backend_file *f, const WCHAR *to, bool replace)
{
    return S(prjsim_client_rename(H(f), to, replace));
}

static prjsim_backend_result sim_query_info(prjsim_backend_file *f, prjsim_file_info *info)
{
    return S(prjsim_client_query_info(H(f), info));
}

static prjsim_backend_result sim_query_directory(prjsim_backend_file *f, const WCHAR *pattern, uint32_t flags,
                                                 uint32_t buffer_bytes, prjsim_dir_entry **entries, size_t *count)
{
    return S(prjsim_client_query_directory(H(f), pattern, flags, buffer_bytes, entries, count));
}

static prjsim_backend_result sim_stat(const WCHAR *path, prjsim_file_info *info)
{
    return S(prjsim_client_stat(prjsim_sim_current(), path, info));
}

static prjsim_backend_result sim_set_times(const WCHAR *path, int64_t c, int64_t a, int64_t w, int64_t ch,
                                           uint32_t attributes)
{
    return S(prjsim_client_set_times(prjsim_sim_current(), path, c, a, w, ch, attributes));
}

static prjsim_backend_result sim_list(const WCHAR *path, const WCHAR *pattern, uint32_t buffer_bytes,
                                      prjsim_dir_entry **entries, size_t *count)
{
    return S(prjsim_client_list(prjsim_sim_current(), path, pattern, buffer_bytes, entries, count));
}

static prjsim_backend_result sim_remove(const WCHAR *path, bool directory)
{
    return S(prjsim_client_delete(prjsim_sim_current(), path, directory));
}

static prjsim_backend_result sim_move(const WCHAR *from, const WCHAR *to, bool replace)
{
    return S(prjsim_client_move(prjsim_sim_current(), from, to, replace));
}

static prjsim_backend_result sim_link(const WCHAR *existing, const WCHAR *new_path)
{
    return S(prjsim_client_link(prjsim_sim_current(), existing, new_path));
}

static prjsim_backend_result sim_symlink(const WCHAR *link, const WCHAR *target, bool directory)
{
    return S(prjsim_client_symlink(prjsim_sim_current(), link, target, directory));
}

static prjsim_backend_result sim_mkdir(const WCHAR *path)
{
    return S(prjsim_client_create_directory(prjsim_sim_current(), path));
}

static prjsim_backend_result sim_read_file(const WCHAR *path, void **data, size_t *size)
{
    return S(prjsim_client_read_file(prjsim_sim_current(), path, data, size));
}

static prjsim_backend_result sim_write_file(const WCHAR *path, const void *data, size_t size)
{
    return S(prjsim_client_write_file(prjsim_sim_current(), path, data, size));
}

static int32_t sim_on_disk_state(const WCHAR *path, PRJ_FILE_STATE *state)
{
    return PrjGetOnDiskFileState(path, state);
}

const prjsim_backend prjsim_backend_sim = {
    "sim",
    PRJSIM_BACKEND_CAP_SIMULATOR | PRJSIM_BACKEND_CAP_CALLER | PRJSIM_BACKEND_CAP_CANCEL | PRJSIM_BACKEND_CAP_VOLUME |
        PRJSIM_BACKEND_CAP_CALLER_ID,
    sim_open,
    sim_close,
    sim_read,
    sim_write,
    sim_set_size,
    sim_set_basic,
    sim_set_disposition,
    sim_rename,
    sim_query_info,
    sim_query_directory,
    sim_stat,
    sim_set_times,
    sim_list,
    sim_remove,
    sim_move,
    sim_link,
    sim_symlink,
    sim_mkdir,
    sim_read_file,
    sim_write_file,
    sim_on_disk_state,
    prjsim_client_set_caller,
    NULL,
    NULL, /* `cancel` cancels the command by its id (the simulator's way) */
    NULL,
    NULL,
};
