/* SPDX-License-Identifier: MIT */
/*
 * Loading a provider program: dlopen the module, find its entry point, and give every load a
 * fresh copy of the module's static data, as a new process would have.
 */
#include "internal.h"

#include "console.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * The entry points we look for, in order. MSVC gives wmain C linkage implicitly; g++ does not,
 * so a C++ program's wmain is a mangled name, one per parameter list Windows accepts.
 * `main` is never mangled.
 */
static const struct {
    const char *symbol;
    prjsim_host_entry kind;
    int params; /* how many arguments to pass: argc, argv, envp */
} entries[] = {
    /*
     * C linkage says nothing of the parameter list: these get all three arguments, which the
     * calling conventions of the platforms we run on make harmless for a two-parameter entry.
     */
    {"prjsim__wmain", PRJSIM_HOST_ENTRY_WMAIN, 3}, /* a wmain seen by <windows.h> (entry.h) */
    {"wmain", PRJSIM_HOST_ENTRY_WMAIN, 3},
    {"_Z5wmainiPPw", PRJSIM_HOST_ENTRY_WMAIN, 2},    /* int wmain(int, wchar_t **) */
    {"_Z5wmainiPPwS0_", PRJSIM_HOST_ENTRY_WMAIN, 3}, /* int wmain(int, wchar_t **, wchar_t **) */
    {"_Z5wmainiPPKw", PRJSIM_HOST_ENTRY_WMAIN, 2},   /* int wmain(int, const wchar_t **) */
    {"_Z5wmainv", PRJSIM_HOST_ENTRY_WMAIN, 0},       /* int wmain() */
    {"main", PRJSIM_HOST_ENTRY_MAIN, 3},
};

/* Files loaded so far (device and inode): a second load of one maps a private copy. */
typedef struct loaded_file {
    dev_t dev;
    ino_t ino;
    struct loaded_file *next;
} loaded_file;

static loaded_file *loaded_files;
static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;

/* Records the file; returns true if it had been loaded before. */
static bool seen_before(const struct stat *st)
{
    bool seen = false;
    pthread_mutex_lock(&loaded_lock);
    for (loaded_file *f = loaded_files; f; f = f->next)
        if (f->dev == st->st_dev && f->ino == st->st_ino)
            seen = true;
    if (!seen) {
        loaded_file *f = malloc(sizeof *f);
        if (f) {
            f->dev = st->st_dev;
            f->ino = st->st_ino;
            f->next = loaded_files;
            loaded_files = f;
        }
    }
    pthread_mutex_unlock(&loaded_lock);
    return seen;
}

