/*
 * dns.c - host name lookup for getHostByName (--enable-dns).
 * Mirrors go src/net/lookup.go LookupHost as Helm's release binaries run it
 * (built without cgo: Go's own resolver, src/net/dnsclient_unix.go and
 * hosts.go): /etc/hosts first, then DNS servers from /etc/resolv.conf,
 * A and AAAA; an address (netip.ParseAddr: IPv4, IPv6, IPv6 with a zone)
 * is returned as written. c-ares does the same without
 * glibc's NSS modules, which a statically linked chartc cannot load.
 */
#include "chartc/dns.h"
#include "chartc/value.h"

#include <ares.h>
#include <arpa/inet.h>
#include <string.h>
#include <sys/select.h>

typedef struct Lookup {
    int done;
    const char **addrs;
    int n, max;
} Lookup;

static void dns_done(void *arg, int status, int timeouts, struct ares_addrinfo *res)
{
    Lookup *l = arg;
    l->done = 1;
    if (status != ARES_SUCCESS || !res) return;
    for (struct ares_addrinfo_node *a = res->nodes; a && l->n < l->max; a = a->ai_next) {
        char buf[INET6_ADDRSTRLEN];
        const void *src = a->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)a->ai_addr)->sin_addr
                        : a->ai_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)a->ai_addr)->sin6_addr
                        : NULL;
        if (!src || !inet_ntop(a->ai_family, src, buf, sizeof buf)) continue;
        int dup = 0;
        for (int i = 0; i < l->n; i++) dup |= strcmp(l->addrs[i], buf) == 0;
        if (!dup) l->addrs[l->n++] = cc_strdup(buf);
    }
    ares_freeaddrinfo(res);
}

/* netip.ParseAddr: dotted IPv4 without leading zeros, IPv6 (also with an
 * embedded IPv4), IPv6 with a non-empty zone after '%' */
static int dns_is_addr(const char *name)
{
    unsigned char buf[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, name, buf) == 1 || inet_pton(AF_INET6, name, buf) == 1) return 1;
    const char *pct = strchr(name, '%');
    if (!pct || !pct[1] || pct - name >= INET6_ADDRSTRLEN) return 0;
    char head[INET6_ADDRSTRLEN];
    memcpy(head, name, (size_t)(pct - name));
    head[pct - name] = 0;
    return inet_pton(AF_INET6, head, buf) == 1;
}

int dns_lookup_host(const char *name, const char **addrs, int max)
{
    if (dns_is_addr(name)) {
        if (max < 1) return 0;
        addrs[0] = name;
        return 1;
    }
    /* c-ares takes any name of digits and dots for an IPv4 address the way
     * inet_addr does ("127.1", "127.000.0.1"); Go asks the hosts file and
     * DNS for it, where such a name is not found */
    if (strspn(name, "0123456789.") == strlen(name)) return 0;
    Lookup l = {0, addrs, 0, max};
    ares_channel ch;
    if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) return 0;
    if (ares_init(&ch) != ARES_SUCCESS) {
        ares_library_cleanup();
        return 0;
    }
    struct ares_addrinfo_hints hints = {0};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    ares_getaddrinfo(ch, name, NULL, &hints, dns_done, &l);
    while (!l.done) {
        fd_set r, w;
        FD_ZERO(&r);
        FD_ZERO(&w);
        int nfds = ares_fds(ch, &r, &w);
        if (nfds == 0) break;
        struct timeval tv, *tvp = ares_timeout(ch, NULL, &tv);
        if (select(nfds, &r, &w, NULL, tvp) < 0) break;
        ares_process(ch, &r, &w);
    }
    ares_destroy(ch);   /* calls dns_done (ARES_EDESTRUCTION) if still pending */
    ares_library_cleanup();
    return l.n;
}
