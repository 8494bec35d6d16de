/*
 * det.h - reproducible renders: every random draw and every clock reading
 * of the template functions goes through here.
 *
 * Without a seed the draws are real randomness (OpenSSL RAND_bytes) and the
 * clock is the real one, as in Helm. With a seed (--seed, CHARTC_SEED) each
 * top-level template gets its own deterministic stream, derived from the
 * seed, the release name and the template's name, and each call of a random
 * function inside it gets its own sub-stream (man/chartc.1, REPRODUCIBLE
 * RENDERS, specifies the bytes). With a fixed clock (--now,
 * SOURCE_DATE_EPOCH) `now`, `ago`, dates without a time argument and
 * certificate validity read that time.
 *
 * Use from a command: det_set() (or det_configure() for flags with their
 * environment fallbacks) once, then render_run(): it calls det_template()
 * before each template, so a render's bytes do not depend on what ran
 * before it in the process.
 * Use from a function: det_call() once at the start of each call that draws,
 * then det_bytes()/det_below() as often as needed.
 */
#ifndef CHARTC_DET_H
#define CHARTC_DET_H
#include <stddef.h>
#include <stdint.h>

/* Seed (NULL or "" for real randomness) and fixed clock (NULL or "" for the
 * real clock, else an RFC 3339 time). Applies process-wide until the next
 * call; resets the streams. Returns NULL or an error text. */
const char *det_set(const char *seed, const char *now);

/* det_set from command-line values with the environment as fallback:
 * seed = seed_flag, else $CHARTC_SEED; now = now_flag, else
 * $SOURCE_DATE_EPOCH (Unix seconds). NULL flags mean "not given". */
const char *det_configure(const char *seed_flag, const char *now_flag);

/* Select the stream of top-level template `name` of release `release`
 * (the render calls it before executing each template file; `include`d
 * helpers and `tpl` draw from the stream of the file being executed). */
void det_template(const char *release, const char *name);

int det_seeded(void);        /* a seed is set */
void det_call(void);         /* a random function call begins: next sub-stream */
void det_bytes(void *p, size_t n);   /* the call's next n bytes */
uint64_t det_below(uint64_t n);      /* uniform integer in [0, n), n > 0 */

/* The clock: Unix seconds and nanoseconds now; returns 1 when fixed. */
int det_now(int64_t *sec, int32_t *nsec);
int det_clock_fixed(void);

/* RFC 3339 text to Unix time; NULL or an error text. */
const char *det_parse_rfc3339(const char *s, int64_t *sec, int32_t *nsec);

#endif
