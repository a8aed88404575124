/* SPDX-License-Identifier: MIT */
/*
 * The client agent: every request and reply survives the round trip through its line, a
 * malformed line gets `line N: message` and nothing else, operations forwarded through an agent
 * on a real pipe give what the backend behind it gave (with the caller identity of the calling
 * thread), and a request waiting in the agent does not hold up another.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "fake_backend.h"

static prjsim_agent_request parsed(const char *line)
{
    prjsim_agent_request rq;
    char err[300] = "";
    cr_assert(prjsim_agent_parse_request(line, strlen(line), 1, &rq, NULL, err, sizeof err), "%s: %s", line, err);
    return rq;
}

Test(protocol, every_request_round_trips)
{
    static const WCHAR odd[] = {L'C', L':', L'\\', L'a', L' ', L'%', L',', L'~', 0x7F, 0xE9, 0x4E2D, 0x1F600, 0};
    for (int op = 0; op < PRJSIM_AGENT_OP_COUNT_; op++) {
        prjsim_agent_request rq;
        memset(&rq, 0, sizeof rq);
        rq.id = 18446744073709551615ull - (uint64_t)op;
        rq.op = (prjsim_agent_op)op;
        strcpy(rq.handle, "h_1");
        rq.path = (WCHAR *)odd;
        rq.path2 = (WCHAR *)L"C:\\b";
        rq.pattern = op % 2 ? NULL : (WCHAR *)L"*.txt";
        rq.access = 0x80000000u;
        rq.share = 7;
        rq.disposition = 2;
        rq.flags = 0x40;
        rq.attributes = 0x20;
        rq.buffer_bytes = 4096;
        rq.process_id = 4294967295u;
        rq.offset = 1ull << 40;
        rq.size = op == PRJSIM_AGENT_READ ? 65536 : 1ull << 33;
        rq.times[0] = INT64_MIN;
        rq.times[1] = -1;
        rq.times[2] = 0;
        rq.times[3] = INT64_MAX;
        rq.flag = true;
        rq.data = (unsigned char *)"\x00\xff\n";
        rq.data_len = 3;
        char *line = prjsim_agent_format_request(&rq);
        cr_assert(strchr(line, '\n') == line + strlen(line) - 1, "one line: %s", line);
        prjsim_agent_request back = parsed(line);
        char *again = prjsim_agent_format_request(&back);
        cr_expect_str_eq(again, line);
        cr_expect_eq(back.id, rq.id);
        cr_expect_eq(back.op, rq.op);
        if (back.path)
            cr_expect(!wcscmp(back.path, odd), "%s", line);
        free(again);
        free(line);
        prjsim_agent_request_free(&back);
    }
}

Test(protocol, a_caller_of_none_and_an_empty_string)
{
    prjsim_agent_request rq = parsed("5 caller 0 ~ 0\n");
    cr_expect_null(rq.path);
    prjsim_agent_request_free(&rq);
    rq = parsed("6 list ' ~ 0\r\n");
    cr_expect(rq.path && rq.path[0] == 0);
    cr_expect_null(rq.pattern);
    prjsim_agent_request_free(&rq);
    rq = parsed("7 write-file 'C:\\x x");
    cr_expect_eq(rq.data_len, 0);
    prjsim_agent_request_free(&rq);
}

Test(protocol, replies_round_trip)
{
    prjsim_agent_reply rp;
    memset(&rp, 0, sizeof rp);
    rp.id = 9;
    rp.kind = 'S';
    rp.code = (int32_t)0xC0000034;
    rp.reason = (char *)"a reason, with % and spaces";
    rp.has_put = true;
    rp.put = 4294967295u;
    rp.has_bytes = true;
    rp.bytes = (unsigned char *)"\x01\x02";
    rp.byte_count = 2;
    rp.has_info = true;
    rp.info.basic.IsDirectory = 1;
    rp.info.basic.FileSize = -3;
    rp.info.basic.LastWriteTime.QuadPart = 133000000000000000;
    rp.info.link_count = 2;
    prjsim_dir_entry e[2];
    memset(e, 0, sizeof e);
    wcscpy(e[0].name, L"x,y z");
    wcscpy(e[1].name, L"\x4e2d");
    e[1].basic.FileAttributes = 0x10;
    rp.has_entries = true;
    rp.entries = e;
    rp.entry_count = 2;
    rp.has_state = true;
    rp.state = 5;
    char *line = prjsim_agent_format_reply(&rp);
    prjsim_agent_reply back;
    char err[300] = "";
    cr_assert(prjsim_agent_parse_reply(line, strlen(line), 1, &back, err, sizeof err), "%s: %s", line, err);
    char *again = prjsim_agent_format_reply(&back);
    cr_expect_str_eq(again, line);
    cr_expect_eq(back.code, (int32_t)0xC0000034);
    cr_expect_str_eq(back.reason, rp.reason);
    cr_expect(!wcscmp(back.entries[0].name, L"x,y z"));
    cr_expect_eq(back.info.basic.FileSize, -3);
    free(again);
    free(line);
    prjsim_agent_reply_free(&back);

    /* a listing of nothing is still a listing */
    memset(&rp, 0, sizeof rp);
    rp.id = 1;
    rp.kind = 'W';
    rp.has_entries = true;
    line = prjsim_agent_format_reply(&rp);
    cr_expect_str_eq(line, "1 W 0 entries=0\n");
    cr_assert(prjsim_agent_parse_reply(line, strlen(line), 1, &back, err, sizeof err), "%s", err);
    cr_expect(back.has_entries && back.entry_count == 0);
    prjsim_agent_reply_free(&back);
    free(line);
}

