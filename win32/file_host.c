/* SPDX-License-Identifier: MIT */
/*
 * The host backend: the Win32 file API outside virtualization roots, on the host folder a
 * drive letter maps to. POSIX calls do the work; the Windows rules they do not enforce
 * (read-only files cannot be deleted or written, directories need BACKUP_SEMANTICS, renames do
 * not replace unless asked, ...) are checked here, explicitly, so they hold even for root.
 *
 * Attributes: FILE_ATTRIBUTE_DIRECTORY is the file type, FILE_ATTRIBUTE_READONLY of a file is
 * the owner's write permission, and the other settable bits (and READONLY of a directory,
 * which Windows does not enforce either) live in the extended attribute
 * `user.prjsim.attributes` as hex text. Without it a file shows ARCHIVE and a directory
 * nothing more than DIRECTORY.
 */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <wchar.h>

#define ATTR_XATTR "user.prjsim.attributes"
/* Bits kept in the extended attribute. */
#define STORED_BITS                                                                     \
    (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_ARCHIVE |           \
     FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_OFFLINE | FILE_ATTRIBUTE_NOT_CONTENT_INDEXED)

/* ---- attributes and metadata ---- */

static bool read_stored(int fd, const char *path, DWORD *out)
{
    char buf[32];
    ssize_t n = -1;
    if (fd >= 0)
        n = fgetxattr(fd, ATTR_XATTR, buf, sizeof buf - 1);
    if (n < 0 && path && (fd < 0 || errno == EBADF))
        n = getxattr(path, ATTR_XATTR, buf, sizeof buf - 1);
    if (n <= 0)
        return false;
    buf[n] = 0;
    *out = (DWORD)strtoul(buf, NULL, 16);
    return true;
}

/* Stores the extended bits, removing the attribute when they are the default. */
static void write_stored(int fd, const char *path, bool dir, DWORD bits)
{
    DWORD def = dir ? 0 : FILE_ATTRIBUTE_ARCHIVE;
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%x", (unsigned)bits);
    int rc;
    if (bits == def)
        rc = fd >= 0 ? fremovexattr(fd, ATTR_XATTR) : removexattr(path, ATTR_XATTR);
    else
        rc = fd >= 0 ? fsetxattr(fd, ATTR_XATTR, buf, (size_t)n, 0)
                     : setxattr(path, ATTR_XATTR, buf, (size_t)n, 0);
    if (rc != 0 && fd >= 0 && errno == EBADF && path)
        write_stored(-1, path, dir, bits);
    /* Other failures (no extended attributes on this file system) lose the bits: DEVIATIONS.md. */
}

static DWORD attributes_of(const struct statx *sx, int fd, const char *path)
{
    bool dir = S_ISDIR(sx->stx_mode);
    DWORD stored;
    if (!read_stored(fd, path, &stored))
        stored = dir ? 0 : FILE_ATTRIBUTE_ARCHIVE;
    DWORD a;
    if (dir)
        a = (stored & (STORED_BITS | FILE_ATTRIBUTE_READONLY)) | FILE_ATTRIBUTE_DIRECTORY;
    else
        a = (stored & STORED_BITS) | ((sx->stx_mode & S_IWUSR) ? 0 : FILE_ATTRIBUTE_READONLY);
    return a ? a : FILE_ATTRIBUTE_NORMAL;
}

static INT64 ticks_of(const struct statx_timestamp *t)
{
    return prjsim__files_ticks(t->tv_sec, (long)t->tv_nsec);
}

static void fill(prjsim__fstat *out, const struct statx *sx, int fd, const char *path)
{
    out->attributes = attributes_of(sx, fd, path);
    out->access = ticks_of(&sx->stx_atime);
    out->write = ticks_of(&sx->stx_mtime);
    out->change = ticks_of(&sx->stx_ctime);
    out->creation = (sx->stx_mask & STATX_BTIME) ? ticks_of(&sx->stx_btime) : out->write;
    out->size = S_ISDIR(sx->stx_mode) ? 0 : sx->stx_size;
    out->links = S_ISDIR(sx->stx_mode) ? 1 : sx->stx_nlink;
    out->volume = (DWORD)makedev(sx->stx_dev_major, sx->stx_dev_minor);
    out->index = sx->stx_ino;
}

