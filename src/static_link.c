/*
 * static_link.c - what a fully static chartc links in place of glibc's
 * dlopen, gethostbyname and getaddrinfo, OpenSSL's and Nettle's start-up
 * CPU detection, libgcc's frame registration and the executable's origin
 * for dlopen (ld --wrap, see the Makefile).
 * No Go file: Helm is a static Go binary that never loads shared objects.
 *
 * Statically linked, those glibc functions need, at run time, the shared
 * NSS modules and libc of the exact glibc version chartc was built with
 * (ld warns at every link). chartc itself calls none of them: host names
 * resolve through c-ares (src/dns.c). OpenSSL's libcrypto references them
 * for engines and modules loaded from files (DSO) and for its socket BIOs,
 * c-ares the service lookups for a service name or number, which chartc
 * never uses; here they fail as they would where no such module, resolver
 * or service entry exists.
 *
 * OpenSSL's libcrypto also runs OPENSSL_cpuid_setup as a constructor in
 * every process: about eight CPUID instructions, each a trap to the
 * hypervisor on a VM (6-10 us here), and two pages of code and data to
 * fault in. Most runs never call OpenSSL, so here it runs when OpenSSL
 * initializes itself, at the first use of its EVP, RAND or X509 interfaces
 * (OPENSSL_init_crypto). Its big-number functions alone (BN_*) do not
 * initialize OpenSSL: before that they take the plain x86-64 code, which
 * gives the same results.
 */
#include <cpuid.h>
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/platform/x86.h>

void *__wrap_dlopen(const char *file, int mode);
struct hostent *__wrap_gethostbyname(const char *name);
int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res);
struct servent *__wrap_getservbyname(const char *name, const char *proto);
int __wrap_getservbyport_r(int port, const char *proto, struct servent *buf, char *mem, size_t n, struct servent **res);

void *__wrap_dlopen(const char *file, int mode) { return NULL; }

struct hostent *__wrap_gethostbyname(const char *name)
{
    h_errno = NO_RECOVERY;
    return NULL;
}

int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)
{
    return EAI_FAIL;
}

struct servent *__wrap_getservbyname(const char *name, const char *proto) { return NULL; }

int __wrap_getservbyport_r(int port, const char *proto, struct servent *buf, char *mem, size_t n, struct servent **res)
{
    *res = NULL;
    return ENOENT;
}

void __real_OPENSSL_cpuid_setup(void);
int __real_OPENSSL_init_crypto(uint64_t opts, const void *settings);
void __wrap_OPENSSL_cpuid_setup(void);
int __wrap_OPENSSL_init_crypto(uint64_t opts, const void *settings);

void __wrap_OPENSSL_cpuid_setup(void) {}

int __wrap_OPENSSL_init_crypto(uint64_t opts, const void *settings)
{
    static int cpuid_done;
    if (!cpuid_done) {
        cpuid_done = 1;
        __real_OPENSSL_cpuid_setup();
    }
    return __real_OPENSSL_init_crypto(opts, settings);
}

/* A static executable's start-up code (GCC's crtbeginT.o) registers the
 * .eh_frame section with libgcc's unwinder, and unregisters it at exit: a
 * lock, and two pages of code and data to fault in. Nothing in chartc
 * unwinds the stack (no C++ exceptions, no thread cancellation, no
 * backtrace), and the link adds the .eh_frame_hdr index (--eh-frame-hdr)
 * through which the unwinder would find the frames without them anyway. */
struct object;
void __wrap___register_frame_info(const void *begin, struct object *ob);
void *__wrap___deregister_frame_info(const void *begin);

void __wrap___register_frame_info(const void *begin, struct object *ob) {}

void *__wrap___deregister_frame_info(const void *begin) { return NULL; }

/* Nettle's constructor (fat_init) picks its SHA implementations from
 * CPUID leaves 1 and 7, which glibc has read already at start-up and keeps
 * (sys/platform/x86.h); leaf 0, the vendor, only chooses between two
 * memxor routines chartc never calls, and reads as none. Three traps to
 * the hypervisor fewer, and the page of Nettle's CPUID routine. */
void __wrap__nettle_cpuid(uint32_t input, uint32_t regs[4]);

void __wrap__nettle_cpuid(uint32_t input, uint32_t regs[4])
{
    const struct cpuid_feature *f = NULL;
    if (input == 1) f = __x86_get_cpuid_feature_leaf(CPUID_INDEX_1);
    else if (input == 7) f = __x86_get_cpuid_feature_leaf(CPUID_INDEX_7);
    if (f) memcpy(regs, f->cpuid_array, 4 * sizeof regs[0]);
    else if (input == 0) memset(regs, 0, 4 * sizeof regs[0]);
    else __cpuid_count(input, 0, regs[0], regs[1], regs[2], regs[3]);
}

/* glibc's start-up of a static program asks for the executable's
 * directory (readlink of /proc/self/exe, and a malloc) for $ORIGIN in the
 * search paths of dlopen, which chartc never calls (__wrap_dlopen fails).
 * (char *) -1 is glibc's "origin unknown": one system call fewer a run. */
const char *__wrap__dl_get_origin(void);

const char *__wrap__dl_get_origin(void) { return (const char *)-1; }
