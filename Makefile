# chartc - helm template in C. Plain Makefile; dependencies via pkg-config.
#   make            build ./chartc
#   make test       unit tests + golden tests (ends with "N passed, N failed")
#   make check-asan the same tests under AddressSanitizer + UBSan
#   make bench      chartc vs helm template (CPU time, ratio, peak memory) on a fixed set
#   make bench-corpus  the same over every corpus case (key-free / key-generating totals)
#   make perf-baseline  rewrite tests/perf-baseline.tsv (the instruction-count guard in make test)
#   make install PREFIX=/usr/local DESTDIR=   (binary, man pages, bash/zsh completion)
#   make install-helm-link   also a `helm` symlink to chartc;  make uninstall
#   make static     ./chartc-static, fully static (runs in slim images)

# The user's CFLAGS, CPPFLAGS, LDFLAGS and LDLIBS (command line or
# environment) are added to the flags the build needs (CC_FLAGS, CC_LIBS,
# prepended with `override` below), never replace them: `make CFLAGS=-O0`,
# `make CFLAGS+=-DX CPPFLAGS=-DY` keep -Iinclude and the pkg-config flags.
# (json-c, named by the design, is not used: src/json.c is chartc's own
# encoding/json-compatible encoder and decoder; see README "Dependencies".)
PKGS     = yaml-0.1 libpcre2-8 libcrypto nettle zlib gmp libcares
CC      ?= cc
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
BUILD   ?= build
OPT     ?= -O2
DEBUG   ?= -g
WARN     = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
# String constants stay in their object's .rodata (-fno-merge-constants):
# merged across objects, the linker kept a string wherever its first copy
# or a longer string ending with it was, often among the unit-test runner's
# or OpenSSL's strings, and a render read .rodata in nine 64 KiB windows
# instead of four (the trivial chart 84 -> 80 page faults; 12 KB larger).
# GCC only: clang has no such flag (and warns about it).
CC_IS_CLANG := $(shell $(CC) --version 2>/dev/null | grep -c clang)
# Each function and each variable in its own section, so that the linker
# can place the ones typical runs touch together: src/hot.ld (written by
# tests/gen-layout.py from a profile; the build only reads it) lists them, our own
# and glibc's, OpenSSL's and nettle's archive members, at the front of .text
# and .rodata. The kernel maps a file-backed page fault 64 KiB around the
# address, so what matters is how many 64 KiB windows a run touches. GNU ld
# only (INSERT); sanitizer builds go without.
LD_IS_BFD := $(shell $(CC) $(LDFLAGS) -Wl,--version 2>/dev/null | grep -c '^GNU ld')
HOTLD   ?= $(if $(SAN)$(filter 0,$(LD_IS_BFD)),,src/hot.ld)
LAYOUT   = $(if $(filter 0,$(CC_IS_CLANG)),-fno-merge-constants) $(if $(SAN),,-ffunction-sections -fdata-sections)
CC_FLAGS = -std=gnu11 -Iinclude -I$(BUILD) $(shell pkg-config --cflags $(PKGS)) $(SAN) $(OPT) $(DEBUG) $(WARN) $(LAYOUT)

# The version, in this one place; chartc --version adds the git commit
# when built from a git checkout (nothing in a tarball or without git).
CHARTC_VERSION = 0.1.0
GIT_COMMIT := $(shell [ "$$(git -C '$(CURDIR)' rev-parse --show-toplevel 2>/dev/null)" = '$(CURDIR)' ] && git -C '$(CURDIR)' rev-parse --short HEAD 2>/dev/null)

# Linked fully static by default (LINK=full), libc too: a dynamically
# linked chartc spent 0.6-0.7 ms of every run loading libc.so and binding
# its symbols (the trivial chart 3.3 -> 2.6 ms of CPU, the 215 key-free
# corpus cases 11% less in total). ld --wrap keeps glibc's dlopen and
# NSS lookups out (src/static_link.c says why);
# getHostByName resolves through c-ares (src/dns.c). Sanitizer builds
# (SAN=...) need a shared libc: there the libraries with .a files are linked
# statically and libc shared (LINK=static); LINK=dynamic links all shared.
LINK    ?= $(if $(SAN),static,full)
STATIC   = yaml-0.1 libpcre2-8 libcrypto nettle zlib gmp libcrypt libcares
SHARED   = $(filter-out $(STATIC),$(PKGS))
WRAPS    = $(foreach f,dlopen gethostbyname getaddrinfo getservbyname getservbyport_r OPENSSL_cpuid_setup OPENSSL_init_crypto _nettle_cpuid _dl_get_origin \
           __register_frame_info __deregister_frame_info,-Wl,--wrap=$(f))