static int stat_path(const char *path, struct statx *sx)
{
    return statx(AT_FDCWD, path, 0, STATX_BASIC_STATS | STATX_BTIME, sx);
}

static int stat_fd(int fd, struct statx *sx)
{
    return statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME, sx);
}

/* The item's attributes by path, or 0 with *err set. */
static DWORD attributes_at(const char *path, struct statx *sx, DWORD *err)
{
    if (stat_path(path, sx) != 0) {
        *err = prjsim__files_errno(errno, path);
        return 0;
    }
    *err = 0;
    return attributes_of(sx, -1, path);
}

/* Sets the settable bits of an item (fd may be -1). */
static DWORD apply_attributes(int fd, const char *path, DWORD attrs)
{
    struct statx sx;
    int rc = fd >= 0 ? stat_fd(fd, &sx) : stat_path(path, &sx);
    if (rc != 0)
        return prjsim__files_errno(errno, path);
    attrs &= FILE_ATTRIBUTE_VALID_SET_FLAGS;
    bool dir = S_ISDIR(sx.stx_mode);
    if (dir) {
        write_stored(fd, path, true, attrs & (STORED_BITS | FILE_ATTRIBUTE_READONLY));
        return 0;
    }
    mode_t mode = sx.stx_mode & 07777;
    mode_t want = (attrs & FILE_ATTRIBUTE_READONLY) ? (mode & ~(mode_t)0222) : (mode | S_IWUSR);
    if (want != mode && (fd >= 0 ? fchmod(fd, want) : chmod(path, want)) != 0) {
        if (fd < 0 || chmod(path, want) != 0)
            return prjsim__files_errno(errno, path);
    }
    write_stored(fd, path, false, attrs & STORED_BITS);
    return 0;
}

/* ---- handles ---- */

static prjsim__host_file_key key_of(const struct statx *sx)
{
    prjsim__host_file_key k;
    memset(&k, 0, sizeof k);
    k.ino = sx->stx_ino;
    k.dev_major = sx->stx_dev_major;
    k.dev_minor = sx->stx_dev_minor;
    return k;
}

/* Counts the handle's share mode on its file (docs/behaviour/sharing.md); the access that
 * matters includes the write an overwrite makes. */
static DWORD share_acquire(prjsim__file *f, int fd, DWORD access)
{
    struct statx sx;
    if (stat_fd(fd, &sx) != 0)
        return 0;
    f->key = key_of(&sx);
    f->share_access = access;
    DWORD err = prjsim__host_share_acquire(&f->key, access, f->share);
    f->shared = !err;
    return err;
}

/* A delete or rename: every handle open on the file must share delete. */
static DWORD share_allows_delete(const struct statx *sx)
{
    prjsim__host_file_key k = key_of(sx);
    return prjsim__host_share_check(&k, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE);
}

