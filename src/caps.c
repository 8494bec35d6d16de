/*
 * caps.c - the .Capabilities object: KubeVersion, APIVersions (VersionSet
 * with Has), HelmVersion.
 * Mirrors helm v4.1.4 pkg/chart/common/capabilities.go (ParseKubeVersion
 * over k8s.io/apimachinery util/version ParseGeneric, DefaultVersionSet)
 * and internal/version; v3.17.3 pkg/chartutil/capabilities.go (Masterminds
 * semver parsing, its own default list).
 */
#include "chartc/render.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/semver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Default API versions, in scheme priority order, for each Helm. */
static const char *const caps_apis_v4[] = {
    "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
    "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
    "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
    "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
    "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
    "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1",
    "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1", NULL,
};
static const char *const caps_apis_v3[] = {
    "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
    "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
    "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
    "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
    "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1alpha1",
    "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
    "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1alpha1",
    "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1", NULL,
};

/* version.BuildInfo of each emulated Helm. */
typedef struct BuildInfo { const char *version, *commit, *tree, *go, *kube_client; } BuildInfo;
static const BuildInfo caps_helm_v4 = {"v4.1.4", "05fa37973dc9e42b76e1d2883494c87174b6074f",
                                       "clean", "go1.25.9", "v1.35"};
static const BuildInfo caps_helm_v3 = {"v3.17.3", "e4da49785aa6e6ee2b86efd5dd9e43400318262b",
                                       "clean", "go1.23.7", NULL};

typedef struct KubeVer { const char *version, *normalized, *major, *minor; } KubeVer;
typedef struct Caps { KubeVer kv; Value apis; const BuildInfo *helm; Value kv_obj, apis_obj, helm_obj; } Caps;

/* ---- KubeVersion ---------------------------------------------------------- */

static int kv_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    const KubeVer *kv = o->data;
    const char *s = NULL;
    if (!strcmp(name, "Version") || !strcmp(name, "GitVersion")) s = kv->version;
    else if (!strcmp(name, "Major")) s = kv->major;
    else if (!strcmp(name, "Minor")) s = kv->minor;
    else if (!strcmp(name, "String")) s = kv->normalized;
    if (!s) return 0;
    *out = v_cstr(s);
    return 1;
}
static void kv_print(Buf *b, Obj *o) { buf_puts(b, ((const KubeVer *)o->data)->normalized); }
static Value kv_data(Obj *o)
{
    const KubeVer *kv = o->data;
    Value m = v_newmap(3);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "Version", v_cstr(kv->version));
    map_setc(m.u.m, "Major", v_cstr(kv->major));
    map_setc(m.u.m, "Minor", v_cstr(kv->minor));
    return m;
}
/* String and GitVersion are (pointer-receiver) methods; the rest fields */
static const char *kv_method_sig(Obj *o, const char *name)
{
    return !strcmp(name, "String") || !strcmp(name, "GitVersion") ? "" : NULL;
}
/* the struct as fmt prints it outside an action: v4 keeps an unexported
 * normalised version after Version */
static Value kv_fields(Obj *o)
{
    const KubeVer *kv = o->data;
    Value m = v_newmap(4);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "Version", v_cstr(kv->version));
    if (cc_helm_major >= 4) map_setc(m.u.m, "normalizedVersion", v_cstr(kv->normalized));
    map_setc(m.u.m, "Major", v_cstr(kv->major));
    map_setc(m.u.m, "Minor", v_cstr(kv->minor));
    return m;
}
static const ObjType caps_kv_type = {"common.KubeVersion", kv_field, kv_print, kv_data,
                                     kv_method_sig, kv_fields, OBJF_PTR_STRING};
static const ObjType caps_kv_type_v3 = {"chartutil.KubeVersion", kv_field, kv_print, kv_data,
                                        kv_method_sig, kv_fields, OBJF_PTR_STRING};

/* ---- VersionSet --------------------------------------------------------------- */

static int vs_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    const List *l = ((const Value *)o->data)->u.l;
    if (strcmp(name, "Has") != 0) return 0;
    for (uint32_t i = 0; i < l->len; i++)
        if (l->v[i].n == argv[0].n && memcmp(l->v[i].u.s, argv[0].u.s, argv[0].n) == 0) {
            *out = v_bool(1);
            return 1;
        }
    *out = v_bool(0);
    return 1;
}
static void vs_print(Buf *b, Obj *o) { go_print(b, *(const Value *)o->data); }
static Value vs_data(Obj *o) { return *(const Value *)o->data; }
static const char *vs_method_sig(Obj *o, const char *name) { return !strcmp(name, "Has") ? "s" : NULL; }
static const ObjType caps_vs_type = {"common.VersionSet", vs_field, vs_print, vs_data, vs_method_sig, NULL, 0};
static const ObjType caps_vs_type_v3 = {"chartutil.VersionSet", vs_field, vs_print, vs_data, vs_method_sig,
                                        NULL, 0};