static void refused_request(const char *line, size_t len, const char *message, uint64_t id)
{
    prjsim_agent_request rq;
    char err[300] = "";
    uint64_t got_id = 77;
    cr_expect_not(prjsim_agent_parse_request(line, len, 3, &rq, &got_id, err, sizeof err), "accepted: %s", line);
    cr_expect(strstr(err, message) != NULL, "'%s': got '%s', wanted '%s'", line, err, message);
    cr_expect(!strncmp(err, "line 3: ", 8), "%s", err);
    cr_expect_eq(got_id, id, "%s: id %llu", line, (unsigned long long)got_id);
}

Test(protocol, malformed_requests_say_what_and_where)
{
    refused_request("", 0, "missing request id", 0);
    refused_request("x open", 6, "expected a number for request id, got 'x'", 0);
    refused_request("0 stat 'a", 9, "request id 0 is reserved", 0);
    refused_request("99999999999999999999 stat 'a", 28, "request id out of range", 0);
    refused_request("1 frobnicate", 12, "unknown operation 'frobnicate'", 1);
    refused_request("2 stat", 6, "missing path", 2);
    refused_request("3 stat a", 8, "expected a string ('TEXT) for path, got 'a'", 3);
    refused_request("4 stat ~", 8, "path cannot be ~", 4);
    refused_request("5 stat 'a 'b", 12, "stat takes 1 arguments; unexpected ''b'", 5);
    refused_request("6 stat  'a", 10, "empty path (two spaces in a row?)", 6);
    refused_request("6 stat 'a ", 10, "a space at the end of the line", 6);
    refused_request("7 stat 'a%4", 11, "'%' must be followed by two hex digits", 7);
    refused_request("7 stat 'a%zz", 12, "'%' must be followed by two hex digits", 7);
    refused_request("8 stat '\xff\xfe", 10, "not UTF-8", 8);
    refused_request("8 stat '\xed\xa0\x80", 11, "not UTF-8", 8); /* a surrogate */
    refused_request("8 stat '%00", 11, "not UTF-8 (or a NUL)", 8);
    refused_request("9 stat 'a\tb", 11, "control byte", 9);
    refused_request("9 stat 'a\0b", 11, "a NUL byte in the line", 0);
    refused_request("10 read h1 0 4294967296", 23, "length out of range", 10);
    refused_request("10 read h-1 0 1", 15, "expected a handle name", 10);
    refused_request("10 read h1234567890123456789012345678901 0 1", 44, "expected a handle name", 10);
    refused_request("11 write h1 0 abc", 17, "expected data (x and an even number", 11);
    refused_request("11 write h1 0 xabc", 18, "expected data (x and an even number", 11);
    refused_request("11 write h1 0 xzz", 17, "is not hex", 11);
    refused_request("12 remove 'a 2", 14, "expected 0 or 1 for flag, got '2'", 12);
    refused_request("13 set-times 'a 1 2 3 x 0", 25, "expected a number for time, got 'x'", 13);
    refused_request("13 set-times 'a 1 2 3 -9223372036854775809 0", 44, "time out of range", 13);
    refused_request("14 open h 'a 1 2 3", 18, "missing flags", 14);
    refused_request("15 caller -1 ~ 0", 16, "expected a number for process id", 15);
}

