/*
 * replay.c - a main() for the libFuzzer harnesses without libFuzzer: each
 * harness linked with this file (gcc, no clang needed) runs
 * LLVMFuzzerTestOneInput once per file named on the command line. make test
 * replays every committed seed and reproducer this way (under ASan + UBSan in
 * make check-asan), so the harnesses keep compiling and every finding stays
 * fixed. Prints "N passed, 0 failed"; a crash or sanitizer report is the failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 2; }
        size_t cap = 4096, len = 0, r;
        uint8_t *buf = malloc(cap);
        while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0)
            if ((len += r) == cap) buf = realloc(buf, cap *= 2);
        if (!buf || ferror(f)) { perror(argv[i]); return 2; }
        fclose(f);
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        n++;
    }
    printf("fuzz replay: %d passed, 0 failed\n", n);
    return 0;
}
