/* SPDX-License-Identifier: MIT */
/*
 * The statements of the scenario language, one row each: the one table the parser, the runner
 * and the usage text expand. conformance/README.md documents each of them.
 *
 * X(ID, "word", parse function, run function, "synopsis")
 */
#ifndef SCN_STATEMENTS_H
#define SCN_STATEMENTS_H

#define SCN_STATEMENTS(X) \
    /* setup: before the first operation */ \
    X(XFAIL, "xfail", scn_parse_xfail, scn_run_nothing, "xfail \"REASON\"") \
    X(ROOT, "root", scn_parse_root, scn_run_nothing, "root C:\\PATH") \
    X(MANIFEST, "manifest", scn_parse_manifest, scn_run_manifest, "manifest FILE") \
    X(STATE, "state", scn_parse_state, scn_run_state, "state DIR") \
    X(OPTION, "option", scn_parse_option, scn_run_nothing, "option NAME[=VALUE]") \
    X(MAPPING, "mapping", scn_parse_mapping, scn_run_nothing, "mapping RELPATH TYPES") \
    /* the instance, the store, the caller */ \
    X(ITEM, "item", scn_parse_item, scn_run_item, "item file|dir RELPATH [FIELDS]") \
    X(STORE, "store", scn_parse_store, scn_run_store, "store remove|set RELPATH [FIELDS]") \
    X(DIRECTORY, "directory", scn_parse_directory, scn_run_directory, "directory C:\\PATH") \
    X(START, "start", scn_parse_start, scn_run_start, "start") \
    X(STOP, "stop", scn_parse_stop, scn_run_stop, "stop") \
    X(AS, "as", scn_parse_as, scn_run_as, "as process PID IMAGE | as provider | as client") \
    X(MARK, "mark", scn_parse_mark, scn_run_mark, "mark") \
    X(DUMP, "dump", scn_parse_dump, scn_run_dump, "dump") \
    /* client operations */ \
    X(OPEN, "open", scn_parse_open, scn_run_client_op, \
      "open H PATH [access=..] [disp=..] [flags=..] [attr=..]") \
    X(CREATE, "create", scn_parse_open, scn_run_client_op, \
      "create H PATH [access=..] [disp=..] [flags=..] [attr=..]") \
    X(CLOSE, "close", scn_parse_close, scn_run_client_op, "close H") \
    X(READ, "read", scn_parse_read, scn_run_client_op, "read H OFFSET LENGTH") \
    X(WRITE, "write", scn_parse_write, scn_run_client_op, "write H OFFSET \"DATA\"") \
    X(SET_SIZE, "set-size", scn_parse_set_size, scn_run_client_op, "set-size H SIZE") \
    X(SET_ATTRIBUTES, "set-attributes", scn_parse_set_attributes, scn_run_client_op, \
      "set-attributes H|PATH ATTRS") \
    X(SET_TIMES, "set-times", scn_parse_set_times, scn_run_client_op, \
      "set-times H|PATH [ctime=T] [atime=T] [mtime=T] [chtime=T]") \
    X(INFO, "info", scn_parse_info, scn_run_client_op, "info H|PATH") \
    X(LIST, "list", scn_parse_list, scn_run_client_op, \
      "list H|PATH [pattern=P] [buffer=N] [restart] [single]") \
    X(DELETE, "delete", scn_parse_delete, scn_run_client_op, "delete H | delete PATH [dir]") \
    X(UNDELETE, "undelete", scn_parse_close, scn_run_client_op, "undelete H") \
    X(RENAME, "rename", scn_parse_rename, scn_run_client_op, "rename H NEWPATH [replace]") \
    X(MOVE, "move", scn_parse_move, scn_run_client_op, "move PATH NEWPATH [replace]") \
    X(LINK, "link", scn_parse_move, scn_run_client_op, "link EXISTING NEWPATH") \
    X(SYMLINK, "symlink", scn_parse_symlink, scn_run_client_op, "symlink LINK TARGET [dir]") \
    X(MKDIR, "mkdir", scn_parse_mkdir, scn_run_client_op, "mkdir PATH") \
    X(READ_FILE, "read-file", scn_parse_mkdir, scn_run_client_op, "read-file PATH") \
    X(WRITE_FILE, "write-file", scn_parse_write_file, scn_run_client_op, "write-file PATH \"DATA\"") \
    X(CLEAR_CACHE, "clear-negative-cache", scn_parse_clear_cache, scn_run_clear_cache, \
      "clear-negative-cache") \
    /* pended callbacks */ \
    X(COMPLETE, "complete", scn_parse_complete, scn_run_complete, \
      "complete CALLBACK [RESULT] [mask=TYPES] [noext]") \
    X(CANCEL, "cancel", scn_parse_cancel, scn_run_cancel, "cancel CALLBACK") \
    X(AWAIT, "await", scn_parse_await, scn_run_await, "await [H]") \
    /* the provider's side */ \
    X(PROVIDER, "provider", scn_parse_provider, scn_run_provider, \
      "provider update|delete|write-placeholder|mark|mark-root|pend|fail|veto|reply|reset|complete-command ...") \
    /* expectations */ \
    X(EXPECT, "expect", scn_parse_expect, scn_run_expect, "expect ...")

#endif