static void refused_reply(const char *line, const char *message)
{
    prjsim_agent_reply rp;
    char err[300] = "";
    cr_expect_not(prjsim_agent_parse_reply(line, strlen(line), 4, &rp, err, sizeof err), "accepted: %s", line);
    cr_expect(strstr(err, message) != NULL, "'%s': got '%s', wanted '%s'", line, err, message);
    cr_expect(!strncmp(err, "line 4: ", 8), "%s", err);
}

Test(protocol, malformed_replies_say_what_and_where)
{
    refused_reply("1 Q 0", "unknown result kind 'Q'");
    refused_reply("1 S", "missing result code");
    refused_reply("1 S 4294967296", "result code out of range");
    refused_reply("1 S -2147483649", "result code out of range");
    refused_reply("1 U 0", "a reply of kind U needs reason=");
    refused_reply("1 W 0 put", "expected an output KEY=VALUE");
    refused_reply("1 W 0 put=1 put=2", "unknown or repeated output 'put'");
    refused_reply("1 W 0 color=red", "unknown or repeated output 'color'");
    refused_reply("1 W 0 info=1,2,3", "info: expected 8 fields");
    refused_reply("1 W 0 info=2,0,0,0,0,0,0,0", "expected 0 or 1 for the directory flag");
    refused_reply("1 W 0 entries=2 entry='a,0,0,0,0,0,0,0", "1 entries missing at the end");
    refused_reply("1 W 0 entries=1 put=3", "1 entries missing before 'put=3'");
    refused_reply("1 W 0 entries=99999999", "entries out of range");
    refused_reply("1 W 0 entry='a,0,0,0,0,0,0,0", "unknown or repeated output 'entry'");
    refused_reply("1 W 0 bytes=x1", "expected data");
}

/* ---- through an agent on a pipe ---- */

