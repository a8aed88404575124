/* SPDX-License-Identifier: MIT */
/*
 * The FUSE baseline of p1: the same open+close of distinct files in one large directory, through
 * a libfuse3 file system served by this process, with every kernel cache that would spare the
 * daemon a round trip turned off: each open costs LOOKUP "big", LOOKUP the file, OPEN, and an
 * asynchronous RELEASE on close. The tree is equivalent to the simulator's: a directory "big"
 * holding files f0000000, f0000001, ... (empty, read-only).
 *
 * The low-level API is used: the daemon maps a name to an inode number by parsing it (O(1)), with
 * no path strings or node table in between, so the baseline is the fastest honest FUSE provider
 * rather than libfuse's high-level bookkeeping.
 *
 * The loop is libfuse's single-threaded fuse_session_loop on one extra thread, pinned with the
 * client thread to the CPU the client is on. The client opens one file at a time, so requests are
 * a strict ping-pong: on two CPUs each one pays a cross-CPU wake-up (on a VM with idle vCPUs, tens
 * of microseconds per hop), and where the scheduler happens to put the daemon thread made the
 * median swing between ~30 and ~170 us from run to run. On one CPU it is the fastest and steadiest
 * of the four combinations measured; fuse_session_loop_mt was ~20% slower pinned (a worker hand-off
 * per request) and noisier still unpinned.
 */
#include "bench.h"

#include <stdio.h>
#include <string.h>

#ifndef PRJSIM_BENCH_HAVE_FUSE3

bool bench_fuse_open_close(size_t files, const size_t *order, size_t ops, double *samples_us,
                           char *why, size_t why_len)
{
    (void)files;
    (void)order;
    (void)ops;
    (void)samples_us;
    snprintf(why, why_len,
             "FUSE baseline not built: libfuse3 development files (pkg-config fuse3) not found");
    return false;
}

#else

#define FUSE_USE_VERSION 31
#include <fuse_lowlevel.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/* Inode numbers: the root is FUSE_ROOT_ID (1), "big" is 2, file i is FB_FIRST_FILE + i. */
#define FB_BIG_INO 2
#define FB_FIRST_FILE 3

typedef struct fb_fs {
    size_t count;
    int width; /* digits after the "f", as memtree_add_many writes them */
} fb_fs;

static void fb_stat(fuse_ino_t ino, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_ino = ino;
    st->st_uid = getuid();
    st->st_gid = getgid();
    if (ino < FB_FIRST_FILE) {
        st->st_mode = S_IFDIR | 0555;
        st->st_nlink = 2;
    } else {
        st->st_mode = S_IFREG | 0444;
        st->st_nlink = 1;
    }
}

/* The index of file @p name ("f" and exactly fs->width digits), or SIZE_MAX if there is none. */
static size_t fb_parse(const fb_fs *fs, const char *name)
{
    if (name[0] != 'f')
        return SIZE_MAX;
    size_t v = 0;
    int d = 0;
    for (const char *p = name + 1; *p; p++, d++) {
        if (*p < '0' || *p > '9' || d >= fs->width)
            return SIZE_MAX;
        v = v * 10 + (size_t)(*p - '0');
    }
    return d == fs->width && v < fs->count ? v : SIZE_MAX;
}

static void fb_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    const fb_fs *fs = fuse_req_userdata(req);
    fuse_ino_t ino = 0;
    if (parent == FUSE_ROOT_ID && strcmp(name, "big") == 0) {
        ino = FB_BIG_INO;
    } else if (parent == FB_BIG_INO) {
        size_t i = fb_parse(fs, name);
        if (i != SIZE_MAX)
            ino = FB_FIRST_FILE + (fuse_ino_t)i;
    }
    if (ino == 0) {
        /* ENOENT, not a zero-inode entry with a timeout: nothing negative is cached. */
        fuse_reply_err(req, ENOENT);
        return;
    }
    /* Timeouts of 0: the kernel asks again on every path walk (entry_timeout, attr_timeout). */
    struct fuse_entry_param e;
    memset(&e, 0, sizeof e);
    e.ino = ino;
    fb_stat(ino, &e.attr);
    fuse_reply_entry(req, &e);
}

static void fb_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    (void)fi;
    struct stat st;
    fb_stat(ino, &st);
    fuse_reply_attr(req, &st, 0.0);
}

static void fb_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    if (ino < FB_FIRST_FILE) {
        fuse_reply_err(req, EISDIR);
        return;
    }
    if ((fi->flags & O_ACCMODE) != O_RDONLY) {
        fuse_reply_err(req, EACCES);
        return;
    }
    /* No page cache for the file's data either. */
    fi->direct_io = 1;
    fi->keep_cache = 0;
    fuse_reply_open(req, fi);
}

static void fb_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
                    struct fuse_file_info *fi)
{
    (void)ino;
    (void)size;
    (void)off;
    (void)fi;
    fuse_reply_buf(req, NULL, 0); /* every file is empty */
}

/*
 * No flush, release or forget: libfuse answers them itself (flush with ENOSYS, after which the
 * kernel stops sending it; release and forget need nothing from a static tree).
 */
static const struct fuse_lowlevel_ops fb_ops = {
    .lookup = fb_lookup,
    .getattr = fb_getattr,
    .open = fb_open,
    .read = fb_read,
};

/* libfuse reports why a mount failed through its log; keep the last line as the reason. */
static char fb_log_last[256];

