/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/host.h
 * @brief The host: runs a provider program (a Windows-style `wmain`/`main`) in this process.
 *
 * A provider program is built as a loadable module (`prjsim-cc`/`prjsim-c++`, or
 * `prjsim_add_provider` in CMake) that exports its entry point. The host loads it, runs the
 * entry on a thread of its own with the given argv (converted to `wchar_t` for `wmain`), gives
 * it a pipe as stdin, learns which root it virtualizes, lets the caller drive client operations
 * into that root (prjsim/client.h, on the simulation the program uses), asks it to finish and
 * collects its exit code and, optionally, its output.
 *
 * A typical run:
 * @code
 * prjsim_host *h;
 * char err[256];
 * if (prjsim_host_load(&h, "build/fixtures/hello/hello.so", NULL, err, sizeof err))
 *     fail(err);                                             // PRJSIM_HOST_OK is 0
 * char *argv[] = {"hello", "C:\\HelloRoot", NULL};
 * prjsim_host_start(h, 2, argv);
 * WCHAR root[MAX_PATH];
 * prjsim_host_wait_started(h, 10000, root, MAX_PATH);        // L"C:\\HelloRoot"
 * prjsim_client_list(prjsim_sim_current(), root, NULL, 0, &entries, &n);
 * int code;
 * prjsim_host_finish(h, 10000, &code);                       // Enter, then EOF, then Ctrl+C
 * prjsim_host_destroy(h);
 * @endcode
 *
 * What is process-wide, and so limits a process to one running program at a time (the others
 * fail with PRJSIM_HOST_BUSY) unless both redirections are turned off in the options:
 * - stdin: the program reads fd 0 and the C `stdin` stream, so while it runs fd 0 of the whole
 *   process is replaced (dup2) by the host's pipe, and restored when its entry returns (the
 *   `stdin` stream is then purged and its EOF flag cleared; a stream the program made
 *   wide-oriented stays so).
 * - stdout/stderr capture: likewise fd 1 and fd 2, with everything the rest of the process
 *   prints to them meanwhile.
 *
 * Limitations, all because the program shares the host's process:
 * - `exit()`, `abort()`, `_exit()` and a crash in the program end the whole process (under
 *   `prjsim exec` that is the right outcome: `exit(n)` ends `prjsim exec` with status n). A
 *   host that must survive them runs in a child process. `ExitProcess` ends only the program
 *   when called on its entry thread (see prjsim_host_exit_program).
 * - Returning from the entry does not stop the program's other threads, nor virtualization
 *   instances it left running, as process exit would on Windows. The module is therefore
 *   unloaded (prjsim_host_destroy) only when neither can be: otherwise it stays loaded for the
 *   life of the process. Loading the same file again maps a private copy (a temporary file,
 *   removed as soon as it is mapped), so every run starts with fresh static data, as a new
 *   process would.
 * - The environment is the host's; `wmain` receives no envp.
 */
#ifndef PRJSIM_HOST_H
#define PRJSIM_HOST_H

#include <prjsim/sim.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded provider program and, once started, its run. Opaque. */
typedef struct prjsim_host prjsim_host;

/** The results of the host functions. X(ID, value, "description") */
#define PRJSIM_HOST_RESULTS(X) \
    X(OK, 0, "success") \
    X(NOT_FOUND, -1, "the program file does not exist") \
    X(LOAD_FAILED, -2, "the program could not be loaded") \
    X(NO_ENTRY, -3, "the program exports no wmain or main") \
    X(BUSY, -4, "another program is running in this process") \
    X(BAD_STATE, -5, "not possible in the program's current state") \
    X(TIMEOUT, -6, "timed out") \
    X(EXITED, -7, "the program has finished") \
    X(SYSTEM_ERROR, -8, "a system call failed") \
    X(INVALID_ARGUMENT, -9, "invalid argument") \
    X(UNHANDLED, -10, "no console control handler took the event (Windows would end the process)")

typedef enum prjsim_host_result {
#define PRJSIM_HOST_RESULT_ENUM_(id, value, text) PRJSIM_HOST_##id = value,
    PRJSIM_HOST_RESULTS(PRJSIM_HOST_RESULT_ENUM_)
#undef PRJSIM_HOST_RESULT_ENUM_
} prjsim_host_result;

