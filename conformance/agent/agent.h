/* SPDX-License-Identifier: MIT */
/*
 * The client agent: operations "as another process" run in a small agent that the runner
 * drives over a pipe pair, one line per request and one line per reply (docs/layering.md,
 * "Another process: the client agent"). On Windows the agent is its own process (prjsim-agent,
 * its standard input and output), because ProjFS sends no notifications for the provider's own
 * I/O; on Linux the simulator lives in the runner's process, so the agent serves on a thread of
 * the runner over a real pipe, with the simulator's caller identity set to the `as` process.
 *
 * The protocol (one encoder and one decoder, protocol.c):
 *
 *   request  ID OP ARG...                       e.g.  7 open f1 'C:\root\a.txt 2147483648 7 3 0 0
 *   reply    ID KIND CODE [KEY=VALUE]...        e.g.  7 W 0
 *
 * ID is a decimal number the runner chooses (a reply carries the id of its request; replies
 * come in the order requests finish, not the order they were sent). OP is a seam operation
 * (backend.h) named as below, `caller` (the identity later requests run as), or `cancel ID`
 * (cancel_thread of the seam on the thread running request ID: CancelSynchronousIo). Arguments:
 * numbers decimal (times signed), flags 0/1, strings `'` then the UTF-8 text with the bytes
 * 0x00-0x20, 0x7F, `%` and `,` written %XX (`~` alone: no string), data `x` then hex, handles
 * the runner's names for them ([A-Za-z0-9_], at most 31). KIND is the seam's result kind: S
 * (NTSTATUS), W (Win32 error), U (unsupported: reason=), H (an HRESULT: on-disk-state), or E
 * (the request was not understood: reason= says `line N: message`). Outputs, by key: put=N,
 * bytes=xHEX, info=DIR,SIZE,CTIME,ATIME,WTIME,CHTIME,ATTR,LINKS, entries=N followed by N
 * entry='NAME,DIR,SIZE,CTIME,ATIME,WTIME,CHTIME,ATTR, state=N.
 */
#ifndef PRJSIM_AGENT_H
#define PRJSIM_AGENT_H

#include <backend.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The operations of the protocol: the seam's, and `caller`. */
typedef enum prjsim_agent_op {
    PRJSIM_AGENT_CALLER,
    PRJSIM_AGENT_OPEN,
    PRJSIM_AGENT_CLOSE,
    PRJSIM_AGENT_READ,
    PRJSIM_AGENT_WRITE,
    PRJSIM_AGENT_SET_SIZE,
    PRJSIM_AGENT_SET_BASIC,
    PRJSIM_AGENT_SET_DISPOSITION,
    PRJSIM_AGENT_RENAME,
    PRJSIM_AGENT_QUERY_INFO,
    PRJSIM_AGENT_QUERY_DIRECTORY,
    PRJSIM_AGENT_STAT,
    PRJSIM_AGENT_SET_TIMES,
    PRJSIM_AGENT_LIST,
    PRJSIM_AGENT_REMOVE,
    PRJSIM_AGENT_MOVE,
    PRJSIM_AGENT_LINK,
    PRJSIM_AGENT_SYMLINK,
    PRJSIM_AGENT_MKDIR,
    PRJSIM_AGENT_READ_FILE,
    PRJSIM_AGENT_WRITE_FILE,
    PRJSIM_AGENT_ON_DISK_STATE,
    PRJSIM_AGENT_CANCEL,
    PRJSIM_AGENT_OP_COUNT_
} prjsim_agent_op;

/* The longest line either side accepts (a read-file of 64 MiB is 128 MiB of hex). */
#define PRJSIM_AGENT_MAX_LINE ((size_t)512 * 1024 * 1024)
#define PRJSIM_AGENT_MAX_NAME 31

