/* SPDX-License-Identifier: MIT */
/*
 * The host (prjsim/host.h) against small programs built with prjsim_add_provider
 * (programs/): load errors, argv conversion, stdin, output, exit codes, the console control
 * event, ExitProcess, and learning the root a program virtualizes. Criterion runs each test in
 * a process of its own, which is what the host's process-wide fd 0 wants.
 */
#include <prjsim.h>
#include <prjsim/host.h>
#include <prjsim/win.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#define PROGRAM(name) HOSTPROG_DIR "/hostprog_" name ".so"

static char error[1024];

static prjsim_host *load(const char *path, const prjsim_host_options *options)
{
    prjsim_host *h = NULL;
    int rc = prjsim_host_load(&h, path, options, error, sizeof error);
    cr_assert_eq(rc, PRJSIM_HOST_OK, "load %s: %s: %s", path, prjsim_host_result_name(rc), error);
    return h;
}

static prjsim_host *load_capturing(const char *path)
{
    prjsim_host_options o = PRJSIM_HOST_OPTIONS_INIT;
    o.capture_stdout = true;
    return load(path, &o);
}

static void start(prjsim_host *h, int argc, char **argv)
{
    int rc = prjsim_host_start(h, argc, argv);
    cr_assert_eq(rc, PRJSIM_HOST_OK, "start: %s", prjsim_host_result_name(rc));
}

static int wait_exit(prjsim_host *h)
{
    int code = -1;
    int rc = prjsim_host_wait(h, 20000, &code);
    cr_assert_eq(rc, PRJSIM_HOST_OK, "wait: %s", prjsim_host_result_name(rc));
    return code;
}

/* Waits until the captured stdout contains @p text. */
static void wait_output(prjsim_host *h, const char *text)
{
    for (int i = 0;; i++) {
        char *out = prjsim_host_output(h, 1, NULL);
        bool found = out && strstr(out, text);
        free(out);
        if (found)
            return;
        cr_assert_lt(i, 20000, "no '%s' on stdout within 20 s", text);
        usleep(1000);
    }
}

static void expect_stdout(prjsim_host *h, const char *want)
{
    size_t n = 0;
    char *out = prjsim_host_output(h, 1, &n);
    cr_assert_not_null(out);
    cr_expect_str_eq(out, want);
    cr_expect_eq(n, strlen(want));
    free(out);
}

/* ---- Loading ---- */

Test(host_load, missing_file)
{
    prjsim_host *h = (prjsim_host *)1;
    int rc = prjsim_host_load(&h, HOSTPROG_DIR "/no-such-program.so", NULL, error, sizeof error);
    cr_expect_eq(rc, PRJSIM_HOST_NOT_FOUND, "%s", prjsim_host_result_name(rc));
    cr_expect_null(h);
    cr_expect(strstr(error, "no-such-program.so") && strstr(error, "No such file"), "%s", error);
}

Test(host_load, not_a_module)
{
    char path[] = "/tmp/prjsim-host-test-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, "not ELF\n", 8), 8);
    close(fd);
    prjsim_host *h = NULL;
    int rc = prjsim_host_load(&h, path, NULL, error, sizeof error);
    unlink(path);
    cr_expect_eq(rc, PRJSIM_HOST_LOAD_FAILED, "%s", prjsim_host_result_name(rc));
    cr_expect(strstr(error, "cannot load"), "%s", error);

    rc = prjsim_host_load(&h, "/tmp", NULL, error, sizeof error);
    cr_expect_eq(rc, PRJSIM_HOST_LOAD_FAILED, "%s", prjsim_host_result_name(rc));
    cr_expect(strstr(error, "not a regular file"), "%s", error);
}

Test(host_load, no_entry_point)
{
    prjsim_host *h = NULL;
    int rc = prjsim_host_load(&h, PROGRAM("noentry"), NULL, error, sizeof error);
    cr_expect_eq(rc, PRJSIM_HOST_NO_ENTRY, "%s", prjsim_host_result_name(rc));
    cr_expect(strstr(error, "wmain or main"), "%s", error);
    cr_expect_null(h);
}