/* Copies @p from into a new temporary file; returns its malloc'd path or NULL. */
static char *private_copy(const char *from, char *error, size_t error_size)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    const char *base = strrchr(from, '/');
    base = base ? base + 1 : from;
    size_t n = strlen(tmp) + strlen(base) + 32;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%s/prjsim-host-XXXXXX-%s", tmp, base);
    int out = mkstemps(path, (int)strlen(base) + 1);
    int in = out < 0 ? -1 : open(from, O_RDONLY | O_CLOEXEC);
    bool ok = in >= 0;
    char buf[65536];
    ssize_t got = 0;
    while (ok && (got = read(in, buf, sizeof buf)) != 0) {
        if (got < 0) {
            ok = errno == EINTR;
            continue;
        }
        for (ssize_t done = 0; ok && done < got;) {
            ssize_t w = write(out, buf + done, (size_t)(got - done));
            ok = w > 0 || (w < 0 && errno == EINTR);
            done += w > 0 ? w : 0;
        }
    }
    int err = errno;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        ok = false;
    if (!ok) {
        prjsim__host_set_error(error, error_size, "%s: cannot make a private copy in %s: %s", from,
                               tmp, strerror(err));
        if (out >= 0)
            unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* Whether @p sym lies in the module itself rather than in a library it depends on. */
static bool in_module(void *module, void *sym)
{
    struct link_map *map = NULL;
    Dl_info info;
    if (dlinfo(module, RTLD_DI_LINKMAP, &map) != 0 || !map || !dladdr(sym, &info) ||
        !info.dli_fname)
        return false;
    return strcmp(info.dli_fname, map->l_name) == 0;
}

/*
 * L"\Device\HarddiskVolume3\prjsim\<base name, extension replaced by .exe>", what the
 * program's I/O reports: an NT path, as on Windows (section 11.5).
 */
static void make_image_name(prjsim_host *h)
{
    const char *base = strrchr(h->path, '/');
    base = base ? base + 1 : h->path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    static const WCHAR prefix[] = L"\\Device\\HarddiskVolume3\\prjsim\\";
    size_t cap = sizeof h->image_name / sizeof h->image_name[0];
    wcscpy(h->image_name, prefix);
    size_t at = wcslen(prefix);
    char *name = strndup(base, len);
    wchar_t *wide = name ? prjsim__host_utf8_to_wide(name) : NULL;
    for (size_t i = 0; wide && wide[i] && at + 5 < cap; i++)
        h->image_name[at++] = wide[i];
    wcscpy(h->image_name + at, L".exe");
    free(wide);
    free(name);
}

int prjsim__host_open_module(prjsim_host *h, char *error, size_t error_size)
{
    struct stat st;
    if (stat(h->path, &st) != 0) {
        int err = errno;
        prjsim__host_set_error(error, error_size, "%s: %s", h->path, strerror(err));
        return err == ENOENT || err == ENOTDIR ? PRJSIM_HOST_NOT_FOUND : PRJSIM_HOST_LOAD_FAILED;
    }
    if (!S_ISREG(st.st_mode)) {
        prjsim__host_set_error(error, error_size, "%s: not a regular file", h->path);
        return PRJSIM_HOST_LOAD_FAILED;
    }
    /* dlopen searches the library path for a name without '/': we mean the file. */
    char *open_path = realpath(h->path, NULL);
    if (!open_path) {
        prjsim__host_set_error(error, error_size, "%s: %s", h->path, strerror(errno));
        return PRJSIM_HOST_LOAD_FAILED;
    }
    bool copied = false;
    if (seen_before(&st)) {
        char *copy = private_copy(open_path, error, error_size);
        free(open_path);
        if (!copy)
            return PRJSIM_HOST_SYSTEM_ERROR;
        open_path = copy;
        copied = true;
    }
    dlerror();
    h->module = dlopen(open_path, RTLD_NOW | RTLD_LOCAL);
    /*
     * The mapping keeps the copy's data: its name goes now, so nothing stays behind in TMPDIR
     * even when the process ends with _exit (a debugger or symbolizer then finds no file).
     */
    if (copied)
        unlink(open_path);
    free(open_path);
    if (!h->module) {
        const char *why = dlerror();
        const char *hint = why && strstr(why, "position-independent executable")
                               ? " (build it as a shared object with prjsim-cc or prjsim-c++)"
                               : "";
        prjsim__host_set_error(error, error_size, "cannot load %s: %s%s", h->path,
                               why ? why : "unknown error", hint);
        return PRJSIM_HOST_LOAD_FAILED;
    }
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        void *sym = dlsym(h->module, entries[i].symbol);
        if (sym && in_module(h->module, sym)) {
            h->entry = sym;
            h->entry_kind = entries[i].kind;
            h->entry_params = entries[i].params;
            break;
        }
    }
    if (!h->entry) {
        prjsim__host_set_error(error, error_size,
                               "%s exports no entry point: define wmain or main (and build with "
                               "prjsim-cc or prjsim-c++, which export it)", h->path);
        dlclose(h->module);
        h->module = NULL;
        return PRJSIM_HOST_NO_ENTRY;
    }
    make_image_name(h);
    return PRJSIM_HOST_OK;
}

size_t prjsim__host_thread_count(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return SIZE_MAX;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static bool handler_in_module(void *handler, void *module)
{
    return in_module(module, handler);
}

void prjsim__host_close_module(prjsim_host *h)
{
    if (!h->module)
        return;
    /* Its console control handlers go first: nothing may call into the module afterwards. */
    prjsim__win_console_forget_handlers(handler_in_module, h->module);
    dlclose(h->module);
    h->module = NULL;
    h->entry = NULL;
}

int prjsim_host_check(const char *path, char *error, size_t error_size)
{
    if (!path || !*path) {
        prjsim__host_set_error(error, error_size, "prjsim_host_check: invalid argument");
        return PRJSIM_HOST_INVALID_ARGUMENT;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        prjsim__host_set_error(error, error_size, "pipe: %s", strerror(errno));
        return PRJSIM_HOST_SYSTEM_ERROR;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        prjsim__host_set_error(error, error_size, "fork: %s", strerror(err));
        return PRJSIM_HOST_SYSTEM_ERROR;
    }
    if (pid == 0) {
        /* The child: the module's constructors may print; what it says is not ours to show. */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 1);
        char message[1024] = "";
        prjsim_host *h = NULL;
        int rc = prjsim_host_load(&h, path, NULL, message, sizeof message);
        (void)!write(fds[1], &rc, sizeof rc);
        (void)!write(fds[1], message, strlen(message));
        _exit(0);
    }
    close(fds[1]);
    int rc = PRJSIM_HOST_OK;
    char message[1024];
    size_t got = 0;
    ssize_t n;
    bool have_rc = false;
    char buf[sizeof message + sizeof rc];
    while ((n = read(fds[0], buf + got, sizeof buf - 1 - got)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)n;
        if (got == sizeof buf - 1)
            break;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (got >= sizeof rc) {
        memcpy(&rc, buf, sizeof rc);
        have_rc = true;
    }
    size_t len = got >= sizeof rc ? got - sizeof rc : 0;
    memcpy(message, buf + sizeof rc, len);
    message[len] = 0;
    if (!have_rc) {
        if (WIFSIGNALED(status))
            prjsim__host_set_error(error, error_size, "loading %s crashed (signal %d)", path, WTERMSIG(status));
        else
            prjsim__host_set_error(error, error_size, "loading %s ended the process (status %d)", path,
                                   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return PRJSIM_HOST_LOAD_FAILED;
    }
    if (rc != PRJSIM_HOST_OK)
        prjsim__host_set_error(error, error_size, "%s", message);
    return rc;
}