Test(agent, forwards_every_operation_and_its_outputs)
{
    prjsim_agent_conn *c = prjsim_agent_start_local(&fake_backend);
    cr_assert_not_null(c);
    const prjsim_backend *be = &prjsim_backend_agent;
    prjsim_backend_open o = {L"C:\\root\\a.txt", 0x80000000u, 7, 3, 0, 0};
    prjsim_backend_file *f = NULL;
    prjsim_backend_result r = be->open(&f, &o);
    cr_assert(r.kind == 'W' && r.code == 0 && f);
    char buf[64] = "";
    uint32_t n = 0;
    r = be->read(f, 7, buf, sizeof buf, &n);
    cr_expect(n == 5 && !memcmp(buf, "agent", 5), "%u %.*s", n, (int)n, buf);
    r = be->write(f, 10, "abc", 3, &n);
    cr_expect_eq(n, 13);
    cr_expect_eq(be->set_size(f, 42).code, 42);
    cr_expect_eq(be->set_basic(f, 1, 2, 3, 4, 5).code, 15);
    cr_expect_eq(be->set_basic(f, 1, 2, 3, 4, 5).kind, 'S');
    cr_expect_eq(be->set_disposition(f, true).code, 1);
    cr_expect_eq(be->rename(f, L"C:\\xyz", true).code, 7);
    prjsim_file_info info;
    cr_expect_eq(be->query_info(f, &info).code, 0);
    cr_expect(info.basic.FileSize == 12 && info.basic.FileAttributes == 0x20 && info.link_count == 1);
    prjsim_dir_entry *e = NULL;
    size_t count = 0;
    be->query_directory(f, NULL, 0, 0, &e, &count);
    cr_assert_eq(count, 2);
    cr_expect(!wcscmp(e[0].name, L"a b,c%.txt"));
    cr_expect(!wcscmp(e[1].name, L"d\x00e9\x4e2d") && e[1].basic.IsDirectory && e[1].basic.CreationTime.QuadPart == -7);
    free(e);
    cr_expect_eq(be->close(f).kind, 'S');
    /* the name the runner gives is free again after the close */
    r = be->open(&f, &o);
    cr_expect(r.code == 0 && f);
    cr_expect_eq(be->close(f).code, 0);
    o.path = L"C:\\nope";
    f = (prjsim_backend_file *)1;
    r = be->open(&f, &o);
    cr_expect(r.kind == 'W' && r.code == 2 && f == NULL);
    be->list(L"C:\\", L"*.c", 100, &e, &count);
    cr_expect(count == 2 && !wcscmp(e[0].name, L"*.c"));
    free(e);
    cr_expect_eq(be->set_times(L"C:\\a", 10, 1, 1, 1, 1).code, 6);
    r = be->remove(L"C:\\a", false);
    cr_expect(r.kind == 'U' && !strcmp(r.reason, "fake: no remove"));
    cr_expect_eq(be->move(L"ab", L"c", true).code, 211);
    cr_expect_eq(be->link(L"ab", L"c").code, 210);
    cr_expect_eq(be->symlink(L"a", L"bc", true).code, 121);
    cr_expect_eq(be->mkdir(L"C:\\abc").code, 6);
    void *data = NULL;
    size_t size = 0;
    be->read_file(L"C:\\a", &data, &size);
    cr_expect(size == 3 && !memcmp(data, "\0\x01\xff", 3));
    free(data);
    cr_expect_eq(be->write_file(L"C:\\a", "\xab\xcd", 2).code, 2);
    PRJ_FILE_STATE st;
    cr_expect_eq(be->on_disk_state(L"C:\\a", &st), 0);
    cr_expect_eq(st, PRJ_FILE_STATE_PLACEHOLDER);
    /* the caller identity of this thread goes along */
    prjsim_caller who = {77, L"C:\\tools\\git.exe", false};
    be->set_caller(&who);
    be->stat(L"C:\\a", &info);
    cr_expect_eq(info.link_count, 77);
    be->set_caller(NULL);
    be->stat(L"C:\\a", &info);
    cr_expect_eq(info.link_count, 0);
    prjsim_agent_disconnect(c);
    /* no agent: unsupported, with the reason */
    r = be->stat(L"C:\\a", &info);
    cr_expect(r.kind == 'U' && strstr(r.reason, "not started"));
}

Test(agent, an_unknown_handle_is_refused_not_crashed)
{
    prjsim_agent_conn *c = prjsim_agent_start_local(&fake_backend);
    prjsim_backend_file *f = calloc(1, 32);
    strcpy((char *)f, "f999");
    uint32_t n;
    char buf[4];
    prjsim_backend_result r = prjsim_backend_agent.read(f, 0, buf, 4, &n);
    cr_expect(r.kind == 'U' && strstr(r.reason, "no open handle by that name"), "%s", r.reason);
    prjsim_backend_agent.close(f); /* frees f */
    prjsim_agent_disconnect(c);
}

static void *blocked_stat(void *arg)
{
    prjsim_file_info *info = arg;
    prjsim_backend_agent.stat(L"C:\\block", info);
    return NULL;
}

