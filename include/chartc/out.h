/*
 * out.h - output that is never silently lost: every write to stdout goes
 * through out_write/out_puts (the first failure is kept and reported by
 * out_close), and files are replaced through a temporary file and a rename,
 * so that a failed write never leaves a partial file. Error texts are Go's
 * (*os.PathError): "write /dev/stdout: no space left on device".
 */
#ifndef CHARTC_OUT_H
#define CHARTC_OUT_H
#include <stddef.h>

/* At process start: a closed fd 0, 1 or 2 is reopened on /dev/null, so
 * that a later open() cannot take its number (stdout would then write into
 * a chart file). As Go's runtime does, stdin reads as empty; unlike it,
 * stdout and stderr are opened read-only, so every write to a closed
 * stdout fails with EBADF, which out_close reports. */
void out_std_fds(void);

/* fwrite/fputs/fflush on stdout, remembering the first failure's errno. */
void out_write(const void *p, size_t n);
void out_puts(const char *s);
void out_flush(void);
/* out_write without stdio's buffer: what stdio holds is flushed, then
 * p[0:n] is written to fd 1 at once (out_write does this for big writes). */
void out_send(const void *p, size_t n);

/* Flush and close stdout: NULL, or "write /dev/stdout: <reason>" when any
 * write, the flush or the close failed. Called once, at the very end. */
const char *out_close(void);

/* Go's text of a syscall error: strerror with a lower-case first letter
 * ("no space left on device"). Arena string. */
const char *out_errno_text(int e);

/* Replace the file at path with data[0:n]: written to a temporary file in
 * the same directory (mode 0666 & ~umask, like os.Create), then renamed
 * over path; on any failure the temporary file is removed and the error
 * is "open PATH: ..." or "write PATH: ...". */
const char *out_file_replace(const char *path, const char *data, size_t n);

#endif
