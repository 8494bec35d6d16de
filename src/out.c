/*
 * out.c - checked output (see out.h): stdout writes whose failures are
 * reported at exit, and files replaced through a temporary file.
 * Mirrors the *os.PathError texts of go src/os/file.go (Write, Create)
 * that helm v4.1.4 pkg/action/action.go writeToFile returns; Helm itself
 * ignores errors on stdout, chartc reports them (out_close).
 */
#include "chartc/out.h"
#include "chartc/value.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* writes of this many bytes or more skip stdio's buffer (out_send) */
#define OUT_DIRECT ((size_t)4096)

static int out_err;   /* errno of the first failed write to stdout */

/* One poll(2) asks after all three (POLLNVAL: not open) where fcntl
 * would take a system call each, and a process start pays each one. */
void out_std_fds(void)
{
    struct pollfd pf[3] = {{.fd = 0}, {.fd = 1}, {.fd = 2}};
    int polled = poll(pf, 3, 0) >= 0;
    for (int fd = 0; fd <= 2; fd++) {
        if (polled ? !(pf[fd].revents & POLLNVAL) : fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        int n = open("/dev/null", O_RDONLY);
        if (n >= 0 && n != fd) { dup2(n, fd); close(n); }
    }
}

void out_write(const void *p, size_t n)
{
    if (n >= OUT_DIRECT) out_send(p, n);
    else if (n && fwrite(p, 1, n, stdout) != n && !out_err) out_err = errno ? errno : EIO;
}

/* Straight to fd 1 after what stdio holds: a render's whole output in one
 * write(2) (stdio would cut it into 4 KiB writes, and first fstat and
 * ioctl the fd to size its buffer). */
void out_send(const void *p, size_t n)
{
    if (!n) return;
    out_flush();
    const char *s = p;
    while (n) {
        ssize_t w = write(1, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (!out_err) out_err = w < 0 ? errno : EIO;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

void out_puts(const char *s) { out_write(s, strlen(s)); }

void out_flush(void)
{
    if (fflush(stdout) && !out_err) out_err = errno ? errno : EIO;
}

const char *out_close(void)
{
    out_flush();
    if (ferror(stdout) && !out_err) out_err = EIO;   /* a write that bypassed out_write */
    if (fclose(stdout) && !out_err) out_err = errno ? errno : EIO;
    return out_err ? cc_printf("write /dev/stdout: %s", out_errno_text(out_err)) : NULL;
}

const char *out_errno_text(int e)
{
    char *t = cc_strdup(strerror(e));
    if (t[0] >= 'A' && t[0] <= 'Z' && !(t[1] >= 'A' && t[1] <= 'Z')) t[0] = (char)(t[0] - 'A' + 'a');
    return t;
}

const char *out_file_replace(const char *path, const char *data, size_t n)
{
    static unsigned seq;
    const char *sl = strrchr(path, '/');
    const char *tmp = sl ? cc_printf("%.*s/.%s.chartc-%ld-%u", (int)(sl - path), path, sl + 1, (long)getpid(), seq++)
                         : cc_printf(".%s.chartc-%ld-%u", path, (long)getpid(), seq++);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) return cc_printf("open %s: %s", path, out_errno_text(errno));
    const char *verb = "write";
    int e = 0;
    for (size_t off = 0; off < n && !e; ) {
        ssize_t w = write(fd, data + off, n - off);
        if (w > 0) off += (size_t)w;
        else if (w < 0 && errno == EINTR) continue;
        else e = w < 0 ? errno : EIO;
    }
    if (close(fd) && !e) e = errno;
    if (!e && rename(tmp, path)) { e = errno; verb = "open"; }
    if (e) {
        unlink(tmp);
        return cc_printf("%s %s: %s", verb, path, out_errno_text(e));
    }
    return NULL;
}
