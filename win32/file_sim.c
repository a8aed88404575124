/* SPDX-License-Identifier: MIT */
/*
 * The simulator backend: the Win32 file API inside virtualization roots. Each call becomes the
 * client operation that the matching NT call becomes on Windows, so the provider sees the same
 * callbacks; the NTSTATUS is mapped with prjsim_status_to_win32, plus the few special cases
 * kernel32 adds on top (CREATE_NEW collision -> ERROR_FILE_EXISTS, a directory listing whose
 * directory is missing -> ERROR_PATH_NOT_FOUND).
 */
#include "files.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Volume serial number reported for items inside roots ("PRJS"). */
#define SIM_VOLUME_SERIAL 0x50524A53u

/* A stable file index: the simulator does not expose its file ids, so hash the path. */
UINT64 prjsim__files_index_of(const WCHAR *path)
{
    UINT64 h = 1469598103934665603ull;
    for (; path && *path; path++) {
        h ^= (UINT64)towupper((wint_t)*path);
        h *= 1099511628211ull;
    }
    return h;
}

static void from_info(prjsim__fstat *st, const prjsim_file_info *info, const WCHAR *path)
{
    const PRJ_FILE_BASIC_INFO *b = &info->basic;
    st->attributes = b->FileAttributes ? b->FileAttributes : FILE_ATTRIBUTE_NORMAL;
    st->creation = b->CreationTime.QuadPart;
    st->access = b->LastAccessTime.QuadPart;
    st->write = b->LastWriteTime.QuadPart;
    st->change = b->ChangeTime.QuadPart;
    st->size = b->IsDirectory ? 0 : (UINT64)b->FileSize;
    st->links = info->link_count ? info->link_count : 1;
    st->volume = SIM_VOLUME_SERIAL;
    st->index = prjsim__files_index_of(path);
}

static DWORD sim_open(prjsim__file *f, const prjsim__fpath *fp, DWORD access, DWORD disposition,
                      DWORD flags, DWORD attributes, bool *existed)
{
    prjsim_sim *sim = prjsim__files_sim();
    UINT32 sflags = 0;
    if (!(flags & FILE_FLAG_BACKUP_SEMANTICS))
        sflags |= PRJSIM_OPEN_NON_DIRECTORY;
    if (flags & PRJSIM__FILE_FLAG_DIRECTORY_FILE)
        sflags |= PRJSIM_OPEN_DIRECTORY; /* NtCreateFile's FILE_DIRECTORY_FILE */
    if (flags & FILE_FLAG_DELETE_ON_CLOSE)
        sflags |= PRJSIM_OPEN_DELETE_ON_CLOSE;
    if (flags & FILE_FLAG_NO_BUFFERING)
        sflags |= PRJSIM_OPEN_UNBUFFERED;
    if (flags & FILE_FLAG_OPEN_REPARSE_POINT)
        sflags |= PRJSIM_OPEN_REPARSE_POINT; /* the link itself, not its target */
    attributes &= ~(DWORD)FILE_ATTRIBUTE_DIRECTORY;
    prjsim_handle *h = NULL;
    NTSTATUS st;
    *existed = false;
    st = prjsim_client_open_shared(&h, sim, fp->win, access, f->share, disposition, sflags, attributes);
    f->open_status = st;
    if (st == STATUS_SUCCESS) {
        /* kernel32 learns from IoStatus.Information whether the name existed. */
        f->open_result = prjsim_client_open_result(h);
        *existed = f->open_result != PRJSIM_FILE_CREATED;
    } else {
        *existed = st == STATUS_OBJECT_NAME_COLLISION;
    }
    if (st == STATUS_OBJECT_NAME_COLLISION && disposition == CREATE_NEW)
        return ERROR_FILE_EXISTS;
    if (st != STATUS_SUCCESS)
        return prjsim__files_status(st);
    prjsim_file_info info;
    if (prjsim_client_query_info(h, &info) == STATUS_SUCCESS)
        f->is_dir = info.basic.IsDirectory != 0;
    f->sh = h;
    return 0;
}

static void sim_close(prjsim__file *f)
{
    if (f->sh)
        prjsim_client_close(f->sh);
}

static DWORD sim_read(prjsim__file *f, UINT64 offset, void *buf, DWORD len, DWORD *got)
{
    UINT32 n = 0;
    NTSTATUS st = prjsim_client_read(f->sh, offset, buf, len, &n);
    *got = n;
    /* A synchronous ReadFile at the end of the file succeeds with 0 bytes. */
    if (st == STATUS_END_OF_FILE) {
        *got = 0;
        return 0;
    }
    return prjsim__files_status(st);
}

static DWORD sim_write(prjsim__file *f, UINT64 offset, const void *buf, DWORD len, DWORD *put)
{
    UINT32 n = 0;
    NTSTATUS st = prjsim_client_write(f->sh, offset, buf, len, &n);
    *put = n;
    return prjsim__files_status(st);
}

static DWORD sim_set_size(prjsim__file *f, UINT64 size)
{
    return prjsim__files_status(prjsim_client_set_size(f->sh, size));
}

static DWORD sim_query(prjsim__file *f, prjsim__fstat *st)
{
    prjsim_file_info info;
    NTSTATUS s = prjsim_client_query_info(f->sh, &info);
    if (s != STATUS_SUCCESS)
        return prjsim__files_status(s);
    from_info(st, &info, f->win);
    return 0;
}

static DWORD sim_set_info(prjsim__file *f, INT64 creation, INT64 access, INT64 write,
                          DWORD attributes)
{
    return prjsim__files_status(
        prjsim_client_set_basic_info(f->sh, creation, access, write, 0, attributes));
}