Test(agent, a_waiting_request_does_not_hold_up_another)
{
    prjsim_agent_conn *c = prjsim_agent_start_local(&fake_backend);
    pthread_t t;
    prjsim_file_info waiting, other;
    memset(&waiting, 0, sizeof waiting);
    pthread_create(&t, NULL, blocked_stat, &waiting);
    fake_wait_blocked();
    /* the first request is inside the backend, waiting: a second one is answered meanwhile */
    prjsim_backend_result r = prjsim_backend_agent.stat(L"C:\\other", &other);
    cr_expect(r.kind == 'W' && r.code == 0 && other.basic.FileSize == 8);
    pthread_mutex_lock(&fake_lock);
    bool still = !fake_released;
    pthread_mutex_unlock(&fake_lock);
    cr_expect(still);
    fake_release();
    pthread_join(t, NULL);
    cr_expect_eq(waiting.basic.FileSize, 8);
    prjsim_agent_disconnect(c);
}

typedef struct cancel_job {
    void *token;
    pthread_mutex_t lock;
    pthread_cond_t ready;
    prjsim_backend_result result;
} cancel_job;

static void *cancellable_stat(void *arg)
{
    cancel_job *c = arg;
    pthread_mutex_lock(&c->lock);
    c->token = prjsim_backend_agent.thread_self();
    pthread_cond_broadcast(&c->ready);
    pthread_mutex_unlock(&c->lock);
    prjsim_file_info info;
    c->result = prjsim_backend_agent.stat(L"C:\\block", &info);
    return NULL;
}

Test(agent, cancel_reaches_the_thread_running_the_request)
{
    prjsim_agent_conn *conn = prjsim_agent_start_local(&fake_backend);
    cancel_job c;
    memset(&c, 0, sizeof c);
    pthread_mutex_init(&c.lock, NULL);
    pthread_cond_init(&c.ready, NULL);
    /* a thread waiting for nothing: not found */
    void *idle = prjsim_backend_agent.thread_self();
    prjsim_backend_result r = prjsim_backend_agent.cancel_thread(idle);
    cr_expect(r.kind == 'W' && r.code == 1168, "%c %d", r.kind, r.code);
    prjsim_backend_agent.thread_release(idle);
    pthread_t t;
    pthread_create(&t, NULL, cancellable_stat, &c);
    fake_wait_blocked();
    pthread_mutex_lock(&c.lock);
    while (!c.token)
        pthread_cond_wait(&c.ready, &c.lock);
    pthread_mutex_unlock(&c.lock);
    r = prjsim_backend_agent.cancel_thread(c.token);
    cr_expect(r.kind == 'W' && r.code == 0, "%c %d", r.kind, r.code);
    pthread_join(t, NULL); /* released by the cancel: it would wait forever otherwise */
    cr_expect(c.result.kind == 'W' && c.result.code == 0);
    prjsim_backend_agent.thread_release(c.token);
    prjsim_agent_disconnect(conn);
}

Test(agent, a_malformed_line_gets_an_error_reply_and_serving_goes_on)
{
    static char input[] = "1 mkdir 'C:\\abc\nbad line\n2 read nosuch 0 1\n3 stat 'C:\\a\n";
    FILE *in = fmemopen(input, sizeof input - 1, "r");
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    cr_expect_eq(prjsim_agent_serve(&fake_backend, in, out), 1);
    fclose(in);
    fclose(out);
    cr_expect(strstr(text, "1 W 6\n"), "%s", text);
    cr_expect(strstr(text, "0 E 0 reason='line%202:%20expected%20a%20number%20for%20request%20id%2C%20got%20'bad'\n"),
              "%s", text);
    cr_expect(strstr(text, "2 E 0 reason='no%20open%20handle"), "%s", text);
    cr_expect(strstr(text, "3 W 0 info=0,4,"), "%s", text);
    free(text);
}