/* The check loads in a child: the answers of prjsim_host_load, and nothing loaded here. */
Test(host_check, answers_as_load_does)
{
    cr_expect_eq(prjsim_host_check(PROGRAM("args"), error, sizeof error), PRJSIM_HOST_OK, "%s", error);
    int rc = prjsim_host_check(HOSTPROG_DIR "/no-such-program.so", error, sizeof error);
    cr_expect_eq(rc, PRJSIM_HOST_NOT_FOUND, "%s", prjsim_host_result_name(rc));
    cr_expect(strstr(error, "no-such-program.so") && strstr(error, "No such file"), "%s", error);
    rc = prjsim_host_check(PROGRAM("noentry"), error, sizeof error);
    cr_expect_eq(rc, PRJSIM_HOST_NO_ENTRY, "%s", prjsim_host_result_name(rc));
    cr_expect(strstr(error, "wmain or main"), "%s", error);
    char path[] = "/tmp/prjsim-host-test-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, "not ELF\n", 8), 8);
    close(fd);
    rc = prjsim_host_check(path, error, sizeof error);
    unlink(path);
    cr_expect_eq(rc, PRJSIM_HOST_LOAD_FAILED, "%s", prjsim_host_result_name(rc));
    cr_expect(strstr(error, "cannot load"), "%s", error);
    cr_expect_eq(prjsim_host_check("", error, sizeof error), PRJSIM_HOST_INVALID_ARGUMENT);
    /* nothing of the module was loaded into this process */
    cr_expect_null(dlopen(PROGRAM("args"), RTLD_NOW | RTLD_NOLOAD));
}

Test(host_load, invalid_arguments)
{
    prjsim_host *h = NULL;
    prjsim_host_options o = PRJSIM_HOST_OPTIONS_INIT;
    o.version = 99;
    cr_expect_eq(prjsim_host_load(&h, PROGRAM("args"), &o, NULL, 0), PRJSIM_HOST_INVALID_ARGUMENT);
    cr_expect_eq(prjsim_host_load(&h, "", NULL, NULL, 0), PRJSIM_HOST_INVALID_ARGUMENT);
    cr_expect_eq(prjsim_host_load(NULL, PROGRAM("args"), NULL, NULL, 0), PRJSIM_HOST_INVALID_ARGUMENT);
    cr_expect_str_eq(prjsim_host_result_name(PRJSIM_HOST_TIMEOUT), "PRJSIM_HOST_TIMEOUT");
    cr_expect_str_eq(prjsim_host_result_text(PRJSIM_HOST_NO_ENTRY), "the program exports no wmain or main");
    cr_expect_str_eq(prjsim_host_result_name(12345), "?");
}

Test(host_load, not_started_yet)
{
    prjsim_host *h = load(PROGRAM("lines"), NULL);
    cr_expect_eq(prjsim_host_entry_kind(h), PRJSIM_HOST_ENTRY_MAIN);
    cr_expect_eq(prjsim_host_wait(h, 0, NULL), PRJSIM_HOST_BAD_STATE);
    cr_expect_eq(prjsim_host_wait_started(h, 0, NULL, 0), PRJSIM_HOST_BAD_STATE);
    cr_expect_eq(prjsim_host_write_stdin(h, "x", 1), PRJSIM_HOST_BAD_STATE);
    cr_expect_not(prjsim_host_running(h));
    prjsim_host_destroy(h);
}

/* ---- Arguments and exit codes ---- */

Test(host_run, wmain_gets_utf8_arguments_as_wide_strings)
{
    prjsim_host *h = load_capturing(PROGRAM("args"));
    cr_expect_eq(prjsim_host_entry_kind(h), PRJSIM_HOST_ENTRY_WMAIN);
    /* é, two CJK characters, an emoji beyond the BMP, and an invalid byte before 'a'. */
    char *argv[] = {"args", "\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x98\x80", "\xff" "a"};
    start(h, 5, argv);
    cr_expect_eq(wait_exit(h), 5);
    expect_stdout(h, "61 72 67 73\nE9\n65E5 672C\n1F600\nFFFD 61\nend null\n");
    prjsim_host_destroy(h);
}

