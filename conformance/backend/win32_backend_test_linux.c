/* SPDX-License-Identifier: MIT */
/*
 * The win32 backend test's directory on Linux: on a simulation of its own, outside every root,
 * with the backend attached to that simulation so that the Win32 layer sends the paths to its
 * volume (as one NTFS volume holds a Windows run's folders).
 */
#include "win32_backend_test.h"

#include <prjsim.h>
#include <wchar.h>

static prjsim_sim *sim;

bool seam_test_setup(WCHAR *dir, size_t chars)
{
    if (FAILED(prjsim_sim_create(&sim, NULL)))
        return false;
    prjsim_sim_set_current(sim);
    prjsim_backend_win32.attach(sim);
    swprintf(dir, chars, L"C:\\seam-test");
    return prjsim_backend_win32.mkdir(dir).code == 0;
}

void seam_test_teardown(const WCHAR *dir)
{
    (void)dir;
    prjsim_backend_win32.attach(NULL);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}
