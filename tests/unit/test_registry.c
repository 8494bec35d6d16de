/* test_registry.c - the registry table against Helm's function names:
 * sprig v3.3.0 TxtFuncMap() minus env/expandenv (spec/evidence/helm_funcs_sprig.txt),
 * plus Helm's own (pkg/engine/funcs.go) and text/template's builtins. Nothing
 * missing, nothing extra, v4-only names hidden in v3. */
#include "chartc/func.h"
#include "harness.h"

static const char *sprig[] = {
    "abbrev", "abbrevboth", "add", "add1", "add1f", "addf", "adler32sum", "ago", "all", "any",
    "append", "atoi", "b32dec", "b32enc", "b64dec", "b64enc", "base", "bcrypt", "biggest",
    "buildCustomCert", "camelcase", "cat", "ceil", "chunk", "clean", "coalesce", "compact",
    "concat", "contains", "date", "dateInZone", "dateModify", "date_in_zone", "date_modify",
    "decryptAES", "deepCopy", "deepEqual", "default", "derivePassword", "dict", "dig", "dir",
    "div", "divf", "duration", "durationRound", "empty", "encryptAES", "ext", "fail", "first",
    "float64", "floor", "fromJson", "genCA", "genCAWithKey", "genPrivateKey", "genSelfSignedCert",
    "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "get", "getHostByName",
    "has", "hasKey", "hasPrefix", "hasSuffix", "hello", "htmlDate", "htmlDateInZone", "htpasswd",
    "indent", "initial", "initials", "int", "int64", "isAbs", "join", "kebabcase", "keys",
    "kindIs", "kindOf", "last", "list", "lower", "max", "maxf", "merge", "mergeOverwrite", "min",
    "minf", "mod", "mul", "mulf", "mustAppend", "mustChunk", "mustCompact", "mustDateModify",
    "mustDeepCopy", "mustFirst", "mustFromJson", "mustHas", "mustInitial", "mustLast", "mustMerge",
    "mustMergeOverwrite", "mustPrepend", "mustPush", "mustRegexFind", "mustRegexFindAll",
    "mustRegexMatch", "mustRegexReplaceAll", "mustRegexReplaceAllLiteral", "mustRegexSplit",
    "mustRest", "mustReverse", "mustSlice", "mustToDate", "mustToJson", "mustToPrettyJson",
    "mustToRawJson", "mustUniq", "mustWithout", "must_date_modify", "nindent", "nospace", "now",
    "omit", "osBase", "osClean", "osDir", "osExt", "osIsAbs", "pick", "pluck", "plural", "prepend",
    "push", "quote", "randAlpha", "randAlphaNum", "randAscii", "randBytes", "randInt",
    "randNumeric", "regexFind", "regexFindAll", "regexMatch", "regexQuoteMeta", "regexReplaceAll",
    "regexReplaceAllLiteral", "regexSplit", "repeat", "replace", "rest", "reverse", "round",
    "semver", "semverCompare", "seq", "set", "sha1sum", "sha256sum", "sha512sum", "shuffle",
    "slice", "snakecase", "sortAlpha", "split", "splitList", "splitn", "squote", "sub", "subf",
    "substr", "swapcase", "ternary", "title", "toDate", "toDecimal", "toJson", "toPrettyJson",
    "toRawJson", "toString", "toStrings", "trim", "trimAll", "trimPrefix", "trimSuffix", "trimall",
    "trunc", "tuple", "typeIs", "typeIsLike", "typeOf", "uniq", "unixEpoch", "unset", "until",
    "untilStep", "untitle", "upper", "urlJoin", "urlParse", "uuidv4", "values", "without", "wrap",
    "wrapWith",
    NULL,
};
static const char *helm[] = {
    "include", "tpl", "required", "fail", "lookup", "toYaml", "toYamlPretty", "fromYaml",
    "fromYamlArray", "toJson", "fromJson", "fromJsonArray", "toToml", "fromToml", "mustToJson", NULL,
};
static const char *helm_v4_only[] = {"mustToYaml", NULL};
static const char *builtins[] = {
    "and", "or", "not", "len", "index", "print", "printf", "println", "html", "js", "urlquery",
    "call", "eq", "ne", "lt", "le", "gt", "ge", "slice", NULL,
};
static const char *removed[] = {"env", "expandenv", NULL};

static int in(const char **list, const char *n)
{
    for (; *list; list++) if (strcmp(*list, n) == 0) return 1;
    return 0;
}

static int missing(const char **list)
{
    int bad = 0;
    for (; *list; list++)
        if (!func_lookup(*list, strlen(*list))) { fprintf(stderr, "  missing: %s\n", *list); bad++; }
    return bad;
}

TEST(every_helm_name_is_defined)
{
    cc_helm_major = 4;
    CHECK_INT(missing(sprig), 0);
    CHECK_INT(missing(helm), 0);
    CHECK_INT(missing(helm_v4_only), 0);
    CHECK_INT(missing(builtins), 0);
}

TEST(nothing_extra)
{
    int extra = 0;
    for (const FuncDef *f = func_table(); f->name; f++)
        if (!in(sprig, f->name) && !in(helm, f->name) && !in(helm_v4_only, f->name) && !in(builtins, f->name)) {
            fprintf(stderr, "  extra: %s\n", f->name);
            extra++;
        }
    CHECK_INT(extra, 0);
}

TEST(removed_and_version_specific)
{
    cc_helm_major = 4;
    for (const char **n = removed; *n; n++) CHECK(func_lookup(*n, strlen(*n)) == NULL);
    CHECK(func_lookup("mustToYaml", 10) != NULL);
    cc_helm_major = 3;
    CHECK(func_lookup("mustToYaml", 10) == NULL);
    CHECK(func_lookup("mustToJson", 10) != NULL);
    cc_helm_major = 4;
}

/* funcs.c hashes the rows' names at compile time (NAME_HASH) and a looked-up
 * name at run time: both must agree on every row, and a prefix, an
 * extension or a name past the hashed length must find nothing */
TEST(compile_time_hashes_find_every_row)
{
    for (int major = 3; major <= 4; major++) {
        cc_helm_major = major;
        for (const FuncDef *f = func_table(); f->name; f++) {
            if (major == 3 && (f->flags & FNF_V4)) continue;
            const FuncDef *g = func_lookup(f->name, strlen(f->name));
            if (!g || strcmp(g->name, f->name)) fprintf(stderr, "  %s: not found (helm %d)\n", f->name, major);
            CHECK(g && !strcmp(g->name, f->name));
        }
    }
    cc_helm_major = 4;
    CHECK(func_lookup("toYam", 5) == NULL);
    CHECK(func_lookup("toYamlx", 7) == NULL);
    const char *longer = "mustRegexReplaceAllLiteralmustRegexReplaceAllLiteral";
    CHECK(func_lookup(longer, strlen(longer)) == NULL);
    CHECK(func_lookup(longer, 26) != NULL);
}

TEST(every_row_has_sig_and_doc)
{
    for (const FuncDef *f = func_table(); f->name; f++) {
        if (!f->sig || !f->doc || !*f->doc) fprintf(stderr, "  %s: no sig or doc\n", f->name);
        CHECK(f->sig && f->doc && *f->doc);
    }
}

TEST_MAIN()