Test(host_run, argc_zero_passes_the_path_as_argv0)
{
    prjsim_host *h = load_capturing(PROGRAM("narrow_main"));
    start(h, 0, NULL);
    cr_expect_eq(wait_exit(h), 7);
    expect_stdout(h, PROGRAM("narrow_main") "\n");
    prjsim_host_destroy(h);
}

Test(host_run, narrow_main_and_its_exit_code)
{
    prjsim_host *h = load_capturing(PROGRAM("narrow_main"));
    cr_expect_eq(prjsim_host_entry_kind(h), PRJSIM_HOST_ENTRY_MAIN);
    char *argv[] = {"prog", "a b", "c"};
    start(h, 3, argv);
    cr_expect_eq(wait_exit(h), 7);
    expect_stdout(h, "prog|a b|c\n");
    cr_expect_not(prjsim_host_running(h));
    cr_expect_eq(prjsim_host_start(h, 3, argv), PRJSIM_HOST_BAD_STATE, "a program runs once per load");
    prjsim_host_destroy(h);
}

Test(host_run, cpp_wmain_is_found_under_its_mangled_name)
{
    prjsim_host *h = load_capturing(PROGRAM("cpp_wmain"));
    cr_expect_eq(prjsim_host_entry_kind(h), PRJSIM_HOST_ENTRY_WMAIN);
    char *argv[] = {"cpp", "olleh"};
    start(h, 2, argv);
    cr_expect_eq(wait_exit(h), 42);
    expect_stdout(h, "hello\n");
    prjsim_host_destroy(h);
}

Test(host_run, every_load_has_fresh_static_data)
{
    for (int i = 0; i < 3; i++) {
        prjsim_host *h = load(PROGRAM("statics"), NULL);
        start(h, 0, NULL);
        cr_expect_eq(wait_exit(h), 1, "run %d", i);
        prjsim_host_destroy(h);
    }
}

Test(host_run, entry_thread_io_is_the_providers)
{
    prjsim_host *h = load_capturing(PROGRAM("caller"));
    start(h, 0, NULL);
    cr_expect_eq(wait_exit(h), 0);
    char *out = prjsim_host_output(h, 1, NULL);
    char want[64];
    snprintf(want, sizeof want, "pid=%u ", (unsigned)getpid());
    cr_expect(strstr(out, "is_provider=1 "), "%s", out);
    cr_expect(strstr(out, want), "%s", out);
    cr_expect(strstr(out, "image=\\Device\\HarddiskVolume3\\prjsim\\hostprog_caller.exe"), "%s", out);
    free(out);
    cr_expect_not(prjsim_client_get_caller().is_provider, "the host's own thread stays a client");
    prjsim_host_destroy(h);
}

/* ---- stdin and output ---- */

Test(host_stdin, end_of_stdin_ends_a_getchar_loop)
{
    struct stat before, after;
    cr_assert_eq(fstat(0, &before), 0);
    prjsim_host *h = load_capturing(PROGRAM("lines"));
    start(h, 0, NULL);
    cr_expect_eq(prjsim_host_write_stdin(h, "one\ntwo\n", 8), PRJSIM_HOST_OK);
    cr_expect_eq(prjsim_host_write_stdin(h, "three\n", 6), PRJSIM_HOST_OK);
    cr_expect_eq(prjsim_host_wait(h, 50, NULL), PRJSIM_HOST_TIMEOUT, "still reading");
    cr_expect(prjsim_host_running(h));
    cr_expect_eq(prjsim_host_close_stdin(h), PRJSIM_HOST_OK);
    cr_expect_eq(prjsim_host_close_stdin(h), PRJSIM_HOST_OK);
    cr_expect_eq(wait_exit(h), 3);
    expect_stdout(h, "lines=3\n");
    cr_expect_eq(prjsim_host_write_stdin(h, "x", 1), PRJSIM_HOST_EXITED);
    cr_assert_eq(fstat(0, &after), 0);
    cr_expect(before.st_ino == after.st_ino && before.st_dev == after.st_dev, "fd 0 is restored");
    prjsim_host_destroy(h);
}

