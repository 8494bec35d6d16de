/*
 * fn_yaml.c - Helm's YAML template functions (mirrors helm v4.1.4
 * pkg/engine/funcs.go toYAML, mustToYAML, toYAMLPretty, fromYAML,
 * fromYAMLArray). The codecs themselves live in yaml_load.c / yaml_emit.c.
 */
#include "chartc/codec.h"
#include "chartc/func.h"

#include <string.h>

/* strings.TrimSuffix(s, "\n") of a Buf, as an arena string */
static Value yaml_result(Buf *b)
{
    if (b->len && b->p[b->len - 1] == '\n') b->len--;
    Value v = v_buf(b);
    buf_free(b);
    return v;
}

Value fn_to_yaml(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    if (yaml_dump(&b, argv[0])) { buf_free(&b); return v_str("", 0); }
    return yaml_result(&b);
}

Value fn_must_to_yaml(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    const char *err = yaml_dump(&b, argv[0]);
    if (err) { buf_free(&b); fn_error(x, "%s", err); }
    return yaml_result(&b);
}

Value fn_to_yaml_pretty(Exec *x, int argc, Value *argv)
{
    Buf b = {0};
    if (yaml_dump_pretty(&b, argv[0])) { buf_free(&b); return v_str("", 0); }
    return yaml_result(&b);
}

/* encoding/json's name for the JSON kind of a decoded value */
static const char *json_kind(Value v)
{
    switch (v.t) {
    case VT_LIST: return "array";
    case VT_MAP: return "object";
    case VT_STR: return "string";
    case VT_BOOL: return "bool";
    default: return "number";
    }
}

/* sigs.k8s.io/yaml.Unmarshal into a map[string]interface{} or []interface{}
 * target: returns NULL and sets *out, or the error text. */
static const char *yaml_unmarshal_as(Value s, int want, Value *out)
{
    Value v;
    const char *err = yaml_load(s.u.s, s.n, &v);
    if (err) return err;
    if (v.t == VT_NIL) { *out = want == VT_MAP ? v_newmap(0) : v_newlist(0); return NULL; }
    if (v.t != want)
        return cc_printf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s",
                         json_kind(v), want == VT_MAP ? "map[string]interface {}" : "[]interface {}");
    *out = v;
    return NULL;
}

Value fn_from_yaml(Exec *x, int argc, Value *argv)
{
    Value m;
    const char *err = yaml_unmarshal_as(argv[0], VT_MAP, &m);
    if (err) {
        m = v_newmap(1);
        map_setc(m.u.m, "Error", v_cstr(err));
    }
    return m;
}

Value fn_from_yaml_array(Exec *x, int argc, Value *argv)
{
    Value l;
    const char *err = yaml_unmarshal_as(argv[0], VT_LIST, &l);
    if (err) {
        l = v_newlist(1);
        list_push(l.u.l, v_cstr(err));
    }
    return l;
}