static void fb_log(enum fuse_log_level level, const char *fmt, va_list ap)
{
    (void)level;
    vsnprintf(fb_log_last, sizeof fb_log_last, fmt, ap);
    size_t n = strlen(fb_log_last);
    while (n > 0 && (fb_log_last[n - 1] == '\n' || fb_log_last[n - 1] == ' '))
        fb_log_last[--n] = '\0';
}

typedef struct fb_server {
    struct fuse_session *se;
    pthread_t thread;
    atomic_bool done;
} fb_server;

static void *fb_serve(void *arg)
{
    fb_server *s = arg;
    fuse_session_loop(s->se);
    atomic_store(&s->done, true);
    return NULL;
}

/*
 * A session mounted on @p mnt, or NULL with the reason in @p why. auto_unmount has fusermount3
 * unmount the file system if this process dies without doing so (a killed run leaves no stale
 * mount). Root can mount without that helper, so root retries without auto_unmount if it
 * failed (fusermount3 missing); others need fusermount3 anyway and would only fail twice.
 */
static struct fuse_session *fb_mount(const char *mnt, fb_fs *fs, char *why, size_t why_len)
{
    static const char *const opts[] = { "fsname=prjsim-bench,subtype=prjsim-bench,auto_unmount",
                                        "fsname=prjsim-bench,subtype=prjsim-bench" };
    fb_log_last[0] = '\0';
    fuse_set_log_func(fb_log);
    struct fuse_session *se = NULL;
    size_t tries = geteuid() == 0 ? 2 : 1;
    for (size_t k = 0; k < tries && !se; k++) {
        char *argv[] = { "prjsim-bench", "-o", (char *)opts[k], NULL };
        struct fuse_args args = FUSE_ARGS_INIT(3, argv);
        se = fuse_session_new(&args, &fb_ops, sizeof fb_ops, fs);
        fuse_opt_free_args(&args);
        if (se && fuse_session_mount(se, mnt) != 0) {
            fuse_session_destroy(se);
            se = NULL;
        }
    }
    if (!se)
        snprintf(why, why_len, "FUSE baseline skipped: mount failed: %s",
                 fb_log_last[0] ? fb_log_last : "fusermount3 refused (its message is on stderr)");
    fuse_set_log_func(NULL); /* back to stderr */
    return se;
}

bool bench_fuse_open_close(size_t files, const size_t *order, size_t ops, double *samples_us,
                           char *why, size_t why_len)
{
    int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_len, "FUSE baseline skipped: cannot open /dev/fuse: %s",
                 strerror(errno));
        return false;
    }
    close(fd);

    fb_fs fs = { .count = files, .width = 7 };
    for (size_t c = files > 0 ? files - 1 : 0; c >= 10000000; c /= 10)
        fs.width++;
    char mnt[] = "/tmp/prjsim-bench-fuse-XXXXXX";
    if (!mkdtemp(mnt)) {
        snprintf(why, why_len, "FUSE baseline skipped: mkdtemp: %s", strerror(errno));
        return false;
    }
    fb_server s = { .se = fb_mount(mnt, &fs, why, why_len) };
    atomic_init(&s.done, false);
    bool ok = false;
    if (!s.se)
        goto out_rmdir;
    /* One CPU for client and daemon (see the top of the file); the loop thread inherits it. */
    cpu_set_t saved;
    bool pinned = false;
    int cpu = sched_getcpu();
    if (cpu >= 0 && pthread_getaffinity_np(pthread_self(), sizeof saved, &saved) == 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        pinned = pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
    }
    int err = pthread_create(&s.thread, NULL, fb_serve, &s);
    if (err != 0) {
        snprintf(why, why_len, "FUSE baseline skipped: pthread_create: %s", strerror(err));
        goto out_unmount;
    }

    /* The client side, as in the simulator's loop: the path is formatted outside the timing. */
    char path[sizeof mnt + 64];
    ok = true;
    for (size_t i = 0; i < ops; i++) {
        snprintf(path, sizeof path, "%s/big/f%0*zu", mnt, fs.width, order[i]);
        double t0 = bench_now();
        int f = open(path, O_RDONLY | O_CLOEXEC);
        if (f >= 0)
            close(f);
        samples_us[i] = (bench_now() - t0) * 1e6;
        if (f < 0) {
            snprintf(why, why_len, "FUSE baseline failed: open %s: %s", path, strerror(errno));
            ok = false;
            break;
        }
    }

    /*
     * Stop the loop: it checks for exit only between requests, so it must be given one. A lazy
     * unmount does that without any risk of blocking (the kernel aborts the connection and the
     * loop's read fails); where we may not unmount (fusermount3 mounted it for a non-root user),
     * a stat of the root is the request, sent only while the loop still runs to answer it.
     */
    fuse_session_exit(s.se);
    if (umount2(mnt, MNT_DETACH) != 0 && !atomic_load(&s.done)) {
        struct stat st;
        stat(mnt, &st);
    }
    pthread_join(s.thread, NULL);
out_unmount:
    if (pinned)
        pthread_setaffinity_np(pthread_self(), sizeof saved, &saved);
    fuse_session_unmount(s.se); /* closes the device; unmounts unless already done above */
    fuse_session_destroy(s.se);
out_rmdir:
    rmdir(mnt);
    return ok;
}

#endif
