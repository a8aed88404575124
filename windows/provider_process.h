/* SPDX-License-Identifier: MIT */
/*
 * A provider program (an .exe, unchanged) that the runner starts on the root, as its author runs
 * it: it marks the root, starts virtualizing and waits for Enter on its standard input, as
 * hello.exe and mirror.exe do. Running it in its own process also makes prjconf's I/O come from
 * "another process", which ProjFS needs to send notifications (docs/windows.md).
 */
#ifndef PRJSIM_PROVIDER_PROCESS_H
#define PRJSIM_PROVIDER_PROCESS_H

#include <windows.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct prjsim_provider_process {
    HANDLE process;     /* NULL when none runs */
    HANDLE stdin_write; /* our end of its standard input */
} prjsim_provider_process;

/*
 * Builds a command line for CreateProcessW from @p argv (quoted as CommandLineToArgvW splits
 * it) into @p out of @p size characters. Every argument equal to "{root}" becomes @p root.
 * @return false when it does not fit.
 */
bool prjsim_provider_command_line(const WCHAR *const *argv, size_t argc, const WCHAR *root, WCHAR *out,
                                  size_t size);

/*
 * Starts @p exe with @p argv (argv[0] is the program name as given) and waits until the root is
 * virtualized: marked (FILE_ATTRIBUTE_REPARSE_POINT) and listable, which a marked root is not
 * before PrjStartVirtualizing. Standard output and error are the runner's.
 * @return false with the reason (could not start; exited with status N first; not ready within
 *  @p timeout_ms) in @p err; the process is then stopped.
 */
bool prjsim_provider_process_start(prjsim_provider_process *p, const WCHAR *const *argv, size_t argc,
                                   const WCHAR *root, DWORD timeout_ms, char *err, size_t errlen);

/*
 * Presses Enter (writes a line to its standard input and closes it), waits @p timeout_ms for it
 * to exit, and terminates it otherwise. Safe when none runs.
 * @return false with the reason (terminated, or its nonzero exit status) in @p err.
 */
bool prjsim_provider_process_stop(prjsim_provider_process *p, DWORD timeout_ms, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