/* A program that does not stop at the end of its input, so the write after the close is
 * answered while it still runs (with "lines" the program may already have exited: EXITED). */
Test(host_stdin, writing_after_close_is_a_bad_state_while_running)
{
    prjsim_host *h = load_capturing(PROGRAM("ctrl"));
    start(h, 0, NULL);
    wait_output(h, "waiting\n");
    cr_expect_eq(prjsim_host_close_stdin(h), PRJSIM_HOST_OK);
    cr_expect(prjsim_host_running(h));
    cr_expect_eq(prjsim_host_write_stdin(h, "x", 1), PRJSIM_HOST_BAD_STATE);
    cr_expect_eq(prjsim_host_raise_console_ctrl(h, CTRL_C_EVENT), PRJSIM_HOST_OK);
    cr_expect_eq(wait_exit(h), 3);
    cr_expect_eq(prjsim_host_write_stdin(h, "x", 1), PRJSIM_HOST_EXITED);
    prjsim_host_destroy(h);
}

Test(host_stdin, large_input_flows_through_the_pipe)
{
    prjsim_host *h = load_capturing(PROGRAM("lines"));
    start(h, 0, NULL);
    static char big[1 << 20];
    memset(big, '\n', sizeof big);
    cr_expect_eq(prjsim_host_write_stdin(h, big, sizeof big), PRJSIM_HOST_OK);
    prjsim_host_close_stdin(h);
    cr_expect_eq(wait_exit(h), 1 << 20);
    prjsim_host_destroy(h);
}

Test(host_stdin, a_second_program_waits_its_turn)
{
    prjsim_host *a = load(PROGRAM("lines"), NULL);
    prjsim_host *b = load(PROGRAM("lines"), NULL);
    start(a, 0, NULL);
    cr_expect_eq(prjsim_host_start(b, 0, NULL), PRJSIM_HOST_BUSY);
    prjsim_host_close_stdin(a);
    cr_expect_eq(wait_exit(a), 0);
    start(b, 0, NULL);
    prjsim_host_write_stdin(b, "\n", 1);
    prjsim_host_close_stdin(b);
    cr_expect_eq(wait_exit(b), 1);
    prjsim_host_destroy(a);
    prjsim_host_destroy(b);
}

Test(host_stdin, destroy_finishes_a_running_program)
{
    prjsim_host *h = load(PROGRAM("lines"), NULL);
    start(h, 0, NULL);
    prjsim_host_destroy(h); /* Enter, then end of stdin: lines returns */
    h = load(PROGRAM("lines"), NULL);
    start(h, 0, NULL);
    prjsim_host_close_stdin(h);
    cr_expect_eq(wait_exit(h), 0, "the slot was released");
    prjsim_host_destroy(h);
}

Test(host_output, stdout_and_stderr_are_captured_separately)
{
    prjsim_host_options o = PRJSIM_HOST_OPTIONS_INIT;
    o.capture_stdout = o.capture_stderr = true;
    o.stdin_mode = PRJSIM_HOST_STDIN_INHERIT;
    prjsim_host *h = load(PROGRAM("output"), &o);
    char *argv[] = {"output", "x"};
    start(h, 2, argv);
    cr_expect_eq(wait_exit(h), 0);
    expect_stdout(h, "out:x\n");
    char *err = prjsim_host_output(h, 2, NULL);
    cr_expect_str_eq(err, "err:2\n");
    free(err);
    cr_expect_null(prjsim_host_output(h, 3, NULL));
    prjsim_host_destroy(h);
}

Test(host_output, uncaptured_output_is_null)
{
    prjsim_host *h = load(PROGRAM("statics"), NULL);
    size_t n = 99;
    cr_expect_null(prjsim_host_output(h, 1, &n));
    cr_expect_eq(n, 0);
    prjsim_host_destroy(h);
}

/* ---- Finishing ---- */

Test(host_finish, console_ctrl_event_reaches_the_handler)
{
    prjsim_host *h = load_capturing(PROGRAM("ctrl"));
    start(h, 0, NULL);
    wait_output(h, "waiting\n");
    cr_expect_eq(prjsim_host_raise_console_ctrl(h, CTRL_C_EVENT), PRJSIM_HOST_OK);
    cr_expect_eq(wait_exit(h), 3);
    cr_expect_eq(prjsim_host_raise_console_ctrl(h, CTRL_C_EVENT), PRJSIM_HOST_EXITED);
    prjsim_host_destroy(h);
}

