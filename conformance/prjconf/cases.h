/* SPDX-License-Identifier: MIT */
/*
 * The case table: X(function, "name", capabilities needed, "what it checks"). The one place a
 * case is named; cases.c expands it into prjconf_cases[] and internal.h into declarations.
 * Every case also fails on any simulator diagnostic recorded while it ran.
 */
#ifndef PRJCONF_CASES_H
#define PRJCONF_CASES_H

#define PRJCONF_CASES(X) \
    X(enum_sorted, "enum.sorted", 0, \
      "every listing of the crawl is in PrjFileNameCompare order") \
    X(enum_unique, "enum.unique", 0, \
      "no listing names the same item twice") \
    X(enum_resume_small_buffers, "enum.resume-small-buffers", 0, \
      "buffers with room for 1, 2 and 3 entries give the same listing") \
    X(enum_restart, "enum.restart", 0, \
      "a restarted scan lists everything again from the first entry") \
    X(enum_restart_new_filter, "enum.restart-new-filter", 0, \
      "a restart with a new search expression applies the new filter") \
    X(enum_wildcards, "enum.wildcards", 0, \
      "the answer for *, ?, <, > and \" patterns is the full listing filtered with PrjFileNameMatch") \
    X(enum_concurrent_sessions, "enum.concurrent-sessions", 0, \
      "interleaved sessions on the same and on other directories each give the full listing") \
    X(placeholder_agrees_with_listing, "placeholder.agrees-with-listing", 0, \
      "size, attributes and directory bit after open equal the enumeration entry") \
    X(placeholder_name_matches, "placeholder.name-matches", 0, \
      "opening names in another case writes placeholders under the listed name") \
    X(placeholder_concurrent_opens, "placeholder.concurrent-opens", PRJCONF_RUN_THREAD_POOL, \
      "opens from 8 threads at once, callbacks on the thread pool, all succeed under the listed names") \
    X(data_agrees_with_size, "data.agrees-with-size", 0, \
      "reading a file gives exactly FileSize bytes") \
    X(data_ranges, "data.ranges", 0, \
      "ranges read at the start, middle, end and past the end agree with the whole file") \
    X(notfound_leaf, "notfound.leaf", 0, \
      "a name that does not exist is ERROR_FILE_NOT_FOUND in every directory") \
    X(notfound_middle, "notfound.middle", 0, \
      "a path through a directory that does not exist is ERROR_PATH_NOT_FOUND") \
    X(results_allowed, "results.allowed", 0, \
      "no callback result across a crawl and a read of every file is outside the allowed list") \
    X(sessions_no_leak, "sessions.no-leak", PRJCONF_RUN_OBSERVED, \
      "every enumeration session, finished or abandoned, is ended") \
    X(commands_no_leak, "commands.no-leak", PRJCONF_RUN_OBSERVED, \
      "no callback is still in flight after the crawl") \
    X(lifecycle_stop_restart, "lifecycle.stop-restart", 0, \
      "after stopping and starting the provider again the projection is the same") \
    X(rename_directories, "rename.directories", 0, \
      "a projected directory does not rename (ERROR_NOT_SUPPORTED) and lists as before; a local one does") \
    X(root_delete, "root.delete", 0, \
      "deleting the root while virtualizing is ERROR_NOT_SUPPORTED and changes no listing") \
    X(notify_basic, "notify.basic", PRJCONF_CAP_NOTIFICATIONS, \
      "creating, writing, renaming and deleting under the root gives allowed results only") \
    X(pending_cancel, "pending.cancel", PRJCONF_CAP_PENDING | PRJCONF_RUN_OBSERVED, \
      "a pended read completes or is cancelled, and nothing stays in flight")

#endif