static DWORD host_open(prjsim__file *f, const prjsim__fpath *fp, DWORD access, DWORD disposition,
                       DWORD flags, DWORD attributes, bool *existed)
{
    const char *path = fp->host;
    bool overwrite = disposition == CREATE_ALWAYS || disposition == TRUNCATE_EXISTING;
    bool wants_write = (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    DWORD counted = overwrite ? access | FILE_WRITE_DATA : access; /* for share modes */
    int fd = -1;
    /* A name can appear or vanish between the check and the open: try again then. */
    for (int tries = 0; fd < 0 && tries < 8; tries++) {
        struct statx sx;
        DWORD err;
        DWORD cur = attributes_at(path, &sx, &err);
        if (!err) {
            *existed = true;
            bool dir = S_ISDIR(sx.stx_mode);
            if (disposition == CREATE_NEW)
                return ERROR_FILE_EXISTS;
            {
                /* Before anything changes (an overwrite truncates): as NTFS checks at create. */
                prjsim__host_file_key k = key_of(&sx);
                DWORD serr = prjsim__host_share_check(&k, counted, f->share);
                if (serr)
                    return serr;
            }
            if (dir) {
                if (!(flags & FILE_FLAG_BACKUP_SEMANTICS) || overwrite || wants_write)
                    return ERROR_ACCESS_DENIED;
                if ((flags & FILE_FLAG_DELETE_ON_CLOSE) && (cur & FILE_ATTRIBUTE_READONLY))
                    return ERROR_ACCESS_DENIED;
                fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            } else {
                bool ro = (cur & FILE_ATTRIBUTE_READONLY) != 0;
                if (ro && (overwrite || wants_write || (flags & FILE_FLAG_DELETE_ON_CLOSE)))
                    return ERROR_ACCESS_DENIED;
                if (disposition == TRUNCATE_EXISTING && !(access & FILE_WRITE_DATA))
                    return ERROR_ACCESS_DENIED;
                /* Overwriting a hidden or system file must repeat those attributes. */
                if (disposition == CREATE_ALWAYS &&
                    (cur & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM) & ~attributes))
                    return ERROR_ACCESS_DENIED;
                int oflags = (wants_write || overwrite) ? O_RDWR : O_RDONLY;
                fd = open(path, oflags | O_CLOEXEC);
                if (fd < 0 && errno == EACCES && !wants_write && !overwrite &&
                    !(access & FILE_READ_DATA))
                    fd = open(path, O_PATH | O_CLOEXEC); /* metadata-only access */
                if (fd >= 0 && overwrite && ftruncate(fd, 0) != 0) {
                    int e = errno;
                    close(fd);
                    return prjsim__files_errno(e, path);
                }
                if (fd >= 0 && disposition == CREATE_ALWAYS)
                    apply_attributes(fd, path, (attributes | FILE_ATTRIBUTE_ARCHIVE) &
                                                   ~(DWORD)FILE_ATTRIBUTE_NORMAL);
            }
            f->is_dir = dir;
            if (fd < 0 && errno != ENOENT)
                return prjsim__files_errno(errno, path);

        } else {
            if (err != ERROR_FILE_NOT_FOUND)
                return err;
            if (disposition == OPEN_EXISTING || disposition == TRUNCATE_EXISTING)
                return err;
            *existed = false;
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd < 0 && errno != EEXIST)
                return prjsim__files_errno(errno, path);
            if (fd >= 0) {
                DWORD bits = (attributes & STORED_BITS) | FILE_ATTRIBUTE_ARCHIVE;
                write_stored(fd, path, false, bits);
                if (attributes & FILE_ATTRIBUTE_READONLY)
                    apply_attributes(fd, path, bits | FILE_ATTRIBUTE_READONLY);
            }
            f->is_dir = false;
        }
    }
    if (fd < 0)
        return ERROR_SHARING_VIOLATION; /* the name kept changing under us */
    DWORD serr = share_acquire(f, fd, counted); /* checked above; this counts the handle */
    if (serr) {
        close(fd);
        return serr;
    }
    f->fd = fd;
    f->host = strdup(path);
    if (!f->host) {
        if (f->shared)
            prjsim__host_share_release(&f->key, f->share_access, f->share);
        close(fd);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    return 0;
}

static void host_close(prjsim__file *f)
{
    if (f->shared)
        prjsim__host_share_release(&f->key, f->share_access, f->share);
    if (f->fd >= 0)
        close(f->fd);
    if ((f->flags & FILE_FLAG_DELETE_ON_CLOSE) && f->host) {
        /* Windows deletes when the last handle closes; here when this one does. */
        if (f->is_dir)
            rmdir(f->host);
        else
            unlink(f->host);
    }
    free(f->host);
}

static bool misaligned(const prjsim__file *f, UINT64 offset, DWORD len)
{
    if (!(f->flags & FILE_FLAG_NO_BUFFERING))
        return false;
    uint32_t a = prjsim_sim_get_options(prjsim__files_sim())->write_alignment;
    return a && (offset % a || len % a);
}