/** The identifier of a result ("PRJSIM_HOST_TIMEOUT"); "?" for other values. */
const char *prjsim_host_result_name(int result);
/** A one-line description of a result. */
const char *prjsim_host_result_text(int result);

/** What the program's stdin is. */
typedef enum prjsim_host_stdin {
    /** A pipe written with prjsim_host_write_stdin and closed with prjsim_host_close_stdin. */
    PRJSIM_HOST_STDIN_PIPE = 0,
    /**
     * A pipe fed by a host thread copying this process's own stdin until its end, which then
     * closes the pipe (what `prjsim exec` uses). prjsim_host_write_stdin and
     * prjsim_host_close_stdin still work.
     */
    PRJSIM_HOST_STDIN_FORWARD,
    /** fd 0 is left alone: the program reads whatever the process reads. */
    PRJSIM_HOST_STDIN_INHERIT
} prjsim_host_stdin;

/** The entry point the host found. */
typedef enum prjsim_host_entry {
    PRJSIM_HOST_ENTRY_WMAIN = 1, /**< `wmain(int, wchar_t **)`, C or C++ linkage */
    PRJSIM_HOST_ENTRY_MAIN       /**< `main(int, char **)` */
} prjsim_host_entry;

/** Version of prjsim_host_options; bump when fields are appended. */
#define PRJSIM_HOST_OPTIONS_VERSION 1

/**
 * Options of a run. Initialise with PRJSIM_HOST_OPTIONS_INIT and change the fields you need.
 */
typedef struct prjsim_host_options {
    /** Must be PRJSIM_HOST_OPTIONS_VERSION. */
    uint32_t version;
    /** The program's stdin. */
    prjsim_host_stdin stdin_mode;
    /** Capture fd 1 into a buffer read with prjsim_host_output. */
    bool capture_stdout;
    /** Capture fd 2 into a buffer read with prjsim_host_output. */
    bool capture_stderr;
    /** Also copy captured output to where fd 1 / fd 2 went before. */
    bool echo_output;
    /**
     * Process id the program's own I/O reports (TriggeringProcessId of the callbacks it
     * triggers). 0 = GetCurrentProcessId(), which is what the program sees as its own id.
     */
    uint32_t process_id;
    /**
     * Image file name its own I/O reports; copied. NULL = `C:\prjsim\<file name of the
     * module, extension replaced by .exe>`.
     */
    const WCHAR *image_file_name;
    /**
     * The simulation whose instances tell when the program has started virtualizing.
     * NULL = the current simulation at prjsim_host_start (the one the program's Prj* calls use).
     */
    prjsim_sim *sim;
} prjsim_host_options;

#define PRJSIM_HOST_OPTIONS_INIT \
    { PRJSIM_HOST_OPTIONS_VERSION, PRJSIM_HOST_STDIN_PIPE, false, false, false, 0, NULL, NULL }

/**
 * Loads a provider program with dlopen (RTLD_NOW | RTLD_LOCAL) and finds its entry point:
 * `wmain` (C linkage, or C++ linkage as `int wmain(int, wchar_t **)`, with or without envp,
 * or no parameters), else `main`. Static constructors of the module run here.
 * @param out receives the host on success (NULL otherwise).
 * @param path the module; a path without '/' is looked up in the current directory, not in the
 *  library search path.
 * @param options NULL for the defaults.
 * @param error receives a one-line message on failure (may be NULL).
 * @return PRJSIM_HOST_OK; NOT_FOUND (no such file), LOAD_FAILED (not a shared object,
 *  an undefined symbol, built with other sanitizers...: the loader's message is in @p error),
 *  NO_ENTRY, INVALID_ARGUMENT (bad options).
 */
int prjsim_host_load(prjsim_host **out, const char *path, const prjsim_host_options *options,
                     char *error, size_t error_size);

/**
 * Checks that @p path is a program prjsim_host_load would load (the file exists, is a shared
 * object, exports wmain or main), without loading it into this process: the load is tried in
 * a forked child, so nothing of the module stays here. For tools that must reject a bad
 * program up front (a usage error) before they run anything. Call it before starting threads.
 * @return as prjsim_host_load; LOAD_FAILED also when loading crashed the child.
 */
int prjsim_host_check(const char *path, char *error, size_t error_size);

/** The entry point found by prjsim_host_load. */
prjsim_host_entry prjsim_host_entry_kind(const prjsim_host *host);

