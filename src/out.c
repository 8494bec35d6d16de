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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int out_err;   /* errno of the first failed write to stdout */

void out_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        int n = open("/dev/null", O_RDONLY);
        if (n >= 0 && n != fd) { dup2(n, fd); close(n); }
    }
}

void out_write(const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, stdout) != n && !out_err) out_err = errno ? errno : EIO;
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
