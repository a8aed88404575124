/* SPDX-License-Identifier: MIT */
/*
 * What the tests of calls waiting on a provider share (handles_test.c, cancel_test.c): memtree
 * under C:\base behind the fault wrapper, which holds or pends its callbacks, and the teardown.
 */
#ifndef PRJSIM_WIN32_FAULTY_ROOT_TEST_H
#define PRJSIM_WIN32_FAULTY_ROOT_TEST_H

#include "file_test_common.h"

#include <fault.h>

static fault_wrapper *wrapper;

/* memtree under C:\base behind the fault wrapper with @p spec. */
static void start_faulty(const char *spec)
{
    test_place = IN_ROOT;
    make_drives();
    cr_assert(CreateDirectoryW(L"C:\\base", NULL));
    char err[256] = "";
    cr_assert_eq(memtree_create(&test_tree), S_OK);
    cr_assert_eq(memtree_parse_manifest(test_tree, test_manifest, "test", err, sizeof err), S_OK, "%s", err);
    cr_assert_eq(fault_wrap(memtree_callbacks(), test_tree, spec, &wrapper, err, sizeof err), S_OK, "%s", err);
    GUID id = {0};
    cr_assert_eq(PrjMarkDirectoryAsPlaceholder(L"C:\\base", NULL, NULL, &id), S_OK);
    cr_assert_eq(PrjStartVirtualizing(L"C:\\base", fault_callbacks(wrapper), fault_context(wrapper), NULL, &test_ctx),
                 S_OK);
}

/* The .fini of such a test: the wrapper lets go of what it holds before the root stops. */
static void stop_all(void)
{
    if (wrapper)
        fault_disarm(wrapper);
    teardown_place();
    fault_free(wrapper);
    wrapper = NULL;
}

#endif
