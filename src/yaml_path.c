/*
 * yaml_path.c - where a path (map keys and sequence indexes from the root)
 * sits in a YAML text: byte range, line and column of its node, from
 * libyaml's events. Used by `chartc snapshot` masks (helm-chartsnap's
 * dynamicFields JSON pointers) and by --explain for values-schema errors.
 * No Helm counterpart.
 *
 * The walk keeps an explicit stack of open collections (no recursion on
 * the C stack). libyaml's marks count characters; they are turned into
 * byte offsets by a forward cursor over the UTF-8 text.
 */
#include "chartc/codec.h"

#include <string.h>
#include <yaml.h>

typedef struct Frame {
    int is_map, expect_key, idx;
    const char *key;          /* map: the current key (NULL: not a scalar) */
    int in_key;               /* this collection is (inside) a key */
    int match;                /* -1, or the path index the collection matched */
    size_t start;             /* its first byte */
    int line, col;
} Frame;

typedef struct Cursor { const char *s; size_t n, ci, bi; } Cursor;

static size_t yp_byte(Cursor *c, size_t ci)
{
    if (ci < c->ci) c->ci = c->bi = 0;
    while (c->ci < ci && c->bi < c->n) {
        c->bi++;
        while (c->bi < c->n && ((unsigned char)c->s[c->bi] & 0xC0) == 0x80) c->bi++;
        c->ci++;
    }
    return c->bi;
}

/* The byte column of offset b (0-based, from the line start). */
static int yp_col(const char *s, size_t b)
{
    size_t k = b;
    while (k > 0 && s[k - 1] != '\n') k--;
    return (int)(b - k);
}

static int yp_index(const char *d, int idx)
{
    if (!*d) return 0;
    long v = 0;
    for (; *d; d++) {
        if (*d < '0' || *d > '9' || v > 100000000) return 0;
        v = v * 10 + (*d - '0');
    }
    return v == idx;
}

static int yp_match(const Frame *f, int depth, const YamlPath *paths, int npaths)
{
    for (int k = 0; k < npaths; k++) {
        if (paths[k].nseg != depth) continue;
        int ok = 1;
        for (int i = 0; i < depth && ok; i++) {
            const Frame *fr = &f[i];
            if (fr->in_key) ok = 0;
            else if (fr->is_map) ok = fr->key && !strcmp(fr->key, paths[k].seg[i]);
            else ok = yp_index(paths[k].seg[i], fr->idx);
        }
        if (ok) return k;
    }
    return -1;
}

static void yp_done(Frame *f, int depth)
{
    if (!depth) return;
    Frame *p = &f[depth - 1];
    if (p->is_map) p->expect_key = !p->expect_key;
    else p->idx++;
}

void yaml_locate(const char *s, size_t n, const YamlPath *paths, int npaths, YamlFoundFn found, void *ctx)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) cc_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
    Frame *f = NULL;
    int depth = 0, cap = 0, docs = 0, done = 0;
    Cursor cur = {s, n, 0, 0};
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) break;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = 1; break;
        case YAML_DOCUMENT_START_EVENT: if (docs++) done = 1; break;
        case YAML_SCALAR_EVENT: case YAML_ALIAS_EVENT:
        case YAML_SEQUENCE_START_EVENT: case YAML_MAPPING_START_EVENT: {
            Frame *parent = depth ? &f[depth - 1] : NULL;
            int coll = ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT;
            int is_key = parent && parent->is_map && parent->expect_key;
            int m = -1;
            if (is_key)
                parent->key = ev.type == YAML_SCALAR_EVENT
                                  ? cc_strndup((const char *)ev.data.scalar.value, ev.data.scalar.length) : NULL;
            else if (depth)
                m = yp_match(f, depth, paths, npaths);
            size_t start = yp_byte(&cur, ev.start_mark.index);
            if (!coll) {
                if (m >= 0) found(ctx, m, start, yp_byte(&cur, ev.end_mark.index), (int)ev.start_mark.line + 1, yp_col(s, start));
                yp_done(f, depth);
                break;
            }
            if (depth == cap) {
                int nc = cap ? 2 * cap : 16;
                f = cc_grow(f, sizeof *f * (size_t)cap, sizeof *f * (size_t)nc);
                cap = nc;
            }
            Frame fr = {0};
            fr.is_map = ev.type == YAML_MAPPING_START_EVENT;
            fr.expect_key = 1;
            fr.in_key = is_key || (parent && parent->in_key);
            fr.match = m;
            fr.start = start;
            fr.line = (int)ev.start_mark.line + 1;
            fr.col = yp_col(s, start);
            f[depth++] = fr;
            break;
        }
        case YAML_SEQUENCE_END_EVENT: case YAML_MAPPING_END_EVENT:
            if (depth) {
                Frame fr = f[--depth];
                if (fr.match >= 0) found(ctx, fr.match, fr.start, yp_byte(&cur, ev.end_mark.index), fr.line, fr.col);
                yp_done(f, depth);
            }
            break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
}
