/* SPDX-License-Identifier: MIT */
/* The registry of live Win32 objects, CloseHandle, and the thread's last error. */
#include "handles.h"

#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static prjsim__win_object **live;
static size_t live_count, live_cap;
static _Thread_local DWORD last_error;

DWORD WINAPI GetLastError(void)
{
    return last_error;
}

void WINAPI SetLastError(DWORD dwErrCode)
{
    last_error = dwErrCode;
}

HANDLE prjsim__win_register(prjsim__win_object *obj)
{
    pthread_mutex_lock(&lock);
    if (live_count == live_cap) {
        size_t cap = live_cap ? live_cap * 2 : 64;
        prjsim__win_object **grown = realloc(live, cap * sizeof *live);
        if (!grown) {
            pthread_mutex_unlock(&lock);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return INVALID_HANDLE_VALUE;
        }
        live = grown;
        live_cap = cap;
    }
    obj->refs = 1; /* the registry's, dropped by CloseHandle */
    live[live_count++] = obj;
    pthread_mutex_unlock(&lock);
    return (HANDLE)obj;
}

static size_t find(const void *h)
{
    for (size_t i = 0; i < live_count; i++)
        if (live[i] == h)
            return i;
    return SIZE_MAX;
}

prjsim__win_object *prjsim__win_lookup(HANDLE h, prjsim__win_type type)
{
    pthread_mutex_lock(&lock);
    size_t i = find(h);
    prjsim__win_object *obj = i == SIZE_MAX ? NULL : live[i];
    pthread_mutex_unlock(&lock);
    if (!obj || (type && obj->type != type)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return obj;
}

prjsim__win_object *prjsim__win_acquire(HANDLE h, prjsim__win_type type)
{
    pthread_mutex_lock(&lock);
    size_t i = find(h);
    prjsim__win_object *obj = i == SIZE_MAX ? NULL : live[i];
    if (obj && (!type || obj->type == type))
        obj->refs++;
    pthread_mutex_unlock(&lock);
    if (!obj || (type && obj->type != type)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return obj;
}

void prjsim__win_release(prjsim__win_object *obj)
{
    pthread_mutex_lock(&lock);
    bool last = --obj->refs == 0;
    pthread_mutex_unlock(&lock);
    if (!last)
        return;
    if (obj->ops && obj->ops->destroy)
        obj->ops->destroy(obj);
    free(obj);
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
    pthread_mutex_lock(&lock);
    size_t i = find(hObject);
    prjsim__win_object *obj = NULL;
    if (i != SIZE_MAX) {
        obj = live[i];
        live[i] = live[--live_count];
    }
    pthread_mutex_unlock(&lock);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL ok = obj->ops && obj->ops->close ? obj->ops->close(obj) : TRUE;
    prjsim__win_release(obj); /* freed now, or when the last call still in it returns */
    return ok;
}
