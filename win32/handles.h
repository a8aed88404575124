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
    /* Frees the object's resources; the header is freed by the caller. FALSE sets no error. */
    BOOL (*close)(prjsim__win_object *obj);
} prjsim__win_ops;

struct prjsim__win_object {
    prjsim__win_type type;
    const prjsim__win_ops *ops;
};

/* Registers a new object and returns it as a HANDLE. */
HANDLE prjsim__win_register(prjsim__win_object *obj);
/*
 * The object behind a handle if it is open and of @p type (0 = any type); otherwise NULL with
 * ERROR_INVALID_HANDLE set.
 */
prjsim__win_object *prjsim__win_lookup(HANDLE h, prjsim__win_type type);

#endif
