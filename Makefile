# chartc - helm template in C. Plain Makefile; dependencies via pkg-config.
#   make            build ./chartc
#   make test       unit tests + golden tests (ends with "N passed, N failed")
#   make check-asan the same tests under AddressSanitizer + UBSan
#   make bench      chartc vs helm template (CPU time, ratio, peak memory) on a fixed set
#   make bench-corpus  the same over every corpus case (key-free / key-generating totals)
#   make perf-baseline  rewrite tests/perf-baseline.tsv (the instruction-count guard in make test)
#   make install PREFIX=/usr/local

PKGS     = yaml-0.1 json-c libpcre2-8 libcrypto nettle zlib gmp
CC      ?= cc
PREFIX  ?= /usr/local
BUILD   ?= build
OPT     ?= -O2
CFLAGS  += $(SAN) -std=gnu11 $(OPT) -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
           -Wno-missing-field-initializers -Iinclude $(shell pkg-config --cflags $(PKGS))
# The libraries with .a files are linked statically (LINK=dynamic: all shared):
# resolving their symbols at start cost 3.5 M of the 8.3 M instructions of
# `chartc --version`, more than most renders do. libc stays shared.
LINK    ?= static
STATIC   = yaml-0.1 json-c libpcre2-8 libcrypto nettle zlib gmp libcrypt
ifeq ($(LINK),static)
LDLIBS  += -Wl,-Bstatic $(filter-out -ldl -pthread -lpthread,$(shell pkg-config --static --libs $(STATIC))) \
           -Wl,-Bdynamic $(shell pkg-config --libs $(filter-out $(STATIC),$(PKGS))) -lm -lpthread -ldl
else
LDLIBS  += $(shell pkg-config --libs $(PKGS) libcrypt) -lm -lpthread
endif
LDFLAGS += $(SAN)

SRCS     = $(wildcard src/*.c)
OBJS     = $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS  = $(filter-out $(BUILD)/main.o,$(OBJS))
UNITS    = $(patsubst tests/unit/%.c,$(BUILD)/%,$(wildcard tests/unit/test_*.c))
REPLAYS  = $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/replay_%,$(wildcard tests/fuzz/fuzz_*.c))
BIN      = $(if $(filter build,$(BUILD)),chartc,$(BUILD)/chartc)

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c $(wildcard include/chartc/*.h) $(wildcard src/*.def src/*.h) | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/test_%: tests/unit/test_%.c $(LIBOBJS) tests/unit/harness.h | $(BUILD)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

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
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/chartc
	install -m 644 man/chartc.1 $(DESTDIR)$(PREFIX)/share/man/man1/chartc.1
	install -m 644 man/chartc-functions.7 $(DESTDIR)$(PREFIX)/share/man/man7/chartc-functions.7

clean:
	rm -rf build build-asan chartc

.PHONY: all units test check-asan bench bench-corpus perf-baseline man install clean

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

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(LIBOBJS) | $(BUILD)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIBOBJS) | $(BUILD)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

.PHONY: fuzz fuzzers replays
