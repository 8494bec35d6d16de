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
/* sprig toRawJson panics on error, which text/template turns into an error */
Value fn_toRawJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_NO_HTML_ESCAPE, 1); }
Value fn_mustToRawJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_NO_HTML_ESCAPE, 1); }
Value fn_toPrettyJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_INDENT, 0); }
Value fn_mustToPrettyJson(Exec *x, int argc, Value *argv) { return jf_encode(x, argv[0], JSON_INDENT, 1); }

/* json.Unmarshal into a typed target: the JSON kind name Go reports when
 * the top-level value does not fit. */
static const char *jf_kind(Value v)
{
    switch (v.t) {
    case VT_LIST: return "array";
    case VT_MAP: return "object";
    case VT_STR: return "string";
    case VT_BOOL: return "bool";
    default: return "number";
    }
}

Value fn_fromJson(Exec *x, int argc, Value *argv)
{
    Value out = v_nil(), m = v_newmap(0);
    const char *err = json_decode(argv[0].u.s, argv[0].n, &out);
    if (!err && out.t != VT_NIL && out.t != VT_MAP)
        err = cc_printf("json: cannot unmarshal %s into Go value of type map[string]interface {}", jf_kind(out));
    else if (out.t == VT_MAP)
        m = out;   /* also a partly decoded map after a type error */
    else if (!err)
        m = v_map(NULL);   /* "null" makes the map nil (toJson gives null) */
    if (err) map_setc(m.u.m, "Error", v_cstr(err));
    return m;
}

Value fn_fromJsonArray(Exec *x, int argc, Value *argv)
{
    Value out, l = v_newlist(0);
    const char *err = json_decode(argv[0].u.s, argv[0].n, &out);
    if (!err && out.t != VT_NIL && out.t != VT_LIST)
        err = cc_printf("json: cannot unmarshal %s into Go value of type []interface {}", jf_kind(out));
    else if (!err && out.t == VT_LIST)
        l = out;
    else if (!err)
        l = v_list(NULL);  /* "null" gives a nil slice */
    if (err) {
        l = v_newlist(1);
        list_push(l.u.l, v_cstr(err));
    }
    return l;
}

Value fn_mustFromJson(Exec *x, int argc, Value *argv)
{
    Value out;
    const char *err = json_decode(argv[0].u.s, argv[0].n, &out);
    if (err) fn_error(x, "%s", err);
    return out;
}