/* A request; which fields count depends on op (protocol.c's table). Strings are owned. */
typedef struct prjsim_agent_request {
    uint64_t id;
    prjsim_agent_op op;
    char handle[PRJSIM_AGENT_MAX_NAME + 1];
    WCHAR *path;    /* open, by-path operations; the caller's image (NULL: the default caller) */
    WCHAR *path2;   /* rename's, move's and link's new path, symlink's target */
    WCHAR *pattern; /* NULL: none */
    uint32_t access, share, disposition, flags, attributes, buffer_bytes;
    uint32_t process_id;
    uint64_t target;       /* cancel: the id of the request to cancel */
    uint64_t offset, size; /* read's length is size */
    int64_t times[4];      /* creation, access, write, change */
    bool flag;             /* replace, delete, directory, the caller is the provider */
    unsigned char *data;
    size_t data_len;
} prjsim_agent_request;

/* A reply; has_* say which outputs it carries. Owned memory is freed by prjsim_agent_reply_free. */
typedef struct prjsim_agent_reply {
    uint64_t id;
    char kind; /* prjsim_backend_kind, 'H' (HRESULT) or 'E' (not understood) */
    int32_t code;
    char *reason;
    bool has_put, has_bytes, has_info, has_entries, has_state;
    uint32_t put;
    unsigned char *bytes;
    size_t byte_count;
    prjsim_file_info info;
    prjsim_dir_entry *entries; /* malloc'd (free()) */
    size_t entry_count;
    uint32_t state;
} prjsim_agent_reply;

/* The protocol's name of @p op ("set-size"...), or NULL. */
const char *prjsim_agent_op_name(prjsim_agent_op op);

/* The request as one line with its '\n' (malloc'd). */
char *prjsim_agent_format_request(const prjsim_agent_request *rq);
/* The reply as one line with its '\n' (malloc'd). */
char *prjsim_agent_format_reply(const prjsim_agent_reply *rp);

/*
 * Decodes @p text (one line, its '\n' and a '\r' before it optional, @p len bytes). False on
 * malformed input, with "line LINENO: message" in @p err; nothing is left to free then. Never
 * reads past @p len. On a request that is malformed after its id, *id_out (may be NULL) gets
 * the id so that the error reply names it (0 when even the id is unreadable).
 */
bool prjsim_agent_parse_request(const char *text, size_t len, size_t lineno, prjsim_agent_request *rq,
                                uint64_t *id_out, char *err, size_t err_size);
bool prjsim_agent_parse_reply(const char *text, size_t len, size_t lineno, prjsim_agent_reply *rp, char *err,
                              size_t err_size);

void prjsim_agent_request_free(prjsim_agent_request *rq);
void prjsim_agent_reply_free(prjsim_agent_reply *rp);

/*
 * Reads one line from @p in into *line (malloc'd, *len bytes with the '\n'). 1: a line (the
 * last one may lack its '\n'), 0: end of input, -1: longer than PRJSIM_AGENT_MAX_LINE (the rest
 * of it is skipped).
 */
int prjsim_agent_read_line(FILE *in, char **line, size_t *len);

/*
 * The serving loop: reads requests from @p in until its end and runs each on @p be on a thread
 * of its own (a request waiting on a pended callback does not hold up the next), with the
 * caller identity the last `caller` request set, keeping open handles by the runner's names;
 * writes each reply to @p out as it finishes. A malformed line gets an E reply. At the end of
 * input waits for the requests still running and closes the handles left open. Returns the
 * number of malformed lines.
 */
size_t prjsim_agent_serve(const prjsim_backend *be, FILE *in, FILE *out);

/*
 * The runner's side: backend "agent", every operation forwarded to the agent connected last
 * (prjsim_agent_connect or prjsim_agent_start_local); set_caller is the calling thread's and
 * is sent before that thread's next request. With no agent, operations are unsupported.
 */
extern const prjsim_backend prjsim_backend_agent;

typedef struct prjsim_agent_conn prjsim_agent_conn;

/* Drives the agent that reads @p to_agent and writes @p from_agent (both are taken over). */
prjsim_agent_conn *prjsim_agent_connect(FILE *to_agent, FILE *from_agent);
/* Ends the agent's input, waits for its last replies, and frees the connection. */
void prjsim_agent_disconnect(prjsim_agent_conn *c);

/* An agent serving @p be on a thread of this process over a pipe pair, connected; NULL when
 * the pipes cannot be made. prjsim_agent_disconnect ends it (and joins its thread). */
prjsim_agent_conn *prjsim_agent_start_local(const prjsim_backend *be);

#ifdef __cplusplus
}
#endif

#endif