static DWORD host_read(prjsim__file *f, UINT64 offset, void *buf, DWORD len, DWORD *got)
{
    *got = 0;
    if (f->is_dir)
        return ERROR_INVALID_FUNCTION;
    if (!(f->access & FILE_READ_DATA))
        return ERROR_ACCESS_DENIED;
    if (misaligned(f, offset, len))
        return ERROR_INVALID_PARAMETER;
    while (*got < len) {
        ssize_t r = pread(f->fd, (char *)buf + *got, len - *got, (off_t)(offset + *got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return prjsim__files_errno(errno, f->host);
        if (r == 0)
            break;
        *got += (DWORD)r;
    }
    return 0;
}

static DWORD host_write(prjsim__file *f, UINT64 offset, const void *buf, DWORD len, DWORD *put)
{
    *put = 0;
    if (f->is_dir)
        return ERROR_INVALID_FUNCTION;
    if (!(f->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)))
        return ERROR_ACCESS_DENIED;
    if (misaligned(f, offset, len))
        return ERROR_INVALID_PARAMETER;
    while (*put < len) {
        ssize_t r = pwrite(f->fd, (const char *)buf + *put, len - *put, (off_t)(offset + *put));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return prjsim__files_errno(r < 0 ? errno : ENOSPC, f->host);
        *put += (DWORD)r;
    }
    return 0;
}

static DWORD host_set_size(prjsim__file *f, UINT64 size)
{
    if (f->is_dir)
        return ERROR_INVALID_PARAMETER;
    if (!(f->access & FILE_WRITE_DATA))
        return ERROR_ACCESS_DENIED;
    return ftruncate(f->fd, (off_t)size) == 0 ? 0 : prjsim__files_errno(errno, f->host);
}

static DWORD host_query(prjsim__file *f, prjsim__fstat *st)
{
    struct statx sx;
    if (stat_fd(f->fd, &sx) != 0)
        return prjsim__files_errno(errno, f->host);
    fill(st, &sx, f->fd, f->host);
    return 0;
}

static struct timespec timespec_of(INT64 ticks)
{
    struct timespec ts;
    if (!ticks) {
        ts.tv_sec = 0;
        ts.tv_nsec = UTIME_OMIT;
        return ts;
    }
    INT64 t = ticks - 116444736000000000LL;
    INT64 sec = t / 10000000;
    INT64 rem = t % 10000000;
    if (rem < 0) {
        rem += 10000000;
        sec--;
    }
    ts.tv_sec = (time_t)sec;
    ts.tv_nsec = (long)(rem * 100);
    return ts;
}

static DWORD host_set_info(prjsim__file *f, INT64 creation, INT64 access, INT64 write,
                           DWORD attributes)
{
    (void)creation; /* the host keeps no settable creation time: DEVIATIONS.md */
    if (!(f->access & FILE_WRITE_ATTRIBUTES))
        return ERROR_ACCESS_DENIED;
    if (access || write) {
        struct timespec ts[2] = {timespec_of(access), timespec_of(write)};
        if (futimens(f->fd, ts) != 0 && (errno != EBADF || utimensat(AT_FDCWD, f->host, ts, 0) != 0))
            return prjsim__files_errno(errno, f->host);
    }
    if (attributes)
        return apply_attributes(f->fd, f->host, attributes);
    return 0;
}

static DWORD host_flush(prjsim__file *f)
{
    if (!(f->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)))
        return ERROR_ACCESS_DENIED;
    return fsync(f->fd) == 0 || errno == EINVAL ? 0 : prjsim__files_errno(errno, f->host);
}

/* ---- items by name ---- */

static DWORD host_stat(const prjsim__fpath *fp, prjsim__fstat *st)
{
    struct statx sx;
    if (stat_path(fp->host, &sx) != 0)
        return prjsim__files_errno(errno, fp->host);
    fill(st, &sx, -1, fp->host);
    return 0;
}

