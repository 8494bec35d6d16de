/*
 * gonet.h - Go's net/url.Parse and net/netip.ParseAddr as src/fn_paths.c
 * implements them for urlParse (Go 1.25 rules for Helm v4, Go 1.23 for
 * v3, by cc_helm_major); values.schema.json `format` checks use them too.
 */
#ifndef CHARTC_GONET_H
#define CHARTC_GONET_H
#include <stddef.h>

/* A parsed URL: arena strings, "" when absent. host is URL.Host (the
 * unescaped host and its port); raw_path is URL.RawPath (the path as
 * written when that differs from escaping path). */
typedef struct GoURL {
    const char *scheme, *opaque, *host, *path, *raw_path, *query, *fragment, *user;
    int has_user;
} GoURL;

/* url.Parse of s[0..n): NULL and *u, or the url.Error text
 * ("parse \"s\": missing protocol scheme"). */
const char *go_url_parse(const char *s, size_t n, GoURL *u);
/* URL.Hostname of a URL.Host: the port and brackets removed. */
const char *go_url_hostname(const char *host);
/* netip.ParseAddr of s[0..n): NULL, or the ParseAddr("s"): ... error
 * text; *is4 when s was parsed as an IPv4 address. */
const char *go_netip_parse(const char *s, size_t n, int *is4);

#endif
