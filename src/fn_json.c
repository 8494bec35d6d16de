/*
 * fn_json.c - the toJson/fromJson template functions: Helm's overrides
 * (toJson, mustToJson, fromJson, fromJsonArray) and sprig's (toRawJson,
 * toPrettyJson, mustFromJson, and their must* forms).
 * Mirrors helm v4.1.4 pkg/engine/funcs.go (toJSON, mustToJSON, fromJSON,
 * fromJSONArray) and sprig v3.3.0 defaults.go (toPrettyJson, toRawJson,
 * mustFromJson ...).
 */
#include "chartc/codec.h"
#include "chartc/func.h"

/* Encode v; on failure either raise the error (must=1) or give "". */
static Value jf_encode(Exec *x, Value v, int flags, int must)
{
    Buf b = {0};
    const char *err = json_encode(&b, v, flags);
    if (err) {
        buf_free(&b);
        if (must || vw_fatal(err)) fn_error(x, "%s", err);
        return v_str("", 0);
    }
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}

Value fn_toJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], 0, 0); }
Value fn_mustToJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], 0, 1); }
/* sprig toRawJson panics on error, which text/template turns into an error;
 * it encodes &v with an Encoder (SetEscapeHTML(false)) */
#define JSON_RAW (JSON_NO_HTML_ESCAPE | JSON_VIA_POINTER)
Value fn_toRawJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_RAW, 1); }
Value fn_mustToRawJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_RAW, 1); }
Value fn_toPrettyJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_INDENT, 0); }
Value fn_mustToPrettyJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_INDENT, 1); }

/* json.Unmarshal into a typed target checks the syntax, then the kind of
 * the top-level value before decoding anything in it (so a wrong kind is
 * reported before a number out of range inside). The kind Go names when
 * the top-level value of s does not start with `want` (nor is null), or
 * NULL when it does or when s is not valid JSON. */
static const char *jf_wrong_kind(const char *s, size_t n, char want)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    if (i == n || s[i] == want || s[i] == 'n' || json_check(s, n)) return NULL;
    switch (s[i]) {
    case '[': return "array";
    case '{': return "object";
    case '"': return "string";
    case 't': case 'f': return "bool";
    default: return "number";
    }
}

Value fn_fromJson(Exec *x, int argc, Value *argv)
{
    Value out = v_nil(), m = v_newmap(0);
    const char *kind = jf_wrong_kind(argv[0].u.s, argv[0].n, '{'), *err = NULL;
    if (kind) err = cc_printf("json: cannot unmarshal %s into Go value of type map[string]interface {}", kind);
    else err = json_decode(argv[0].u.s, argv[0].n, &out);
    if (out.t == VT_MAP) m = out;        /* also a partly decoded map after a number error */
    else if (!err) m = v_map(NULL);      /* "null" makes the map nil (toJson gives null) */
    if (err) map_setc(m.u.m, "Error", v_cstr(err));
    return m;
}

Value fn_fromJsonArray(Exec *x, int argc, Value *argv)
{
    Value out = v_nil(), l;
    const char *kind = jf_wrong_kind(argv[0].u.s, argv[0].n, '['), *err = NULL;
    if (kind) err = cc_printf("json: cannot unmarshal %s into Go value of type []interface {}", kind);
    else err = json_decode(argv[0].u.s, argv[0].n, &out);
    if (err) {
        l = v_newlist(1);
        list_push(l.u.l, v_cstr(err));
    } else l = out.t == VT_LIST ? out : v_list(NULL);   /* "null" gives a nil slice */
    return l;
}

Value fn_mustFromJson(Exec *x, int argc, Value *argv)
{
    Value out;
    const char *err = json_decode(argv[0].u.s, argv[0].n, &out);
    if (err) fn_error(x, "%s", err);
    return out;
}