static DWORD host_set_attributes(const prjsim__fpath *fp, DWORD attributes)
{
    return apply_attributes(-1, fp->host, attributes);
}

static DWORD host_mkdir(const prjsim__fpath *fp)
{
    if (mkdir(fp->host, 0777) == 0)
        return 0;
    if (errno == ENOENT)
        return ERROR_PATH_NOT_FOUND;
    return prjsim__files_errno(errno, fp->host);
}

static DWORD host_rmdir(const prjsim__fpath *fp)
{
    struct statx sx;
    DWORD err;
    DWORD a = attributes_at(fp->host, &sx, &err);
    if (err)
        return err;
    if (!(a & FILE_ATTRIBUTE_DIRECTORY))
        return ERROR_DIRECTORY;
    if (fp->drive_root || (a & FILE_ATTRIBUTE_READONLY))
        return ERROR_ACCESS_DENIED;
    if ((err = share_allows_delete(&sx)))
        return err;
    if (rmdir(fp->host) == 0)
        return 0;
    if (errno == EEXIST || errno == ENOTEMPTY)
        return ERROR_DIR_NOT_EMPTY;
    return prjsim__files_errno(errno, fp->host);
}

static DWORD host_unlink(const prjsim__fpath *fp)
{
    struct statx sx;
    DWORD err;
    DWORD a = attributes_at(fp->host, &sx, &err);
    if (err)
        return err;
    if (a & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_READONLY))
        return ERROR_ACCESS_DENIED;
    if ((err = share_allows_delete(&sx)))
        return err;
    return unlink(fp->host) == 0 ? 0 : prjsim__files_errno(errno, fp->host);
}

static DWORD host_rename(const prjsim__fpath *from, const prjsim__fpath *to, bool replace)
{
    struct statx src, dst;
    DWORD err;
    DWORD sa = attributes_at(from->host, &src, &err);
    if (err)
        return err;
    if (from->drive_root || to->drive_root)
        return ERROR_ACCESS_DENIED;
    if ((err = share_allows_delete(&src)))
        return err;
    DWORD da = attributes_at(to->host, &dst, &err);
    bool same = !err && src.stx_ino == dst.stx_ino && src.stx_dev_major == dst.stx_dev_major &&
                src.stx_dev_minor == dst.stx_dev_minor;
    if (!err && !same) {
        if (!replace)
            return ERROR_ALREADY_EXISTS;
        if ((da & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_READONLY)) ||
            (sa & FILE_ATTRIBUTE_DIRECTORY))
            return ERROR_ACCESS_DENIED;
    } else if (err && err != ERROR_FILE_NOT_FOUND) {
        return err;
    }
    int rc;
    if (!replace && err) {
        rc = renameat2(AT_FDCWD, from->host, AT_FDCWD, to->host, RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS))
            rc = rename(from->host, to->host);
    } else {
        rc = rename(from->host, to->host);
    }
    if (rc == 0)
        return 0;
    if (errno == EEXIST || errno == ENOTEMPTY)
        return replace ? ERROR_ACCESS_DENIED : ERROR_ALREADY_EXISTS;
    if (errno == ENOENT)
        return prjsim__files_errno(ENOENT, to->host);
    return prjsim__files_errno(errno, to->host);
}

static DWORD host_link(const prjsim__fpath *link_path, const prjsim__fpath *existing)
{
    struct statx sx;
    DWORD err;
    DWORD a = attributes_at(existing->host, &sx, &err);
    if (err)
        return err;
    if (a & FILE_ATTRIBUTE_DIRECTORY)
        return ERROR_ACCESS_DENIED;
    if (link(existing->host, link_path->host) == 0)
        return 0;
    return prjsim__files_errno(errno, link_path->host);
}

