/*
 * dns.h - host name lookup for getHostByName (--enable-dns), see src/dns.c.
 */
#ifndef CHARTC_DNS_H
#define CHARTC_DNS_H

/* The distinct addresses of name, as text (in the arena, or name itself
 * when it is an address), at most max of them, in the resolver's order; 0
 * when it does not resolve. */
int dns_lookup_host(const char *name, const char **addrs, int max);

#endif
