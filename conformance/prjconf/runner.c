/* SPDX-License-Identifier: MIT */
/*
 * The runner: selects the cases (globs, shard), skips those needing capabilities the provider
 * does not declare, runs the others in forked children, -j at a time, applies the expected
 * failures, and feeds the reporters as each case ends.
 */

#include "prjconf.h"
#include <prjsim.h>

#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool prjconf_selected(const prjconf_run_options *o, const char *name)
{
    if (o->filter_count == 0)
        return true;
    for (size_t i = 0; i < o->filter_count; i++)
        if (prjconf_glob(o->filters[i], name))
            return true;
    return false;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

typedef struct run_state {
    const prjconf_run_options *o;
    FILE *out;
    prjconf_result *results;
    size_t reported;
} run_state;

static void finish_result(run_state *s, prjconf_result *r)
{
    const char *reason = prjconf_xfail_match(s->o->xfail, r->name);
    if (reason) {
        if (r->outcome == PRJCONF_PASS) {
            r->outcome = PRJCONF_XPASS;
        } else if (r->outcome == PRJCONF_FAIL || r->outcome == PRJCONF_ERROR) {
            r->outcome = PRJCONF_XFAIL;
            if (*reason) {
                char *m = NULL;
                if (asprintf(&m, "%s (expected: %s)", r->message, reason) >= 0) {
                    free(r->message);
                    r->message = m;
                }
            }
        }
    }
    if (s->o->target.trace_dir && (r->outcome == PRJCONF_FAIL || r->outcome == PRJCONF_ERROR ||
                                   r->outcome == PRJCONF_XFAIL)) {
        /* the picture of the failing case, when its child could write one */
        char *html = NULL, *abs = NULL;
        if (asprintf(&html, "%s/%s.html", s->o->target.trace_dir, r->name) >= 0 && (abs = realpath(html, NULL))) {
            char *d = NULL;
            if (asprintf(&d, "%spicture: file://%s\n", r->details ? r->details : "", abs) >= 0) {
                free(r->details);
                r->details = d;
            }
        }
        free(abs);
        free(html);
    }
    size_t number = ++s->reported;
    if (s->o->tap)
        prjconf_tap_case(s->out, number, r);
    else
        prjconf_human_case(s->out, number, r);
    fflush(s->out);
    if (s->o->json)
        prjconf_json_case(s->o->json, r);
}

int prjconf_run(const prjconf_run_options *o, FILE *out)
{
    size_t *selected = calloc(prjconf_case_count + 1, sizeof *selected);
    prjconf_result *results = calloc(prjconf_case_count + 1, sizeof *results);
    if (!selected || !results) {
        free(selected);
        free(results);
        return 2;
    }
    size_t count = 0, position = 0;
    for (size_t i = 0; i < prjconf_case_count; i++) {
        if (!prjconf_selected(o, prjconf_cases[i].name))
            continue;
        if (prjconf_shard_contains(o->shard_index, o->shard_count, position++))
            selected[count++] = i;
    }
    if (count == 0) {
        fprintf(stderr, "prjconf: no case matches the filters\n");
        free(selected);
        free(results);
        return 2;
    }
    run_state s = {o, out, results, 0};
    if (o->tap)
        prjconf_tap_plan(out, count);

    /* A provider program gets a temporary folder, removed here: a fresh drives folder per case
     * (without --drives) and TMPDIR for its module copies. */
    char tmp[4096] = "", tmpdir[4200] = "";
    if (o->target.provider) {
        const char *base = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/prjconf-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmp)) {
            fprintf(stderr, "prjconf: cannot create a temporary folder in %s\n", tmp);
            free(selected);
            free(results);
            return 2;
        }
        snprintf(tmpdir, sizeof tmpdir, "%s/tmp", tmp);
        if (mkdir(tmpdir, 0700) != 0)
            tmpdir[0] = 0;
    }
    time_t started = time(NULL);
    bool any_started = false, never_started = false;
    const char *start_error = NULL;

    unsigned jobs = o->jobs ? o->jobs : 1;
    prjconf_child *running = calloc(jobs, sizeof *running);
    size_t *slot_case = calloc(jobs, sizeof *slot_case);
    bool *busy = calloc(jobs, sizeof *busy);
    size_t next = 0, active = 0;
    int status = 0;
    char *self_driving = NULL;
    while ((next < count || active > 0) && running && slot_case && busy) {
        /* Start cases while slots are free; capability skips need no child. */
        for (unsigned k = 0; k < jobs && next < count; k++) {
            if (busy[k])
                continue;
            size_t idx = next++;
            const prjconf_case *c = &prjconf_cases[selected[idx]];
            prjconf_result *r = &results[idx];
            r->name = c->name;
            r->backend = o->target.backend ? o->target.backend : "sim";
            r->seed = o->seed;
            if (asprintf(&r->repro, "%s --case %s --seed %lu%s", o->repro_prefix, c->name, o->seed,
                         o->repro_suffix) < 0)
                r->repro = NULL;
            /* Undeclared capabilities are checked in the child, once the provider has started. */
            unsigned missing = c->caps & PRJCONF_CAP_MASK & ~o->target.caps;
            if (missing && o->target.caps_declared) {
                char caps[128];
                r->outcome = PRJCONF_SKIP;
                if (asprintf(&r->message, "needs capability %s, which the provider does not declare (--caps)",
                             prjconf_caps_format(missing, caps, sizeof caps)) < 0)
                    r->message = NULL;
                r->details = strdup("");
                r->diagnostics = strdup("");
                finish_result(&s, r);
                k--; /* the slot is still free */
                if (next >= count)
                    break;
                continue;
            }
            prjconf_target_options t = o->target;
            if (*tmpdir)
                t.tmpdir = tmpdir;
            char drives[4200];
            if (*tmp && !o->target.drives) {
                snprintf(drives, sizeof drives, "%s/%zu", tmp, idx);
                t.drives = drives;
            }
            if (!prjconf_child_start(&running[k], c, &t, o->seed)) {
                fprintf(stderr, "prjconf: cannot start a process for %s\n", c->name);
                status = 2;
                next = count;
                break;
            }
            slot_case[k] = idx;
            busy[k] = true;
            active++;
        }
        if (active == 0)
            continue;
        struct pollfd fds[64];
        unsigned map[64], nfds = 0;
        for (unsigned k = 0; k < jobs && nfds < 64; k++)
            if (busy[k]) {
                fds[nfds].fd = running[k].fd;
                fds[nfds].events = POLLIN;
                fds[nfds].revents = 0;
                map[nfds++] = k;
            }
        poll(fds, nfds, 100);
        double now = prjconf_now();
        for (unsigned f = 0; f < nfds; f++) {
            unsigned k = map[f];
            prjconf_child *ch = &running[k];
            if (fds[f].revents && !prjconf_child_read(ch)) {
                prjconf_result *r = &results[slot_case[k]];
                prjconf_child_finish(ch, r);
                if (r->self_driving && !self_driving) {
                    /* Every case would fail alike: one setup error, and nothing else runs. */
                    self_driving = strdup(r->message);
                    next = count;
                }
                if (self_driving) {
                    busy[k] = false;
                    active--;
                    continue;
                }
                finish_result(&s, r);
                busy[k] = false;
                active--;
                any_started |= !r->not_started;
                if (r->not_started && !any_started && !never_started) {
                    /* The provider cannot start at all: the other cases would only repeat it. */
                    never_started = true;
                    start_error = r->message;
                    count = next;
                }
                continue;
            }
            if (!ch->killed && now > ch->deadline) {
                kill(ch->pid, SIGKILL);
                ch->killed = true;
            }
        }
    }
    free(running);
    free(slot_case);
    free(busy);
    if (*tmp)
        nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (self_driving) {
        fprintf(stderr, "prjconf: %s\n", self_driving);
        free(self_driving);
        for (size_t i = 0; i < count; i++)
            prjconf_result_free(&results[i]);
        free(results);
        free(selected);
        return 2;
    }

    if (never_started && !any_started) {
        fprintf(stderr, "prjconf: the provider could not start: %s\n", start_error ? start_error : "?");
        if (o->tap)
            fprintf(out, "Bail out! the provider could not start\n");
        status = 2;
    }
    if (o->junit_path) {
        FILE *j = fopen(o->junit_path, "w");
        if (!j) {
            fprintf(stderr, "prjconf: cannot write %s\n", o->junit_path);
            status = 2;
        } else {
            prjconf_junit_write(j, "prjconf", results, count, started);
            fclose(j);
        }
    }
    bool failed = false;
    for (size_t i = 0; i < count; i++)
        failed |= prjconf_outcome_fails(results[i].outcome);
    if (o->tap) {
        size_t passed = 0, nfailed = 0, skipped = 0;
        for (size_t i = 0; i < count; i++) {
            passed += results[i].outcome == PRJCONF_PASS;
            skipped += results[i].outcome == PRJCONF_SKIP;
            nfailed += prjconf_outcome_fails(results[i].outcome);
        }
        fprintf(out, "# %zu passed, %zu failed, %zu skipped\n", passed, nfailed, skipped);
    } else {
        prjconf_human_summary(out, results, count);
    }
    if (o->target.backend) /* as `prjsim run --backend` ends its report */
        fprintf(out, "%sbackend %s\n", o->tap ? "# " : "", o->target.backend);
    for (size_t i = 0; i < count; i++)
        prjconf_result_free(&results[i]);
    free(results);
    free(selected);
    if (status)
        return status;
    return failed ? 1 : 0;
}
