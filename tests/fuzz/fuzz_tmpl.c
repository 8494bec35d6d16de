/*
 * fuzz_tmpl.c - the template lexer/parser and executor on arbitrary text:
 * tmpl_parse() into a fresh set, then tmpl_exec() of the file's template
 * over a small render root (.Values, .Release, .Chart, .Capabilities,
 * .Files, .Template), the way the render pipeline runs a chart file.
 *
 * Execution runs on tmpl_exec's own big-stack thread. To keep iterations
 * short, inputs above FZ_MAX bytes are skipped and templates naming the
 * deliberately slow builtins (key generation, bcrypt, key derivation) are
 * parsed but not executed; runaway loops that only burn time are bounded
 * by libFuzzer's -timeout (tests/fuzz/run.sh).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>

#include "chartc/codec.h"
#include "chartc/render.h"
#include "chartc/tmpl.h"
#include "chartc/value.h"
#include "fuzz_common.h"

#define FZ_MAX 65536

static const char fz_values[] =
    "replicaCount: 2\n"
    "image: {repository: nginx, tag: \"1.25\", pullPolicy: IfNotPresent}\n"
    "service: {type: ClusterIP, port: 80}\n"
    "list: [a, 1, 2.5, true, null, {k: v}]\n"
    "empty: {}\n"
    "s: \"hello world\"\n"
    "n: 1000000\n"
    "f: 1.5\n"
    "b: false\n"
    "nested: {a: {b: {c: deep}}}\n";

static const CFile fz_files[] = {
    {"config/app.conf", "key = value\nother = 2\n", 22},
    {"config/data.json", "{\"a\": [1, 2]}\n", 14},
    {"README.md", "# readme\n", 9},
};

static const char *const fz_slow[] = {
    "genPrivateKey", "genCA", "genSelfSignedCert", "genSignedCert",
    "bcrypt", "htpasswd", "derivePassword", NULL,
};

static Value fz_root(void)
{
    Value vals = v_nil();
    if (yaml_load(fz_values, sizeof fz_values - 1, &vals) || vals.t != VT_MAP) vals = v_newmap(0);
    Value rel = v_newmap(6);
    map_setc(rel.u.m, "Name", v_cstr("release-name"));
    map_setc(rel.u.m, "Namespace", v_cstr("default"));
    map_setc(rel.u.m, "IsInstall", v_bool(1));
    map_setc(rel.u.m, "IsUpgrade", v_bool(0));
    map_setc(rel.u.m, "Revision", v_goint(1));
    map_setc(rel.u.m, "Service", v_cstr("Helm"));
    Value chart = v_newmap(4);
    map_setc(chart.u.m, "Name", v_cstr("c"));
    map_setc(chart.u.m, "Version", v_cstr("0.1.0"));
    map_setc(chart.u.m, "AppVersion", v_cstr("1.0"));
    Value tm = v_newmap(2);
    map_setc(tm.u.m, "Name", v_cstr("c/templates/t.yaml"));
    map_setc(tm.u.m, "BasePath", v_cstr("c/templates"));
    Value root = v_newmap(8);
    map_setc(root.u.m, "Values", vals);
    map_setc(root.u.m, "Release", rel);
    map_setc(root.u.m, "Chart", chart);
    map_setc(root.u.m, "Template", tm);
    map_setc(root.u.m, "Files", files_new(fz_files, 3));
    Value caps;
    if (caps_new(NULL, NULL, 0, &caps) == NULL) map_setc(root.u.m, "Capabilities", caps);
    return root;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fz_quiet_stderr();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FZ_MAX) return -1;
    size_t n;
    char *s = fz_text(data, size, &n);
    int slow = 0;
    for (int i = 0; fz_slow[i]; i++)
        if (memmem(s, n, fz_slow[i], strlen(fz_slow[i]))) slow = 1;

    TSet *ts = tset_new();
    const char *err = tmpl_parse(ts, "c/templates/t.yaml", s, n);
    if (!err && !slow) {
        Buf out = {0};
        TmplError *e = tmpl_exec(ts, "c/templates/t.yaml", fz_root(), &out);
        if (e) (void)tmpl_error_text(e);
        buf_free(&out);
    }
    free(s);
    cc_arena_free_all();
    return 0;
}