static DWORD sim_flush(prjsim__file *f)
{
    (void)f; /* nothing is buffered between the Win32 layer and the simulated volume */
    return 0;
}

static DWORD sim_stat(const prjsim__fpath *fp, prjsim__fstat *st)
{
    prjsim_file_info info;
    NTSTATUS s = prjsim_client_stat(prjsim__files_sim(), fp->win, &info);
    if (s != STATUS_SUCCESS)
        return prjsim__files_status(s);
    from_info(st, &info, fp->win);
    return 0;
}

static DWORD sim_set_attributes(const prjsim__fpath *fp, DWORD attributes)
{
    /* Zero means "unchanged" to the simulator; FILE_ATTRIBUTE_NORMAL clears the bits. */
    return prjsim__files_status(prjsim_client_set_times(prjsim__files_sim(), fp->win, 0, 0, 0, 0,
                                                        attributes ? attributes
                                                                   : FILE_ATTRIBUTE_NORMAL));
}

static DWORD sim_mkdir(const prjsim__fpath *fp)
{
    return prjsim__files_status(prjsim_client_create_directory(prjsim__files_sim(), fp->win));
}

static DWORD sim_rmdir(const prjsim__fpath *fp)
{
    return prjsim__files_status(prjsim_client_delete(prjsim__files_sim(), fp->win, true));
}

static DWORD sim_unlink(const prjsim__fpath *fp)
{
    return prjsim__files_status(prjsim_client_delete(prjsim__files_sim(), fp->win, false));
}

static DWORD sim_rename(const prjsim__fpath *from, const prjsim__fpath *to, bool replace)
{
    return prjsim__files_status(prjsim_client_move(prjsim__files_sim(), from->win, to->win, replace));
}

static DWORD sim_link(const prjsim__fpath *link_path, const prjsim__fpath *existing)
{
    return prjsim__files_status(prjsim_client_link(prjsim__files_sim(), existing->win, link_path->win));
}

static DWORD sim_symlink(const prjsim__fpath *link_path, PCWSTR target, const prjsim__fpath *absolute,
                         bool directory)
{
    return prjsim__files_status(
        prjsim_client_symlink(prjsim__files_sim(), link_path->win, absolute ? absolute->win : target, directory));
}

/* Fetches the next batch of entries; 0, ERROR_NO_MORE_FILES or another error. */
static DWORD next_batch(prjsim__find *fd, PCWSTR pattern)
{
    prjsim_client_free_entries(fd->batch);
    fd->batch = NULL;
    fd->batch_count = fd->batch_next = 0;
    if (fd->ended)
        return ERROR_NO_MORE_FILES;
    NTSTATUS st = prjsim_client_query_directory(fd->sh, pattern, PRJSIM_QUERY_DEFAULT,
                                                fd->buffer_bytes, &fd->batch, &fd->batch_count);
    if (st == STATUS_NO_MORE_FILES || st == STATUS_NO_SUCH_FILE) {
        fd->ended = true;
        return st == STATUS_NO_SUCH_FILE ? ERROR_FILE_NOT_FOUND : ERROR_NO_MORE_FILES;
    }
    if (st == STATUS_SUCCESS && fd->batch_count == 0) {
        fd->ended = true;
        return ERROR_NO_MORE_FILES;
    }
    return prjsim__files_status(st);
}

static DWORD sim_find_open(prjsim__find *fd, const prjsim__fpath *dir, PCWSTR pattern)
{
    NTSTATUS st = prjsim_client_open(&fd->sh, prjsim__files_sim(), dir->win,
                                     FILE_LIST_DIRECTORY | SYNCHRONIZE, OPEN_EXISTING,
                                     PRJSIM_OPEN_DIRECTORY, 0);
    if (st == STATUS_OBJECT_NAME_NOT_FOUND || st == STATUS_OBJECT_PATH_NOT_FOUND)
        return ERROR_PATH_NOT_FOUND;
    if (st != STATUS_SUCCESS)
        return prjsim__files_status(st);
    fd->buffer_bytes = (fd->additional_flags & FIND_FIRST_EX_LARGE_FETCH) ? 65536 : 0;
    DWORD err = next_batch(fd, pattern);
    if (err == ERROR_NO_MORE_FILES)
        err = ERROR_FILE_NOT_FOUND; /* the first query found nothing */
    return err;
}

static DWORD sim_find_next(prjsim__find *fd, prjsim__fentry *out)
{
    if (fd->batch_next >= fd->batch_count) {
        DWORD err = next_batch(fd, NULL);
        if (err)
            return err == ERROR_FILE_NOT_FOUND ? ERROR_NO_MORE_FILES : err;
    }
    const prjsim_dir_entry *e = &fd->batch[fd->batch_next++];
    memset(out, 0, sizeof *out);
    wcsncpy(out->name, e->name, MAX_PATH);
    prjsim_file_info info = {e->basic, 1};
    from_info(&out->st, &info, NULL);
    out->st.index = 0;
    return 0;
}

static void sim_find_close(prjsim__find *fd)
{
    prjsim_client_free_entries(fd->batch);
    fd->batch = NULL;
    if (fd->sh)
        prjsim_client_close(fd->sh);
    fd->sh = NULL;
}

const prjsim__files_backend prjsim__files_simulated = {
    "simulator",
    sim_open,
    sim_close,
    sim_read,
    sim_write,
    sim_set_size,
    sim_query,
    sim_set_info,
    sim_flush,
    sim_stat,
    sim_set_attributes,
    sim_mkdir,
    sim_rmdir,
    sim_unlink,
    sim_rename,
    sim_link,
    sim_symlink,
    sim_find_open,
    sim_find_next,
    sim_find_close,
};