/* ---- HelmVersion ------------------------------------------------------------- */

static int hv_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    const BuildInfo *h = o->data;
    const char *s = NULL;
    if (!strcmp(name, "Version")) s = h->version;
    else if (!strcmp(name, "GitCommit")) s = h->commit;
    else if (!strcmp(name, "GitTreeState")) s = h->tree;
    else if (!strcmp(name, "GoVersion")) s = h->go;
    else if (!strcmp(name, "KubeClientVersion")) s = h->kube_client;
    if (!s) return 0;
    *out = v_cstr(s);
    return 1;
}

static Value hv_data(Obj *o)
{
    const BuildInfo *h = o->data;
    Value m = v_newmap(5);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "version", v_cstr(h->version));
    map_setc(m.u.m, "git_commit", v_cstr(h->commit));
    map_setc(m.u.m, "git_tree_state", v_cstr(h->tree));
    map_setc(m.u.m, "go_version", v_cstr(h->go));
    if (h->kube_client) map_setc(m.u.m, "kube_client_version", v_cstr(h->kube_client));
    return m;
}
/* structs with fields only */
static const char *caps_no_methods(Obj *o, const char *name) { return NULL; }
/* the Go struct (fmt %v prints it, go-yaml v3 marshals it) */
static Value hv_fields(Obj *o)
{
    const BuildInfo *h = o->data;
    Value m = v_newmap(5);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "Version", v_cstr(h->version));
    map_setc(m.u.m, "GitCommit", v_cstr(h->commit));
    map_setc(m.u.m, "GitTreeState", v_cstr(h->tree));
    map_setc(m.u.m, "GoVersion", v_cstr(h->go));
    if (h->kube_client) map_setc(m.u.m, "KubeClientVersion", v_cstr(h->kube_client));
    return m;
}
static const ObjType caps_hv_type = {"version.BuildInfo", hv_field, NULL, hv_data, caps_no_methods, hv_fields, 0};

/* ---- Capabilities ------------------------------------------------------------ */

static int cp_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    Caps *c = o->data;
    if (!strcmp(name, "KubeVersion")) *out = c->kv_obj;
    else if (!strcmp(name, "APIVersions")) *out = c->apis_obj;
    else if (!strcmp(name, "HelmVersion")) *out = c->helm_obj;
    else return 0;
    return 1;
}
static Value cp_data(Obj *o)
{
    Caps *c = o->data;
    Value m = v_newmap(3);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "KubeVersion", kv_data(c->kv_obj.u.o));
    map_setc(m.u.m, "APIVersions", c->apis);
    map_setc(m.u.m, "HelmVersion", hv_data(c->helm_obj.u.o));
    return m;
}
static Value cp_fields(Obj *o)
{
    Caps *c = o->data;
    Value m = v_newmap(3);
    m.g = GT_STRUCT;
    map_setc(m.u.m, "KubeVersion", c->kv_obj);
    map_setc(m.u.m, "APIVersions", c->apis_obj);
    map_setc(m.u.m, "HelmVersion", c->helm_obj);
    return m;
}
/* no String(): fmt prints the struct (go_fields), &{...} through
 * functions, {...} when an action prints the pointer */
static const ObjType caps_type_v4 = {"*common.Capabilities", cp_field, NULL, cp_data, caps_no_methods,
                                     cp_fields, 0};
static const ObjType caps_type_v3 = {"*chartutil.Capabilities", cp_field, NULL, cp_data, caps_no_methods,
                                     cp_fields, 0};

/* k8s.io/apimachinery util/version ParseGeneric: "^\s*v?(N(.N)*)(.*)$",
 * at least two components, no leading zero in the first one. Fills kv or
 * returns the error text. */
