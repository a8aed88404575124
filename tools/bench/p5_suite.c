/* SPDX-License-Identifier: MIT */
/*
 * p5: wall time of the whole prjconf suite against the reference provider. prjconf is a
 * separate program; it is looked for where the build puts it and run as it is (no arguments:
 * its default is the reference provider).
 */
#include "bench.h"

#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static bool find_prjconf(const bench_config *cfg, char *out, size_t outlen)
{
    const char *candidates[5] = { NULL, NULL, NULL, NULL, NULL };
    char beside[4200], sibling[4200];
    snprintf(beside, sizeof beside, "%s/prjconf", cfg->exe_dir);
    snprintf(sibling, sizeof sibling, "%s/../prjconf/prjconf", cfg->exe_dir);
    candidates[0] = beside;
    candidates[1] = sibling;
#ifdef PRJSIM_BENCH_BINARY_DIR
    candidates[2] = PRJSIM_BENCH_BINARY_DIR "/tools/prjconf/prjconf";
    candidates[3] = PRJSIM_BENCH_BINARY_DIR "/conformance/prjconf/prjconf";
    candidates[4] = PRJSIM_BENCH_BINARY_DIR "/bin/prjconf";
#endif
    for (size_t i = 0; i < 5; i++) {
        if (candidates[i] && access(candidates[i], X_OK) == 0) {
            snprintf(out, outlen, "%s", candidates[i]);
            return true;
        }
    }
    return false;
}

void bench_p5_suite(const bench_config *cfg, bench_results *r)
{
    char path[4200];
    printf("p5: the prjconf suite against the reference provider\n");
    if (!find_prjconf(cfg, path, sizeof path)) {
        printf("  prjconf not built\n");
        bench_missing(r, BENCH_P5_SUITE, "prjconf not built");
        return;
    }
    char *argv[] = { path, NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", 1 /* O_WRONLY */, 0);
    pid_t pid;
    double t0 = bench_now();
    int err = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) {
        bench_missing(r, BENCH_P5_SUITE, "cannot run %s: %s", path, strerror(err));
        return;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    double t = bench_now() - t0;
    printf("  %s: %.2f s, %s %d\n", path, t,
           WIFEXITED(status) ? "exit status" : "signal",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    bench_set(r, BENCH_P5_SUITE, t);
}