static DWORD host_symlink(const prjsim__fpath *link_path, PCWSTR target, const prjsim__fpath *absolute,
                          bool directory)
{
    (void)directory; /* a host link has no kind of its own */
    if (absolute && absolute->sim)
        return ERROR_NOT_SUPPORTED; /* the host cannot point into the simulation */
    char *to = absolute ? strdup(absolute->host) : prjsim__paths_utf8(target);
    if (!to)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (char *c = to; !absolute && *c; c++)
        if (*c == '\\')
            *c = '/';
    int rc = symlink(to, link_path->host);
    int e = errno;
    free(to);
    if (rc == 0)
        return 0;
    if (e == EEXIST)
        return ERROR_ALREADY_EXISTS;
    if (e == ENOENT || e == ENOTDIR)
        return ERROR_PATH_NOT_FOUND;
    return prjsim__files_errno(e, link_path->host);
}

/* ---- listings ---- */

static int entry_order(const void *a, const void *b)
{
    const WCHAR *x = ((const prjsim__fentry *)a)->name, *y = ((const prjsim__fentry *)b)->name;
    /* "." and ".." first, as the file system returns them; then collation order. */
    int dx = !wcscmp(x, L".") ? 1 : !wcscmp(x, L"..") ? 2 : 3;
    int dy = !wcscmp(y, L".") ? 1 : !wcscmp(y, L"..") ? 2 : 3;
    if (dx != dy || dx < 3)
        return dx - dy;
    return PrjFileNameCompare(x, y);
}

static DWORD host_find_open(prjsim__find *fd, const prjsim__fpath *dir, PCWSTR pattern)
{
    DIR *d = opendir(dir->host);
    if (!d) {
        if (errno == ENOENT)
            return ERROR_PATH_NOT_FOUND;
        if (errno == ENOTDIR)
            return ERROR_DIRECTORY;
        return prjsim__files_errno(errno, dir->host);
    }
    size_t cap = 0;
    struct dirent *e;
    DWORD err = 0;
    size_t hl = strlen(dir->host);
    while (!err && (e = readdir(d))) {
        bool dots = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
        if (dots && dir->drive_root)
            continue; /* a volume's root directory has no "." or ".." */
        WCHAR *name = prjsim__paths_wide(e->d_name);
        if (!name) {
            err = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        if (wcslen(name) >= MAX_PATH || !PrjFileNameMatch(name, pattern)) {
            free(name);
            continue;
        }
        size_t n = hl + strlen(e->d_name) + 2;
        char *full = malloc(n);
        struct statx sx;
        bool ok = false;
        if (full) {
            snprintf(full, n, "%s/%s", dir->host, e->d_name);
            ok = statx(dirfd(d), e->d_name, 0, STATX_BASIC_STATS | STATX_BTIME, &sx) == 0;
        }
        if (ok && fd->count == cap) {
            cap = cap ? cap * 2 : 16;
            prjsim__fentry *grown = realloc(fd->entries, cap * sizeof *grown);
            if (!grown)
                err = ERROR_NOT_ENOUGH_MEMORY, ok = false;
            else
                fd->entries = grown;
        }
        if (ok) {
            prjsim__fentry *out = &fd->entries[fd->count++];
            memset(out, 0, sizeof *out);
            wcscpy(out->name, name);
            fill(&out->st, &sx, -1, full);
        }
        free(full);
        free(name);
    }
    closedir(d);
    if (err)
        return err;
    if (!fd->count)
        return ERROR_FILE_NOT_FOUND;
    qsort(fd->entries, fd->count, sizeof *fd->entries, entry_order);
    return 0;
}

static DWORD host_find_next(prjsim__find *fd, prjsim__fentry *out)
{
    if (fd->next >= fd->count)
        return ERROR_NO_MORE_FILES;
    *out = fd->entries[fd->next++];
    return 0;
}

static void host_find_close(prjsim__find *fd)
{
    free(fd->entries);
    fd->entries = NULL;
}

const prjsim__files_backend prjsim__files_host = {
    "host",
    host_open,
    host_close,
    host_read,
    host_write,
    host_set_size,
    host_query,
    host_set_info,
    host_flush,
    host_stat,
    host_set_attributes,
    host_mkdir,
    host_rmdir,
    host_unlink,
    host_rename,
    host_link,
    host_symlink,
    host_find_open,
    host_find_next,
    host_find_close,
};