static const char *caps_parse_generic(const char *str, KubeVer *kv)
{
    const char *p = str;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\f' || *p == '\r') p++;
    if (*p == 'v') p++;
    if (!(*p >= '0' && *p <= '9')) return cc_printf("could not parse \"%s\" as version", str);
    const char *nums = p;
    int ncomp = 0;
    for (;;) {
        while (*p >= '0' && *p <= '9') p++;
        ncomp++;
        if (p[0] == '.' && p[1] >= '0' && p[1] <= '9') p++;
        else break;
    }
    if (ncomp < 2) return cc_printf("illegal version string \"%s\"", str);
    Buf norm = {0};
    buf_putc(&norm, 'v');
    const char *q = nums;
    for (int i = 0; i < ncomp; i++) {
        const char *e = q;
        while (*e >= '0' && *e <= '9') e++;
        char *comp = cc_strndup(q, (size_t)(e - q));
        if (i == 0 && comp[0] == '0' && comp[1]) {
            buf_free(&norm);
            return cc_printf("illegal zero-prefixed version component \"%s\" in \"%s\"", comp, str);
        }
        errno = 0;
        unsigned long long u = strtoull(comp, NULL, 10);
        if (errno) {
            buf_free(&norm);
            return cc_printf("illegal non-numeric version component \"%s\" in \"%s\": "
                             "strconv.ParseUint: parsing \"%s\": value out of range", comp, str, comp);
        }
        if (i) buf_putc(&norm, '.');
        buf_printf(&norm, "%llu", u);
        if (i == 0) kv->major = cc_printf("%llu", u);
        if (i == 1) kv->minor = cc_printf("%llu", u);
        q = e + 1;
    }
    kv->normalized = buf_arena(&norm);
    buf_free(&norm);
    kv->version = str[0] == 'v' ? cc_strdup(str) : cc_printf("v%s", str);
    return NULL;
}

/* v3: Masterminds semver.NewVersion, everything normalised. */
static const char *caps_parse_semver(const char *str, KubeVer *kv)
{
    SemVer sv;
    const char *err = semver_new(str, strlen(str), &sv);
    if (err) return err;
    Buf b = {0};
    buf_putc(&b, 'v');
    semver_string(&b, &sv);
    kv->version = kv->normalized = buf_arena(&b);
    buf_free(&b);
    kv->major = cc_printf("%llu", (unsigned long long)sv.major);
    kv->minor = cc_printf("%llu", (unsigned long long)sv.minor);
    return NULL;
}

const char *caps_new(const char *kube_version, const char **apis, int napis, Value *out)
{
    Caps *c = cc_alloc(sizeof *c);
    int v4 = cc_helm_major >= 4;
    if (kube_version && *kube_version) {
        const char *err = v4 ? caps_parse_generic(kube_version, &c->kv)
                             : caps_parse_semver(kube_version, &c->kv);
        if (err) return cc_printf("invalid kube version '%s': %s", kube_version, err);
    } else if (v4) {
        c->kv = (KubeVer){"v1.35.0", "v1.35.0", "1", "35"};
    } else {
        c->kv = (KubeVer){"v1.32.0", "v1.32.0", "1", "32"};
    }
    const char *const *def = v4 ? caps_apis_v4 : caps_apis_v3;
    Value l = v_newlist(64);
    l.g = GT_STRSLICE;
    for (int i = 0; def[i]; i++) list_push(l.u.l, v_cstr(def[i]));
    for (int i = 0; i < napis; i++) list_push(l.u.l, v_cstr(apis[i]));
    c->apis = l;
    c->helm = v4 ? &caps_helm_v4 : &caps_helm_v3;
    Value *lp = cc_alloc(sizeof *lp);
    *lp = l;
    c->kv_obj = v_newobj(v4 ? &caps_kv_type : &caps_kv_type_v3, &c->kv);
    c->apis_obj = v_newobj(v4 ? &caps_vs_type : &caps_vs_type_v3, lp);
    c->helm_obj = v_newobj(&caps_hv_type, (void *)c->helm);
    *out = v_newobj(v4 ? &caps_type_v4 : &caps_type_v3, c);
    return NULL;
}

/* helm-unittest's Capabilities: Helm v3 as a library (version "v3.20",
 * no build metadata) with the KubeVersion fields given as they are and
 * exactly `apis` as APIVersions (no default set). */
static const BuildInfo caps_helm_lib = {"v3.20", "", "", "go1.26.0", NULL};

Value caps_make(const char *version, const char *major, const char *minor,
                const char **apis, int napis)
{
    Caps *c = cc_alloc(sizeof *c);
    c->kv = (KubeVer){version, version, major, minor};
    Value l = v_newlist(napis > 0 ? (size_t)napis : 64);
    l.g = GT_STRSLICE;
    if (napis < 0)
        for (int i = 0; caps_apis_v3[i]; i++) list_push(l.u.l, v_cstr(caps_apis_v3[i]));
    for (int i = 0; i < napis; i++) list_push(l.u.l, v_cstr(apis[i]));
    c->apis = l;
    c->helm = &caps_helm_lib;
    Value *lp = cc_alloc(sizeof *lp);
    *lp = l;
    c->kv_obj = v_newobj(&caps_kv_type_v3, &c->kv);
    c->apis_obj = v_newobj(&caps_vs_type_v3, lp);
    c->helm_obj = v_newobj(&caps_hv_type, (void *)c->helm);
    return v_newobj(&caps_type_v3, c);
}

const char *caps_kube_string(Value caps)
{
    const Caps *c = caps.u.o->data;
    return cc_helm_major >= 4 ? c->kv.normalized : c->kv.version;
}