Test(host_finish, finish_escalates_to_ctrl_c)
{
    prjsim_host *h = load_capturing(PROGRAM("ctrl"));
    start(h, 0, NULL);
    wait_output(h, "waiting\n");
    int code = -1;
    cr_expect_eq(prjsim_host_finish(h, 3000, &code), PRJSIM_HOST_OK);
    cr_expect_eq(code, 3, "Enter and end of stdin are ignored, Ctrl+C is not");
    prjsim_host_destroy(h);
}

Test(host_finish, exit_process_ends_only_the_program)
{
    prjsim_host *h = load_capturing(PROGRAM("exit_process"));
    start(h, 0, NULL);
    cr_expect_eq(wait_exit(h), 5);
    expect_stdout(h, "quitting\n");
    cr_expect_not(prjsim_host_exit_program(1), "not on a program's entry thread");
    prjsim_host_destroy(h);
}

Test(host_finish, wmain_that_falls_off_its_end_exits_0)
{
    const char *programs[] = {PROGRAM("falls_off"), PROGRAM("falls_off_cpp")};
    for (size_t i = 0; i < 2; i++) {
        prjsim_host *h = load_capturing(programs[i]);
        cr_expect_eq(prjsim_host_entry_kind(h), PRJSIM_HOST_ENTRY_WMAIN, "%s", programs[i]);
        start(h, 0, NULL);
        cr_expect_eq(wait_exit(h), 0, "%s", programs[i]);
        expect_stdout(h, "five\n");
        prjsim_host_destroy(h);
    }
}

/* ---- Learning the root ---- */

Test(host_root, learns_the_root_the_program_virtualizes)
{
    prjsim_sim *sim = prjsim_sim_current();
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\HostRoot"), S_OK);
    prjsim_host *h = load_capturing(PROGRAM("provider"));
    char *argv[] = {"provider", "C:\\HostRoot"};
    start(h, 2, argv);
    WCHAR root[MAX_PATH] = L"";
    int rc = prjsim_host_wait_started(h, 20000, root, MAX_PATH);
    cr_assert_eq(rc, PRJSIM_HOST_OK, "%s", prjsim_host_result_name(rc));
    cr_expect(wcscmp(root, L"C:\\HostRoot") == 0, "root %ls", root);

    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    cr_expect_eq(prjsim_client_list(sim, root, NULL, 0, &e, &n), STATUS_SUCCESS);
    prjsim_client_free_entries(e);
    cr_expect_eq(prjsim_trace_count_callbacks(sim, PRJSIM_CB_START_ENUM), 1);

    int code = -1;
    cr_expect_eq(prjsim_host_finish(h, 10000, &code), PRJSIM_HOST_OK);
    cr_expect_eq(code, 0);
    cr_expect_eq(prjsim_sim_running_instances(sim, NULL, 0), 0);
    prjsim_host_destroy(h);
}

Test(host_root, times_out_then_sees_the_program_exit)
{
    prjsim_host *h = load(PROGRAM("lines"), NULL);
    start(h, 0, NULL);
    WCHAR root[8] = L"x";
    cr_expect_eq(prjsim_host_wait_started(h, 100, root, 8), PRJSIM_HOST_TIMEOUT);
    cr_expect(wcscmp(root, L"x") == 0);
    prjsim_host_close_stdin(h);
    cr_expect_eq(prjsim_host_wait_started(h, 20000, root, 8), PRJSIM_HOST_EXITED);
    cr_expect_eq(wait_exit(h), 0);
    prjsim_host_destroy(h);
}

Test(host_root, a_program_that_cannot_start_exits_with_its_code)
{
    prjsim_host *h = load(PROGRAM("provider"), NULL);
    char *argv[] = {"provider", "C:\\NoSuchRoot"};
    start(h, 2, argv);
    cr_expect_eq(prjsim_host_wait_started(h, 20000, NULL, 0), PRJSIM_HOST_EXITED);
    cr_expect_eq(wait_exit(h), 1);
    prjsim_host_destroy(h);
}