/**
 * Starts the program: redirects stdin (and output, if asked), then calls its entry on a new
 * thread with @p argv, converted from UTF-8 to wchar_t for `wmain` (invalid bytes become
 * U+FFFD). The entry thread's client caller is the program's (is_provider = true), so its own
 * I/O under its roots triggers callbacks but no notifications. A program runs once per load.
 * @param argc number of arguments, 0 to pass just the module path as argv[0].
 * @param argv the arguments, argv[0] being the program name as Windows passes it; copied.
 * @return PRJSIM_HOST_OK; BAD_STATE (already started), BUSY (another program is running in
 *  this process with redirections), SYSTEM_ERROR (pipe or thread creation failed).
 */
int prjsim_host_start(prjsim_host *host, int argc, char *const *argv);

/**
 * Writes to the program's stdin pipe (all of it, blocking while the pipe is full).
 * @return PRJSIM_HOST_OK; BAD_STATE (not started, stdin inherited, or already closed),
 *  EXITED (the program has finished; this wins over BAD_STATE once it has), SYSTEM_ERROR.
 */
int prjsim_host_write_stdin(prjsim_host *host, const void *data, size_t size);

/** Closes the program's stdin: its next read sees end of file. Closing twice is harmless. */
int prjsim_host_close_stdin(prjsim_host *host);

/**
 * Raises a console control event in the program (CTRL_C_EVENT, CTRL_BREAK_EVENT,
 * CTRL_CLOSE_EVENT) through the Win32 layer's console handlers (SetConsoleCtrlHandler),
 * which run on the calling thread.
 * @return PRJSIM_HOST_OK (a handler took it); UNHANDLED (none did: Windows would end the
 *  process, the host cannot end the program); BAD_STATE (not started); EXITED.
 */
int prjsim_host_raise_console_ctrl(prjsim_host *host, DWORD ctrl_event);

/**
 * Waits until the program has started a virtualization instance (more instances running on
 * the simulation than when it started) and gives the root of the newest.
 * @param timeout_ms INFINITE to wait for ever.
 * @param root receives the root (may be NULL); @p root_chars its capacity.
 * @return PRJSIM_HOST_OK; TIMEOUT; EXITED (it finished before starting one: see
 *  prjsim_host_wait for its exit code); BAD_STATE (not started).
 */
int prjsim_host_wait_started(prjsim_host *host, DWORD timeout_ms, WCHAR *root, size_t root_chars);

/**
 * Waits for the program's entry to return.
 * @param exit_code receives its return value, or the code given to ExitProcess (may be NULL).
 * @return PRJSIM_HOST_OK; TIMEOUT (still running); BAD_STATE (not started).
 */
int prjsim_host_wait(prjsim_host *host, DWORD timeout_ms, int *exit_code);

/**
 * Asks the program to finish the ways a console provider is told to, each given a third of
 * @p timeout_ms before the next: Enter (a newline on stdin), end of stdin, CTRL_C_EVENT.
 * @return as prjsim_host_wait.
 */
int prjsim_host_finish(prjsim_host *host, DWORD timeout_ms, int *exit_code);

/** Whether the program has started and its entry has not yet returned. */
bool prjsim_host_running(const prjsim_host *host);

/**
 * A copy of what the program wrote so far to fd 1 or fd 2 with capture on, NUL-terminated;
 * free it with free(). Output still in a stdio buffer shows once the program flushes it (the
 * host flushes every stream when the entry returns). NULL when that fd is not captured.
 */
char *prjsim_host_output(prjsim_host *host, int fd, size_t *size);

/**
 * Frees the host. If the program still runs it is first told to finish (as prjsim_host_finish,
 * 3 seconds); if it does not, its thread is left running and the redirections are undone.
 * The module is unloaded (its console control handlers removed first) when its entry has
 * returned, it left no instance running on its simulation and the process has no more
 * threads than before prjsim_host_start; otherwise it stays loaded. Destroy the host before
 * the simulation its program ran on.
 */
void prjsim_host_destroy(prjsim_host *host);

/**
 * Ends the calling program as if its entry had returned @p exit_code, when called on the entry
 * thread of a program run by the host: the thread unwinds and exits (pthread_exit). For the
 * Win32 layer's ExitProcess. Returns false, doing nothing, on any other thread (ExitProcess
 * then ends the process).
 */
bool prjsim_host_exit_program(int exit_code);

#ifdef __cplusplus
}
#endif

#endif
