/* SPDX-License-Identifier: MIT */
/*
 * Kernel-object handles of the Win32 layer. Every HANDLE it hands out points to an object that
 * starts with this header; a registry of live objects lets CloseHandle and the other functions
 * reject handles that are not open with ERROR_INVALID_HANDLE instead of crashing.
 */
#ifndef PRJSIM_WIN32_HANDLES_H
#define PRJSIM_WIN32_HANDLES_H

#include <windows.h>
#include <stdbool.h>

typedef enum prjsim__win_type {
    PRJSIM_WIN_FILE = 1,
    PRJSIM_WIN_THREAD,
    PRJSIM_WIN_EVENT,
    PRJSIM_WIN_MUTEX,
    PRJSIM_WIN_SEMAPHORE,
    PRJSIM_WIN_CONSOLE,
} prjsim__win_type;

typedef struct prjsim__win_object prjsim__win_object;

typedef struct prjsim__win_ops {
    /* CloseHandle: closes what the handle stands for. FALSE sets no error. A call on the object
     * that another thread is still in (it holds a reference) goes on with the object alive. */
    BOOL (*close)(prjsim__win_object *obj);
    /* Optional: frees the object's own resources when its last reference goes (after close);
     * the header is freed by the caller. */
    void (*destroy)(prjsim__win_object *obj);
} prjsim__win_ops;

struct prjsim__win_object {
    prjsim__win_type type;
    const prjsim__win_ops *ops;
    unsigned refs; /* the registry's (until CloseHandle) and prjsim__win_acquire's; under its lock */
};

/* Registers a new object and returns it as a HANDLE. */
HANDLE prjsim__win_register(prjsim__win_object *obj);
/*
 * The object behind a handle if it is open and of @p type (0 = any type); otherwise NULL with
 * ERROR_INVALID_HANDLE set.
 */
prjsim__win_object *prjsim__win_lookup(HANDLE h, prjsim__win_type type);
/*
 * As prjsim__win_lookup, and the object stays allocated until prjsim__win_release, even if
 * another thread closes the handle meanwhile: for calls that can wait (a read a provider
 * pends), so that CloseHandle on another thread does not free the object under them.
 */
prjsim__win_object *prjsim__win_acquire(HANDLE h, prjsim__win_type type);
/* Drops a reference of prjsim__win_acquire; the last one destroys and frees the object. */
void prjsim__win_release(prjsim__win_object *obj);

#endif