# src/static_link.c, the wrappers, is linked only here (it calls the
# __real_ functions, which exist only with --wrap); --eh-frame-hdr, which
# GCC passes to dynamic links only, indexes the unwind tables for libgcc's
# unwinder, which no longer gets them registered (static_link.c).
WRAPOBJ  = $(BUILD)/static_link.o
FULL_LIBS = -static -Wl,--eh-frame-hdr $(WRAPOBJ) $(WRAPS) $(shell pkg-config --static --libs $(STATIC)) -lm -lpthread
# libm.so is loaded only if the program needs a function that only it has
# (src/gostd.c has chartc's own floor, fmod, pow...; a function GCC inlines
# at -O2, floor or ceil, can still be a call at -Os): -lc before -lm binds
# frexp, ldexp and modf to libc, which has them too. Loading libm costs 9
# page faults at every start.
ifeq ($(LINK),static)
CC_LIBS  = -Wl,-Bstatic $(filter-out -ldl -pthread -lpthread,$(shell pkg-config --static --libs $(STATIC))) \
           -Wl,-Bdynamic $(if $(SHARED),$(shell pkg-config --libs $(SHARED))) \
           -Wl,--as-needed -lc -lm -Wl,--no-as-needed -lpthread -ldl
else ifeq ($(LINK),full)
CC_LIBS  = $(FULL_LIBS)
else
CC_LIBS  = $(shell pkg-config --libs $(PKGS) libcrypt) -lm -lpthread
endif
# Linked as a position-dependent executable (-no-pie; PIE= for the
# compiler's default): a PIE has 21000 relative relocations that the
# dynamic loader applies at every start, writing over 100 pages of
# pointer tables (.data.rel.ro, .got). Each page is a copy-on-write fault:
# `chartc --version` took 196 page faults as a PIE and 90 without, on a
# VM where a fault costs 5-10 us (half its CPU time). The objects stay
# compiled position-independent, so LDFLAGS=-pie still links; the heap,
# stack and shared libraries keep their address randomisation.
PIE     ?= -no-pie
override CFLAGS  := $(CC_FLAGS) $(CPPFLAGS) $(CFLAGS)
override LDFLAGS := $(SAN) $(PIE) $(HOTLD:%=-Wl,-T,%) $(LDFLAGS)
USER_LDLIBS := $(LDLIBS)
override LDLIBS  := $(CC_LIBS) $(LDLIBS)
unexport CFLAGS LDFLAGS LDLIBS