/* ---- Unloading ---- */

/* Lines of /proc/self/maps naming @p needle: the mappings of a module still loaded. */
static size_t mappings_of(const char *needle)
{
    FILE *f = fopen("/proc/self/maps", "r");
    cr_assert_not_null(f);
    char line[4096];
    size_t n = 0;
    while (fgets(line, sizeof line, f))
        n += strstr(line, needle) != NULL;
    fclose(f);
    return n;
}

/* Entries of @p dir besides . and .. */
static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

/* A TMPDIR of the test's own, where the host makes its private copies. */
static char *own_tmpdir(void)
{
    static char dir[] = "/tmp/prjsim-host-unload-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    setenv("TMPDIR", dir, 1);
    return dir;
}

Test(host_unload, reloads_keep_no_mapping_and_no_copy)
{
    char *tmp = own_tmpdir();
    for (int i = 0; i < 200; i++) {
        prjsim_host *h = load(PROGRAM("statics"), NULL);
        /* From the second load on a private copy is mapped; its file is gone already. */
        cr_expect_eq(files_in(tmp), 0u, "load %d left a file in TMPDIR", i);
        cr_expect_gt(mappings_of("hostprog_statics"), 0u);
        start(h, 0, NULL);
        cr_expect_eq(wait_exit(h), 1, "run %d did not start with fresh statics", i);
        prjsim_host_destroy(h);
        cr_assert_eq(mappings_of("hostprog_statics"), 0u, "run %d stayed mapped", i);
    }
    rmdir(tmp);
}

Test(host_unload, console_ctrl_handlers_of_an_unloaded_program_are_forgotten)
{
    own_tmpdir();
    for (int i = 0; i < 2; i++) {
        prjsim_host *h = load_capturing(PROGRAM("ctrl"));
        start(h, 0, NULL);
        wait_output(h, "waiting\n");
        cr_expect_eq(prjsim_host_raise_console_ctrl(h, CTRL_C_EVENT), PRJSIM_HOST_OK);
        cr_expect_eq(wait_exit(h), 3);
        prjsim_host_destroy(h);
        cr_assert_eq(mappings_of("hostprog_ctrl"), 0u);
        /* Its handler would now be code that is no longer mapped: none is left to call. */
        cr_expect_eq(prjsim_win_raise_console_ctrl(CTRL_C_EVENT), FALSE);
    }
}

Test(host_unload, a_thread_left_running_keeps_the_module)
{
    own_tmpdir();
    prjsim_host *h = load(PROGRAM("lingering"), NULL);
    start(h, 0, NULL);
    cr_expect_eq(wait_exit(h), 0);
    prjsim_host_destroy(h);
    cr_expect_gt(mappings_of("hostprog_lingering"), 0u);
    usleep(20000); /* the thread goes on running the module's code */
    cr_expect_gt(mappings_of("hostprog_lingering"), 0u);
}

Test(host_unload, an_instance_left_running_keeps_the_module)
{
    own_tmpdir();
    prjsim_sim *sim = prjsim_sim_current();
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\HostRoot"), S_OK);
    prjsim_host *h = load_capturing(PROGRAM("provider"));
    char *argv[] = {"provider", "C:\\HostRoot", "leave"};
    start(h, 3, argv);
    cr_expect_eq(wait_exit(h), 0);
    cr_expect_eq(prjsim_sim_running_instances(sim, NULL, 0), 1u);
    prjsim_host_destroy(h);
    cr_expect_gt(mappings_of("hostprog_provider"), 0u);
    /* The instance still calls into the module. */
    prjsim_dir_entry *e = NULL;
    size_t n = 0;
    cr_expect_eq(prjsim_client_list(sim, L"C:\\HostRoot", NULL, 0, &e, &n), STATUS_SUCCESS);
    prjsim_client_free_entries(e);
    cr_expect_eq(prjsim_trace_count_callbacks(sim, PRJSIM_CB_START_ENUM), 1);
}
