/* SPDX-License-Identifier: MIT */
/*
 * ProjFS played by a test: a PrjStartVirtualizing stand-in for the recorder (prjsim__rec_start)
 * that keeps the wrapped callback table and the recorder's instance context, so the test calls
 * the provider's callbacks through the recorder as ProjFS would. For checker_events_test.c and
 * windows/tests/prjconf_run_test.c.
 */
#ifndef PRJSIM_RECORDING_FAKE_PROJFS_H
#define PRJSIM_RECORDING_FAKE_PROJFS_H

#include <projectedfslib.h>

static PRJ_CALLBACKS wrapped;
static void *wrapped_context; /* the recorder's instance context, which callbacks carry */
static int fake_instance;
#define FAKE_PROJFS_CONTEXT ((PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT)&fake_instance)

static HRESULT STDAPICALLTYPE fake_start(PCWSTR root, const PRJ_CALLBACKS *callbacks, const void *instance_context,
                                         const PRJ_STARTVIRTUALIZING_OPTIONS *options,
                                         PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT *out)
{
    (void)root, (void)options;
    wrapped = *callbacks;
    wrapped_context = (void *)instance_context;
    *out = FAKE_PROJFS_CONTEXT;
    return S_OK;
}

#endif