SRCS     = $(filter-out src/static_link.c,$(wildcard src/*.c))
# Linked in this order, the code every render runs first and together: the
# kernel maps an executable's pages 64 KiB around each page fault, so hot
# code spread over the 600 KiB of chartc's own faulted in ten windows, and
# in five when it is together (chartc --version 69 -> 65 page faults, the
# stalwart render 104 -> 100). The other objects follow in name order.
HOT      = main cli out stack value funcs det caps cmd_helm render chart files helmignore \
           archive deps values json yaml_fast yaml_load yaml_emit yaml_path tmpl_lex tmpl_parse \
           tmpl_exec gofmt gostd manifest schema fn_builtin fn_helm fn_strings fn_conv fn_flow \
           fn_dicts fn_lists fn_encoding fn_semver fn_yaml fn_json fn_math
HOTOBJS  = $(foreach n,$(HOT),$(if $(filter src/$(n).c,$(SRCS)),$(BUILD)/$(n).o))
OBJS     = $(HOTOBJS) $(filter-out $(HOTOBJS),$(SRCS:src/%.c=$(BUILD)/%.o))
LIBOBJS  = $(filter-out $(BUILD)/main.o,$(OBJS))
UNITS    = $(patsubst tests/unit/%.c,$(BUILD)/%,$(wildcard tests/unit/test_*.c))
REPLAYS  = $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/replay_%,$(wildcard tests/fuzz/fuzz_*.c))
BIN      = $(if $(filter build,$(BUILD)),chartc,$(BUILD)/chartc)
LINKDEPS = $(if $(filter full,$(LINK)),$(WRAPOBJ))   # what $(LDLIBS) names

all: $(BIN)

$(BIN): $(OBJS) $(LINKDEPS) $(HOTLD)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: src/%.c $(wildcard include/chartc/*.h) $(wildcard src/*.def src/*.h) Makefile | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

# version.h is rewritten only when the version or the commit changed
$(BUILD)/version.h: FORCE | $(BUILD)
	@printf '#define CHARTC_RELEASE "%s"\n#define CHARTC_VERSION "%s%s"\n' '$(CHARTC_VERSION)' \
	    '$(CHARTC_VERSION)' '$(if $(GIT_COMMIT), ($(GIT_COMMIT)))' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
$(BUILD)/cli.o: $(BUILD)/version.h

$(BUILD)/test_%: tests/unit/test_%.c $(LIBOBJS) $(LINKDEPS) tests/unit/harness.h | $(BUILD)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

# A fully static binary (libc too) that runs in slim images with nothing
# installed: glibc warns that getaddrinfo (--enable-dns only) and dlopen
# (OpenSSL's engines, unused) would need its shared libraries at run time.
static: chartc-static
chartc-static: $(OBJS) $(WRAPOBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(FULL_LIBS) $(USER_LDLIBS)

$(BUILD):
	mkdir -p $(BUILD)

units: $(UNITS)

test: $(BIN) $(UNITS) $(REPLAYS)
	@CHARTC=./$(BIN) BUILD=$(BUILD) sh tests/run.sh

check-asan:
	$(MAKE) BUILD=build-asan OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" test

bench: $(BIN)
	@sh tests/bench.sh ./$(BIN)

bench-corpus: $(BIN)
	@sh tests/bench.sh --corpus ./$(BIN)

perf-baseline: $(BIN)
	python3 tests/bench.py guard ./$(BIN) --update

man: $(BIN)
	./$(BIN) functions --man > man/chartc-functions.7

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/chartc
	install -m 644 man/chartc.1 $(DESTDIR)$(MANDIR)/man1/chartc.1
	install -m 644 man/chartc-functions.7 $(DESTDIR)$(MANDIR)/man7/chartc-functions.7
	install -m 644 completion/chartc.bash $(DESTDIR)$(BASHCOMPDIR)/chartc
	install -m 644 completion/_chartc $(DESTDIR)$(ZSHCOMPDIR)/_chartc

# `helm` as a symlink to chartc, for tools that run `helm template ...`
install-helm-link: install
	ln -sf chartc $(DESTDIR)$(BINDIR)/helm

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/chartc $(DESTDIR)$(MANDIR)/man1/chartc.1 \
	    $(DESTDIR)$(MANDIR)/man7/chartc-functions.7 $(DESTDIR)$(BASHCOMPDIR)/chartc \
	    $(DESTDIR)$(ZSHCOMPDIR)/_chartc
	if [ "$$(readlink $(DESTDIR)$(BINDIR)/helm 2>/dev/null)" = chartc ]; then rm -f $(DESTDIR)$(BINDIR)/helm; fi

clean:
	rm -rf build build-asan build-layout chartc chartc-static

FORCE:

.PHONY: all units test check-asan bench bench-corpus perf-baseline man install install-helm-link uninstall static clean FORCE

# ---- fuzzing (tests/fuzz/, STYLE.md habit 8) ------------------------------
#   make fuzz                 libFuzzer harnesses in build-fuzz/ (clang)
#   sh tests/fuzz/run.sh [S]  run each for S seconds (default 60)
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZERS  = $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))

fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT=-O1 SAN="$(FUZZ_SAN)" fuzzers

fuzzers: $(FUZZERS)

# The same harnesses with a plain main() (tests/fuzz/replay.c): make test
# replays the committed seeds and reproducers with them.
replays: $(REPLAYS)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(LIBOBJS) $(LINKDEPS) | $(BUILD)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIBOBJS) $(LINKDEPS) | $(BUILD)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

.PHONY: fuzz fuzzers replays
