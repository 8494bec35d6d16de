/*
 * fn_dates.c - sprig's date functions: now, date, dateInZone, htmlDate,
 * htmlDateInZone, unixEpoch, dateModify (+must), ago, duration,
 * durationRound; time.Time objects (Go Time.String() with the monotonic
 * suffix for `now`, RFC 3339 for JSON); Go reference-time layouts
 * (time/format.go nextStdChunk + appendFormat), Duration.String and
 * ParseDuration (time/time.go).
 * Mirrors Masterminds/sprig v3.3.0 date.go. Zones come from the system tz
 * database (TZ decides "Local").
 * toDate/mustToDate parse the numeric layout elements, month/day names,
 * AM/PM and numeric or Z zones (time/format.go Parse).
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "chartc/det.h"
#include "chartc/func.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

typedef struct GoTime {
    int64_t sec;       /* Unix seconds */
    int32_t nsec;
    int32_t off;       /* zone offset in seconds east of UTC */
    const char *zone;  /* abbreviation, e.g. "UTC", "CET" */
    int mono;          /* has a monotonic reading (from now) */
    int64_t mono_ns;   /* nanoseconds since process start */
    int loc;           /* its time.Location: DT_UTC, DT_LOCAL, DT_FIXED (Add keeps
                          the offset), DT_NAMED (a loaded zone, only formatted) */
    const char *lname; /* DT_NAMED: the zone's name (America/New_York) */
} GoTime;
enum { DT_UTC, DT_LOCAL, DT_FIXED, DT_NAMED };

/* The origin of monotonic readings: the first one (Go's is the runtime's
 * start, a few ms earlier), taken on first use, not by a constructor at
 * every start: the first clock_gettime faults in the vDSO's data pages. */
static struct timespec dt_start;
static int dt_started;

/* ---- zones -------------------------------------------------------------- */

/* The zone offset and abbreviation of `sec` in zone `name` ("Local":
 * the process TZ). Returns 0 if the zone does not exist. */
static int dt_zone(const char *name, int64_t sec, int32_t *off, const char **abbr)
{
    if (!*name || strcmp(name, "UTC") == 0) { *off = 0; *abbr = "UTC"; return 1; }
    const char *old = getenv("TZ");
    char *saved = old ? cc_strdup(old) : NULL;
    if (strcmp(name, "Local") != 0) {
        if (name[0] == '/' || strstr(name, "..")) return 0;
        const char *dir = getenv("ZONEINFO");
        char *path = cc_printf("%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
        setenv("TZ", name, 1);
    } else if ((old && !*old) || (!old && det_clock_fixed())) {
        /* TZ="" is UTC; with a fixed clock an unset TZ is too, not the
         * machine's /etc/localtime, so the bytes do not depend on the machine */
        *off = 0; *abbr = "UTC";
        return 1;
    }
    tzset();
    time_t t = (time_t)sec;
    struct tm tm;
    localtime_r(&t, &tm);
    *off = (int32_t)tm.tm_gmtoff;
    *abbr = cc_strdup(tm.tm_zone ? tm.tm_zone : "UTC");
    if (strcmp(name, "Local") != 0) {
        if (saved) setenv("TZ", saved, 1); else unsetenv("TZ");
        tzset();
    }
    return 1;
}

/* Time.In(zone) (an unknown zone: UTC, as sprig falls back to it) */
static GoTime dt_in(GoTime t, const char *zone)
{
    if (!dt_zone(zone, t.sec, &t.off, &t.zone)) dt_zone("UTC", t.sec, &t.off, &t.zone);
    t.loc = strcmp(zone, "Local") == 0 ? DT_LOCAL : t.zone && strcmp(t.zone, "UTC") == 0 && t.off == 0 ? DT_UTC : DT_NAMED;
    t.lname = zone;
    return t;
}

/* time.Now(): the real clock with a monotonic reading (since the first), or the
 * fixed clock of --now / SOURCE_DATE_EPOCH with the reading 0 (m=+0.000000000) */
static GoTime dt_now(void)
{
    int64_t sec;
    int32_t nsec;
    int fixed = det_now(&sec, &nsec);
    GoTime t = {sec, nsec, 0, "UTC", 1, 0};
    if (!fixed) {
        struct timespec m;
        clock_gettime(CLOCK_MONOTONIC, &m);
        if (!dt_started) dt_start = m, dt_started = 1;
        t.mono_ns = (int64_t)(m.tv_sec - dt_start.tv_sec) * 1000000000 + (m.tv_nsec - dt_start.tv_nsec);
    }
    return dt_in(t, "Local");
}

/* ---- Go layout formatting ----------------------------------------------- */

static const char *const dt_months[] = {"January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"};
static const char *const dt_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

enum { S_NONE, S_LONGMONTH, S_MONTH, S_NUMMONTH, S_ZEROMONTH, S_LONGWEEKDAY, S_WEEKDAY, S_DAY, S_UNDERDAY,
       S_ZERODAY, S_UNDERYEARDAY, S_ZEROYEARDAY, S_HOUR, S_HOUR12, S_ZEROHOUR12, S_MINUTE, S_ZEROMINUTE,
       S_SECOND, S_ZEROSECOND, S_LONGYEAR, S_YEAR, S_PM, S_pm, S_TZ, S_ISO, S_ISOCOLON, S_ISOSEC, S_ISOSHORT,
       S_ISOCOLONSEC, S_NUM, S_NUMCOLON, S_NUMSEC, S_NUMSHORT, S_NUMCOLONSEC, S_FRAC0, S_FRAC9 };

static int dt_pre(const char *s, size_t n, size_t i, const char *p)
{
    size_t k = strlen(p);
    return i + k <= n && memcmp(s + i, p, k) == 0;
}

/* Go nextStdChunk at position i: the chunk kind and its length (0: literal). */
static int dt_chunk(const char *l, size_t n, size_t i, size_t *len)
{
    static const struct { const char *p; int s; } tz[] = {
        {"Z070000", S_ISOSEC}, {"Z07:00:00", S_ISOCOLONSEC}, {"Z0700", S_ISO}, {"Z07:00", S_ISOCOLON},
        {"Z07", S_ISOSHORT}, {"-070000", S_NUMSEC}, {"-07:00:00", S_NUMCOLONSEC}, {"-0700", S_NUM},
        {"-07:00", S_NUMCOLON}, {"-07", S_NUMSHORT}};
    char c = l[i];
    switch (c) {
    case 'J':   /* "Jan" then a lower-case letter is no month ("Janet") */
        if (dt_pre(l, n, i, "January")) { *len = 7; return S_LONGMONTH; }
        if (dt_pre(l, n, i, "Jan") && !(i + 3 < n && l[i + 3] >= 'a' && l[i + 3] <= 'z')) { *len = 3; return S_MONTH; }
        break;
    case 'M':
        if (dt_pre(l, n, i, "Monday")) { *len = 6; return S_LONGWEEKDAY; }
        if (dt_pre(l, n, i, "Mon") && !(i + 3 < n && l[i + 3] >= 'a' && l[i + 3] <= 'z')) { *len = 3; return S_WEEKDAY; }
        if (dt_pre(l, n, i, "MST")) { *len = 3; return S_TZ; }
        break;
    case '0':
        if (i + 1 < n && l[i + 1] >= '1' && l[i + 1] <= '6') {
            static const int z[] = {S_ZEROMONTH, S_ZERODAY, S_ZEROHOUR12, S_ZEROMINUTE, S_ZEROSECOND, S_YEAR};
            *len = 2;
            return z[l[i + 1] - '1'];
        }
        if (dt_pre(l, n, i, "002")) { *len = 3; return S_ZEROYEARDAY; }
        break;
    case '1':
        if (dt_pre(l, n, i, "15")) { *len = 2; return S_HOUR; }
        *len = 1;
        return S_NUMMONTH;
    case '2':
        if (dt_pre(l, n, i, "2006")) { *len = 4; return S_LONGYEAR; }
        *len = 1;
        return S_DAY;
    case '_':
        if (dt_pre(l, n, i, "_2")) {
            if (dt_pre(l, n, i, "_2006")) return S_NONE;   /* literal _ then 2006 */
            *len = 2;
            return S_UNDERDAY;
        }
        if (dt_pre(l, n, i, "__2")) { *len = 3; return S_UNDERYEARDAY; }
        break;
    case '3': *len = 1; return S_HOUR12;
    case '4': *len = 1; return S_MINUTE;
    case '5': *len = 1; return S_SECOND;
    case 'P': if (dt_pre(l, n, i, "PM")) { *len = 2; return S_PM; } break;
    case 'p': if (dt_pre(l, n, i, "pm")) { *len = 2; return S_pm; } break;
    case '-': case 'Z':
        for (size_t k = 0; k < sizeof tz / sizeof tz[0]; k++)
            if (dt_pre(l, n, i, tz[k].p)) { *len = strlen(tz[k].p); return tz[k].s; }
        break;
    case '.': case ',':
        if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
            char ch = l[i + 1];
            size_t j = i + 1;
            while (j < n && l[j] == ch) j++;
            if (!(j < n && l[j] >= '0' && l[j] <= '9')) { *len = j - i; return ch == '0' ? S_FRAC0 : S_FRAC9; }
        }
        break;
    }
    return S_NONE;
}

static void dt_int(Buf *b, int64_t v, int width)
{
    if (v < 0) { buf_putc(b, '-'); v = -v; }
    buf_printf(b, "%0*lld", width, (long long)v);
}

/* Time.Format */
static void dt_format(Buf *b, const GoTime *t, const char *l, size_t n)
{
    time_t lt = (time_t)(t->sec + t->off);
    struct tm tm;
    gmtime_r(&lt, &tm);
    int64_t year = (int64_t)tm.tm_year + 1900;
    for (size_t i = 0; i < n;) {
        size_t len = 0;
        int s = dt_chunk(l, n, i, &len);
        if (s == S_NONE) { buf_putc(b, l[i]); i++; continue; }
        switch (s) {
        case S_YEAR: dt_int(b, (year < 0 ? -year : year) % 100, 2); break;
        case S_LONGYEAR: dt_int(b, year, 4); break;
        case S_MONTH: buf_put(b, dt_months[tm.tm_mon], 3); break;
        case S_LONGMONTH: buf_puts(b, dt_months[tm.tm_mon]); break;
        case S_NUMMONTH: dt_int(b, tm.tm_mon + 1, 0); break;
        case S_ZEROMONTH: dt_int(b, tm.tm_mon + 1, 2); break;
        case S_WEEKDAY: buf_put(b, dt_days[tm.tm_wday], 3); break;
        case S_LONGWEEKDAY: buf_puts(b, dt_days[tm.tm_wday]); break;
        case S_DAY: dt_int(b, tm.tm_mday, 0); break;
        case S_UNDERDAY: if (tm.tm_mday < 10) buf_putc(b, ' '); dt_int(b, tm.tm_mday, 0); break;
        case S_ZERODAY: dt_int(b, tm.tm_mday, 2); break;
        case S_UNDERYEARDAY:
            if (tm.tm_yday + 1 < 100) buf_putc(b, ' ');
            if (tm.tm_yday + 1 < 10) buf_putc(b, ' ');
            dt_int(b, tm.tm_yday + 1, 0);
            break;
        case S_ZEROYEARDAY: dt_int(b, tm.tm_yday + 1, 3); break;
        case S_HOUR: dt_int(b, tm.tm_hour, 2); break;
        case S_HOUR12: dt_int(b, tm.tm_hour % 12 ? tm.tm_hour % 12 : 12, 0); break;
        case S_ZEROHOUR12: dt_int(b, tm.tm_hour % 12 ? tm.tm_hour % 12 : 12, 2); break;
        case S_MINUTE: dt_int(b, tm.tm_min, 0); break;
        case S_ZEROMINUTE: dt_int(b, tm.tm_min, 2); break;
        case S_SECOND: dt_int(b, tm.tm_sec, 0); break;
        case S_ZEROSECOND: dt_int(b, tm.tm_sec, 2); break;
        case S_PM: buf_puts(b, tm.tm_hour >= 12 ? "PM" : "AM"); break;
        case S_pm: buf_puts(b, tm.tm_hour >= 12 ? "pm" : "am"); break;
        case S_TZ:
            if (t->zone && *t->zone) { buf_puts(b, t->zone); break; }
            buf_putc(b, t->off < 0 ? '-' : '+');
            dt_int(b, labs(t->off / 60) / 60, 2);
            dt_int(b, labs(t->off / 60) % 60, 2);
            break;
        case S_FRAC0: case S_FRAC9: {   /* appendNano: n digits; .9s trimmed of zeros */
            int digits = (int)((len - 1) & 0xfff);
            char fr[10];
            if (s == S_FRAC9 && (digits == 0 || t->nsec == 0)) break;
            snprintf(fr, sizeof fr, "%09d", t->nsec);
            if (digits > 9) digits = 9;
            if (s == S_FRAC9) while (digits > 0 && fr[digits - 1] == '0') digits--;
            if (s == S_FRAC9 && digits == 0) break;
            buf_putc(b, l[i]);
            buf_put(b, fr, digits);
            break;
        }
        default: {   /* numeric zones */
            int iso = s >= S_ISO && s <= S_ISOCOLONSEC;
            if (iso && t->off == 0) { buf_putc(b, 'Z'); break; }
            int32_t zone = t->off / 60, abs_off = t->off;
            if (zone < 0) { buf_putc(b, '-'); zone = -zone; abs_off = -abs_off; } else buf_putc(b, '+');
            dt_int(b, zone / 60, 2);
            if (s == S_ISOCOLON || s == S_NUMCOLON || s == S_ISOCOLONSEC || s == S_NUMCOLONSEC) buf_putc(b, ':');
            if (s != S_NUMSHORT && s != S_ISOSHORT) dt_int(b, zone % 60, 2);
            if (s == S_ISOSEC || s == S_NUMSEC || s == S_NUMCOLONSEC || s == S_ISOCOLONSEC) {
                if (s == S_NUMCOLONSEC || s == S_ISOCOLONSEC) buf_putc(b, ':');
                dt_int(b, abs_off % 60, 2);
            }
        }
        }
        i += len;
    }
}

static Value dt_format_value(const GoTime *t, const char *l, size_t n)
{
    Buf b = {0};
    dt_format(&b, t, l, n);
    Value v = v_buf(&b);
    buf_free(&b);
    return v;
}

/* ---- time.Time objects -------------------------------------------------- */

#define DT_STRING_LAYOUT "2006-01-02 15:04:05.999999999 -0700 MST"
#define DT_RFC3339NANO "2006-01-02T15:04:05.999999999Z07:00"

static void dt_print(Buf *b, Obj *o)
{
    GoTime *t = o->data;
    dt_format(b, t, DT_STRING_LAYOUT, strlen(DT_STRING_LAYOUT));
    if (t->mono) {
        int64_t m = t->mono_ns;
        buf_printf(b, " m=%c%lld.%09lld", m < 0 ? '-' : '+', (long long)(llabs(m) / 1000000000),
                   (long long)(llabs(m) % 1000000000));
    }
}

static Value dt_to_data(Obj *o)
{
    GoTime *t = o->data;
    return dt_format_value(t, DT_RFC3339NANO, strlen(DT_RFC3339NANO));
}

static int dt_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out);
static const char *dt_duration_string(int64_t d);
static GoTime dt_add(GoTime t, int64_t d);
static GoTime dt_at_wall(GoTime t, int64_t local);
static int dt_get(Value v, GoTime *out);

/* time.Time has methods only (func.h sig letters of their parameters;
 * a time.Duration is taken as an int64) */
static const char *dt_method_sig(Obj *o, const char *name)
{
    static const struct { const char *name, *sig; } m[] = {
        {"Unix", ""}, {"UnixNano", ""}, {"UnixMilli", ""}, {"UnixMicro", ""}, {"Year", ""}, {"Day", ""},
        {"Hour", ""}, {"Minute", ""}, {"Second", ""}, {"Nanosecond", ""}, {"YearDay", ""}, {"String", ""},
        {"UTC", ""}, {"Local", ""}, {"Weekday", ""}, {"Month", ""}, {"IsZero", ""}, {"Format", "s"},
        {"Add", "I"}, {"AddDate", "iii"}, {"After", "T"}, {"Before", "T"}, {"Equal", "T"}, {"Compare", "T"},
        {"Sub", "T"}, {"Truncate", "I"}, {"Round", "I"}, {"MarshalJSON", ""}, {"MarshalText", ""},
        {"GoString", ""},
        /* methods Go's goodFunc refuses (tmpl_exec.c ex_call) */
        {"Zone", "!invalid function signature for Zone: second return value should be error; is int"},
        {"ISOWeek", "!invalid function signature for ISOWeek: second return value should be error; is int"},
        {"ZoneBounds", "!invalid function signature for ZoneBounds: second return value should be error; is time.Time"},
        {"Date", "!function Date has 3 return values; should be 1 or 2"},
        {"Clock", "!function Clock has 3 return values; should be 1 or 2"},
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strcmp(m[i].name, name) == 0) return m[i].sig;
    return NULL;
}

/* time.Weekday, time.Month, time.Duration: integers with a String() */
typedef struct DtNamed { int kind; int64_t v; } DtNamed;
enum { DN_WEEKDAY, DN_MONTH, DN_DURATION };
static void dn_print(Buf *b, Obj *o)
{
    static const char *const wd[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char *const mo[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};
    const DtNamed *n = o->data;
    if (n->kind == DN_WEEKDAY) buf_puts(b, wd[n->v % 7]);
    else if (n->kind == DN_MONTH) buf_puts(b, mo[(n->v - 1) % 12]);
    else buf_puts(b, dt_duration_string(n->v));
}
static Value dn_int(Obj *o) { return v_int64(((const DtNamed *)o->data)->v); }
static const char *dn_method_sig(Obj *o, const char *name) { return strcmp(name, "String") == 0 ? "" : NULL; }
static int dn_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    if (strcmp(name, "String") != 0) return 0;
    Buf b = {0};
    dn_print(&b, o);
    *out = v_buf(&b);
    buf_free(&b);
    return 1;
}
static const ObjType dn_types[] = {
    {"time.Weekday", dn_field, dn_print, dn_int, dn_method_sig, dn_int, 0},
    {"time.Month", dn_field, dn_print, dn_int, dn_method_sig, dn_int, 0},
    {"time.Duration", dn_field, dn_print, dn_int, dn_method_sig, dn_int, 0},
};
static Value dn_value(int kind, int64_t v)
{
    DtNamed *n = cc_alloc(sizeof *n);
    n->kind = kind;
    n->v = v;
    return v_newobj(&dn_types[kind], n);
}

/* days since 1970-01-01 of a proleptic Gregorian date (month may be any
 * value; Go's Date normalises it) */
static int64_t dt_civil_days(int64_t year, int64_t mon, int64_t day)
{
    int64_t m0 = mon - 1;
    year += m0 >= 0 ? m0 / 12 : -((11 - m0) / 12);
    mon = m0 - (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12)) * 12 + 1;
    return go_days_from_civil(year, mon, day);
}

static int dt_go_loc(const GoTime *t)
{
    return t->loc == DT_UTC ? GO_LOC_UTC : t->loc == DT_LOCAL ? GO_LOC_LOCAL : GO_LOC_OTHER;
}
static Value dt_go_fields(Obj *o)
{
    const GoTime *t = o->data;
    return go_time_fields(t->sec, t->nsec, dt_go_loc(t), t->mono ? t->mono_ns : -1);
}
static void dt_go_string(Buf *b, Obj *o)
{
    const GoTime *t = o->data;
    const char *name = t->loc == DT_NAMED && t->lname ? t->lname : t->zone ? t->zone : "";
    go_time_gostring(b, t->sec + t->off, t->nsec, dt_go_loc(t), name);
}

static const ObjType dt_type = {"time.Time", dt_field, dt_print, dt_to_data, dt_method_sig,
                                dt_go_fields, 0, NULL, dt_go_string};

static Value dt_value(GoTime t)
{
    GoTime *p = cc_alloc(sizeof *p);
    *p = t;
    return v_newobj(&dt_type, p);
}

/* Another time.Time object (fromToml's): its RFC 3339 data form and the
 * zone name its String() ends with. */
static int dt_foreign(Value v, GoTime *out)
{
    const ObjType *ty = v.u.o->type;
    if (!ty->to_data || !ty->print) return 0;
    Value d = ty->to_data(v.u.o);
    if (d.t != VT_STR) return 0;
    const char *s = cc_strndup(d.u.s, d.n);
    int Y, M, D, h, m, sec, n = 0;
    if (sscanf(s, "%d-%d-%dT%d:%d:%d%n", &Y, &M, &D, &h, &m, &sec, &n) != 6) return 0;
    const char *p = s + n;
    int32_t nsec = 0;
    if (*p == '.') {
        int k = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, k++) if (k < 9) nsec = nsec * 10 + (*p - '0');
        for (; k < 9; k++) nsec *= 10;
    }
    int off = 0;
    if (*p == '+' || *p == '-') {
        int oh = 0, om = 0;
        if (sscanf(p + 1, "%d:%d", &oh, &om) != 2) return 0;
        off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
    }
    int64_t y = Y - (M <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (M + (M > 2 ? -3 : 9)) + 2) / 5 + D - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    Buf b = {0};
    ty->print(&b, v.u.o);
    const char *txt = buf_cstr(&b), *z = strrchr(txt, ' ');
    const char *zone = cc_strdup(z ? z + 1 : "UTC");
    buf_free(&b);
    if (zone[0] == '+' || zone[0] == '-') zone = "";
    /* BurntSushi's zones: UTC for Z, FixedZone for a numeric offset or a
     * local kind (datetime-local...), Local when the offset is Local's */
    int loc = strcmp(zone, "UTC") == 0 && off == 0 ? DT_UTC
            : !*zone || strstr(zone, "-local") ? DT_FIXED : DT_LOCAL;
    GoTime t = {days * 86400 + h * 3600 + m * 60 + sec - off, nsec, off, zone, 0, 0, loc};
    *out = t;
    return 1;
}

/* v holds a time.Time: *out gets it */
static int dt_get(Value v, GoTime *out)
{
    if (v.t != VT_OBJ || !v.u.o) return 0;
    if (v.u.o->type == &dt_type) { *out = *(GoTime *)v.u.o->data; return 1; }
    return strcmp(v.u.o->type->gotype, "time.Time") == 0 && dt_foreign(v, out);
}

/* Methods most templates use on a time.Time. */
static int dt_field(Exec *x, Obj *o, const char *name, int argc, Value *argv, Value *out)
{
    GoTime *t = o->data;
    time_t lt = (time_t)(t->sec + t->off);
    struct tm tm;
    gmtime_r(&lt, &tm);
    if (strcmp(name, "Unix") == 0) *out = v_int64(t->sec);
    else if (strcmp(name, "UnixNano") == 0) *out = v_int64(t->sec * 1000000000 + t->nsec);
    else if (strcmp(name, "Year") == 0) *out = v_goint(tm.tm_year + 1900);
    else if (strcmp(name, "Day") == 0) *out = v_goint(tm.tm_mday);
    else if (strcmp(name, "Hour") == 0) *out = v_goint(tm.tm_hour);
    else if (strcmp(name, "Minute") == 0) *out = v_goint(tm.tm_min);
    else if (strcmp(name, "Second") == 0) *out = v_goint(tm.tm_sec);
    else if (strcmp(name, "Nanosecond") == 0) *out = v_goint(t->nsec);
    else if (strcmp(name, "YearDay") == 0) *out = v_goint(tm.tm_yday + 1);
    else if (strcmp(name, "String") == 0) {
        Buf b = {0};
        dt_print(&b, o);
        *out = v_buf(&b);
        buf_free(&b);
    } else if (strcmp(name, "Format") == 0) {
        *out = dt_format_value(t, argv[0].u.s, argv[0].n);
    } else if (strcmp(name, "UTC") == 0) {
        GoTime u = *t;
        u.off = 0; u.zone = "UTC"; u.mono = 0; u.loc = DT_UTC;
        *out = dt_value(u);
    } else if (strcmp(name, "Local") == 0) {
        GoTime u = dt_in(*t, "Local");
        u.mono = 0;
        *out = dt_value(u);
    } else if (strcmp(name, "UnixMilli") == 0) *out = v_int64(t->sec * 1000 + t->nsec / 1000000);
    else if (strcmp(name, "UnixMicro") == 0) *out = v_int64(t->sec * 1000000 + t->nsec / 1000);
    else if (strcmp(name, "Weekday") == 0) *out = dn_value(DN_WEEKDAY, tm.tm_wday);
    else if (strcmp(name, "Month") == 0) *out = dn_value(DN_MONTH, tm.tm_mon + 1);
    else if (strcmp(name, "IsZero") == 0) *out = v_bool(t->sec == -62135596800LL && t->nsec == 0);
    else if (strcmp(name, "Add") == 0) *out = dt_value(dt_add(*t, argv[0].u.i));
    else if (strcmp(name, "AddDate") == 0) {
        int64_t days = dt_civil_days(tm.tm_year + 1900 + argv[0].u.i, tm.tm_mon + 1 + argv[1].u.i, tm.tm_mday + argv[2].u.i);
        *out = dt_value(dt_at_wall(*t, days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec));
    } else if (strcmp(name, "Sub") == 0 || strcmp(name, "After") == 0 || strcmp(name, "Before") == 0 ||
               strcmp(name, "Equal") == 0 || strcmp(name, "Compare") == 0) {
        GoTime u;
        dt_get(argv[0], &u);
        int64_t c = t->sec != u.sec ? (t->sec < u.sec ? -1 : 1) : t->nsec != u.nsec ? (t->nsec < u.nsec ? -1 : 1) : 0;
        if (name[0] == 'S') *out = dn_value(DN_DURATION, (t->sec - u.sec) * 1000000000 + (t->nsec - u.nsec));
        else if (name[0] == 'A') *out = v_bool(c > 0);
        else if (name[0] == 'B') *out = v_bool(c < 0);
        else if (name[0] == 'E') *out = v_bool(c == 0);
        else *out = v_goint(c);
    } else if (strcmp(name, "Truncate") == 0 || strcmp(name, "Round") == 0) {
        /* a multiple of d since Go's zero time (January 1, year 1 UTC),
         * whatever the zone; d <= 0 only drops the monotonic reading */
        GoTime u = *t;
        u.mono = 0;
        int64_t d = argv[0].u.i;
        if (d > 0) {
            __int128 abs = ((__int128)t->sec + 62135596800LL) * 1000000000 + t->nsec;
            int64_t r = (int64_t)(abs % d);
            if (r < 0) r += d;
            int up = name[0] == 'R' && !((uint64_t)r + (uint64_t)r < (uint64_t)d);
            u = dt_add(u, up ? d - r : -r);
        }
        *out = dt_value(u);
    } else if (strcmp(name, "MarshalJSON") == 0 || strcmp(name, "MarshalText") == 0) {
        /* RFC 3339 with nanoseconds, as []byte (quoted for JSON) */
        Value s = dt_format_value(t, DT_RFC3339NANO, strlen(DT_RFC3339NANO));
        Buf b = {0};
        if (name[7] == 'J') buf_putc(&b, '"');
        buf_put(&b, s.u.s, s.n);
        if (name[7] == 'J') buf_putc(&b, '"');
        *out = v_buf(&b);
        out->g = GT_BYTES;
        buf_free(&b);
    } else if (strcmp(name, "GoString") == 0) {
        Buf b = {0};
        dt_go_string(&b, o);
        *out = v_buf(&b);
        buf_free(&b);
    } else return 0;
    return 1;
}

/* The time sprig's formatDate uses for an interface{} argument. */
static GoTime dt_arg(Value v)
{
    GoTime t;
    if (dt_get(v, &t)) return t;
    if (v.t == VT_INT) {
        GoTime t = {v.u.i, 0, 0, "UTC", 0, 0};
        return dt_in(t, "Local");
    }
    return dt_now();
}

/* ---- durations ---------------------------------------------------------- */

/* Go Duration.String */
static const char *dt_duration_string(int64_t d)
{
    char buf[40];
    int w = sizeof buf;
    uint64_t u = d < 0 ? -(uint64_t)d : (uint64_t)d;
    buf[--w] = 0;
    if (u < 1000000000ULL) {
        int prec;
        if (u == 0) return "0s";
        buf[--w] = 's';
        if (u < 1000ULL) { prec = 0; buf[--w] = 'n'; }
        else if (u < 1000000ULL) { prec = 3; buf[--w] = (char)0xb5; buf[--w] = (char)0xc2; }
        else { prec = 6; buf[--w] = 'm'; }
        int printed = 0;
        for (int i = 0; i < prec; i++) {
            int digit = u % 10;
            printed = printed || digit != 0;
            if (printed) buf[--w] = (char)('0' + digit);
            u /= 10;
        }
        if (printed) buf[--w] = '.';
        do { buf[--w] = (char)('0' + u % 10); u /= 10; } while (u);
    } else {
        buf[--w] = 's';
        int printed = 0;
        for (int i = 0; i < 9; i++) {
            int digit = u % 10;
            printed = printed || digit != 0;
            if (printed) buf[--w] = (char)('0' + digit);
            u /= 10;
        }
        if (printed) buf[--w] = '.';
        uint64_t s = u % 60;
        do { buf[--w] = (char)('0' + s % 10); s /= 10; } while (s);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            uint64_t m = u % 60;
            do { buf[--w] = (char)('0' + m % 10); m /= 10; } while (m);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                do { buf[--w] = (char)('0' + u % 10); u /= 10; } while (u);
            }
        }
    }
    if (d < 0) buf[--w] = '-';
    return cc_strdup(buf + w);
}

/* Go time.ParseDuration; NULL or the error text. */
static const char *dt_parse_duration(const char *s, size_t n, int64_t *out)
{
    const char *orig = s;
    size_t on = n, i = 0;
    int neg = 0;
    uint64_t d = 0;
    Buf q = {0};
    buf_putc(&q, '"');
    buf_put(&q, orig, on);
    buf_putc(&q, '"');
    const char *quoted = buf_arena(&q);
    buf_free(&q);
    if (i < n && (s[i] == '-' || s[i] == '+')) { neg = s[i] == '-'; i++; }
    if (n - i == 1 && s[i] == '0') { *out = 0; return NULL; }
    if (i == n) return cc_printf("time: invalid duration %s", quoted);
    while (i < n) {
        if (!(s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) return cc_printf("time: invalid duration %s", quoted);
        uint64_t v = 0, f = 0;
        double scale = 1;
        size_t st = i;
        int overflow = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (v > (UINT64_MAX / 10)) overflow = 1;
            v = v * 10 + (s[i++] - '0');
            if (v > (1ULL << 63)) overflow = 1;
        }
        if (overflow) return cc_printf("time: invalid duration %s", quoted);
        int pre = i != st, post = 0;
        if (i < n && s[i] == '.') {
            i++;
            size_t fs = i;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (f < (1ULL << 60) / 10) { f = f * 10 + (s[i] - '0'); scale *= 10; }
                i++;
            }
            post = i != fs;
        }
        if (!pre && !post) return cc_printf("time: invalid duration %s", quoted);
        size_t us = i;
        while (i < n && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9')) i++;
        if (us == i) return cc_printf("time: missing unit in duration %s", quoted);
        const char *u = s + us;
        size_t ul = i - us;
        static const struct { const char *name; uint64_t mul; } units[] = {
            {"ns", 1}, {"us", 1000}, {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000}, {"ms", 1000000},
            {"s", 1000000000ULL}, {"m", 60000000000ULL}, {"h", 3600000000000ULL}};
        uint64_t mul = 0;
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
            if (strlen(units[k].name) == ul && memcmp(units[k].name, u, ul) == 0) mul = units[k].mul;
        if (!mul) return cc_printf("time: unknown unit \"%.*s\" in duration %s", (int)ul, u, quoted);
        if (v > (1ULL << 63) / mul) return cc_printf("time: invalid duration %s", quoted);
        v *= mul;
        if (f > 0) {
            v += (uint64_t)((double)f * ((double)mul / scale));
            if (v > (1ULL << 63)) return cc_printf("time: invalid duration %s", quoted);
        }
        d += v;
        if (d > (1ULL << 63)) return cc_printf("time: invalid duration %s", quoted);
    }
    if (neg) { *out = -(int64_t)d; return NULL; }
    if (d > (1ULL << 63) - 1) return cc_printf("time: invalid duration %s", quoted);
    *out = (int64_t)d;
    return NULL;
}

static GoTime dt_add(GoTime t, int64_t d)
{
    int64_t ns = t.nsec + d % 1000000000;
    t.sec += d / 1000000000 + (ns >= 1000000000 ? 1 : ns < 0 ? -1 : 0);
    t.nsec = (int32_t)((ns % 1000000000 + 1000000000) % 1000000000);
    if (t.mono) t.mono_ns += d;
    if (t.loc == DT_LOCAL) t = dt_in(t, "Local");   /* the offset may change across a transition */
    return t;
}

/* time.Date of the wall clock `local` (seconds since 1970 read as UTC) in
 * t's location: Local finds its offset as Date does (the offset at
 * `local`, or the one at `local` minus it when that differs); other
 * locations keep theirs. */
static GoTime dt_at_wall(GoTime t, int64_t local)
{
    t.mono = 0;
    if (t.loc != DT_LOCAL) { t.sec = local - t.off; return t; }
    int32_t off, o2;
    const char *nm;
    dt_zone("Local", local, &off, &nm);
    if (off != 0 && dt_zone("Local", local - off, &o2, &nm) && o2 != off) off = o2;
    t.sec = local - off;
    return dt_in(t, "Local");
}

/* time.Since = Now().Sub(t): saturates at the Duration limits, as Go does */
static int64_t dt_since(GoTime t)
{
    GoTime now = dt_now();
    int64_t ds = now.sec - t.sec, d;
    if (__builtin_mul_overflow(ds, (int64_t)1000000000, &d) ||
        __builtin_add_overflow(d, (int64_t)(now.nsec - t.nsec), &d))
        return ds < 0 ? INT64_MIN : INT64_MAX;
    return d;
}

/* Duration.Round(time.Second) */
static int64_t dt_round_sec(int64_t d)
{
    int64_t m = 1000000000, r = d % m, d1;
    if (d < 0) {
        r = -r;
        if (r + r < m) return d + r;
        if (!__builtin_add_overflow(d, r - m, &d1)) return d1;
        return INT64_MIN;                     /* minDuration on overflow */
    }
    if (r + r < m) return d - r;
    if (!__builtin_add_overflow(d, m - r, &d1)) return d1;
    return INT64_MAX;                         /* maxDuration on overflow */
}

/* ---- template functions (sprig date.go) -------------------------------- */

Value fn_now(Exec *x, int argc, Value *argv) { return dt_value(dt_now()); }

/* date LAYOUT TIME */
Value fn_date(Exec *x, int argc, Value *argv)
{
    GoTime t = dt_in(dt_arg(argv[1]), "Local");
    return dt_format_value(&t, argv[0].u.s, argv[0].n);
}

/* dateInZone LAYOUT TIME ZONE (unknown zone: UTC) */
Value fn_date_in_zone(Exec *x, int argc, Value *argv)
{
    GoTime t = dt_in(dt_arg(argv[1]), cc_strndup(argv[2].u.s, argv[2].n));
    return dt_format_value(&t, argv[0].u.s, argv[0].n);
}

Value fn_html_date(Exec *x, int argc, Value *argv)
{
    GoTime t = dt_in(dt_arg(argv[0]), "Local");
    return dt_format_value(&t, "2006-01-02", 10);
}

Value fn_html_date_in_zone(Exec *x, int argc, Value *argv)
{
    GoTime t = dt_in(dt_arg(argv[0]), cc_strndup(argv[1].u.s, argv[1].n));
    return dt_format_value(&t, "2006-01-02", 10);
}

static const GoTime *dt_need_time(Exec *x, Value v)
{
    GoTime *t = cc_alloc(sizeof *t);
    if (!dt_get(v, t)) fn_error(x, "wrong type for value; expected time.Time; got %s", v_gotype(v));
    return t;
}

/* unixEpoch TIME */
Value fn_unix_epoch(Exec *x, int argc, Value *argv)
{
    return v_cstr(cc_printf("%lld", (long long)dt_need_time(x, argv[0])->sec));
}

/* dateModify DURATION TIME (bad duration: TIME unchanged) */
Value fn_date_modify(Exec *x, int argc, Value *argv)
{
    GoTime t = *dt_need_time(x, argv[1]);
    int64_t d;
    if (dt_parse_duration(argv[0].u.s, argv[0].n, &d)) return dt_value(t);
    return dt_value(dt_add(t, d));
}

Value fn_must_date_modify(Exec *x, int argc, Value *argv)
{
    GoTime t = *dt_need_time(x, argv[1]);
    int64_t d;
    const char *err = dt_parse_duration(argv[0].u.s, argv[0].n, &d);
    if (err) fn_error(x, "%s", err);
    return dt_value(dt_add(t, d));
}

/* ago TIME: time since, rounded to seconds */
Value fn_ago(Exec *x, int argc, Value *argv)
{
    Value v = argv[0];
    GoTime t;
    if (dt_get(v, &t)) {}
    else if (v.t == VT_INT) { GoTime u = {v.u.i, 0, 0, "UTC", 0, 0}; t = u; }
    else t = dt_now();
    return v_cstr(dt_duration_string(dt_round_sec(dt_since(t))));
}

/* duration SECONDS: only a string or an int64 counts (an int literal is 0s) */
Value fn_duration(Exec *x, int argc, Value *argv)
{
    Value v = argv[0];
    int64_t n = 0;
    if (v_is_str(v)) {
        char *end;
        const char *s = cc_strndup(v.u.s, v.n);
        long long r = strtoll(s, &end, 10);
        if (*s && !*end && s[0] != ' ' && s[0] != '\t' && s[0] != '\n') n = r;
    } else if (v.t == VT_INT && v.g != GT_INT) {
        n = v.u.i;
    }
    return v_cstr(dt_duration_string((int64_t)((uint64_t)n * 1000000000ULL)));
}

/* durationRound D: the largest whole unit (y mo d h m s) */
Value fn_duration_round(Exec *x, int argc, Value *argv)
{
    Value v = argv[0];
    int64_t d = 0;
    if (v_is_str(v)) { if (dt_parse_duration(v.u.s, v.n, &d)) d = 0; }
    else if (v.t == VT_INT && v.g != GT_INT) d = v.u.i;
    else if (v.t == VT_OBJ) { GoTime t; if (dt_get(v, &t)) d = dt_since(t); }
    uint64_t u = d < 0 ? -(uint64_t)d : (uint64_t)d;
    const uint64_t sec = 1000000000ULL, min = 60 * sec, hour = 60 * min, day = 24 * hour;
    static const char *const names[] = {"y", "mo", "d", "h", "m", "s"};
    const uint64_t units[] = {365 * day, 30 * day, day, hour, min, sec};
    for (int i = 0; i < 6; i++)
        if (u > units[i]) return v_cstr(cc_printf("%llu%s", (unsigned long long)(u / units[i]), names[i]));
    return v_cstr("0s");
}

/* ---- Go layout parsing (toDate) ------------------------------------------ */


/* The zones (offset, abbreviation) of Local's tz file as Go's
 * LoadLocationFromTZData reads them (the 64-bit data of a version 2+ file),
 * for Location.lookupName. TZ unset: /etc/localtime; TZ "" or "UTC": none
 * (Go's Local is then plain UTC). */
typedef struct DtZone { int32_t off; const char *name; } DtZone;
static DtZone *dt_lz;
static int dt_nlz = -1;

static uint32_t dt_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void dt_local_zones(void)
{
    if (dt_nlz >= 0) return;
    dt_nlz = 0;
    const char *tz = getenv("TZ"), *path = "/etc/localtime";
    if (tz) {
        if (*tz == ':') tz++;
        if (!*tz || strcmp(tz, "UTC") == 0) return;
        path = *tz == '/' ? tz : cc_printf("/usr/share/zoneinfo/%s", tz);
    }
    FILE *f = fopen(path, "rb");
    if (!f) return;
    enum { MAXTZ = 1 << 18 };   /* real tz files are under 4 KiB */
    unsigned char *d = malloc(MAXTZ);
    size_t n = d ? fread(d, 1, MAXTZ, f) : 0, p = 0;
    fclose(f);
    for (int pass = 0; pass < 2; pass++) {
        if (n - p < 44 || memcmp(d + p, "TZif", 4) != 0) break;
        uint32_t isut = dt_be32(d + p + 20), isstd = dt_be32(d + p + 24), leap = dt_be32(d + p + 28);
        uint32_t timecnt = dt_be32(d + p + 32), typecnt = dt_be32(d + p + 36), charcnt = dt_be32(d + p + 40);
        size_t tsz = pass ? 8 : 4;
        size_t body = timecnt * tsz + timecnt + (size_t)typecnt * 6 + charcnt + leap * (tsz + 4) + isstd + isut;
        int v2 = d[p + 4] >= '2';
        p += 44;
        if (body > n - p) break;
        if (pass == 0 && v2) { p += body; continue; }
        const unsigned char *types = d + p + timecnt * tsz + timecnt;
        const char *chars = (const char *)types + (size_t)typecnt * 6;
        /* on the heap: the table outlives the arena scratch of the range
         * iteration (or the render) that first needed it */
        dt_lz = calloc((size_t)typecnt + 1, sizeof *dt_lz);
        if (!dt_lz) cc_oom();
        for (uint32_t i = 0; i < typecnt; i++) {
            uint8_t k = types[i * 6 + 5];
            dt_lz[i].off = (int32_t)dt_be32(types + i * 6);
            dt_lz[i].name = k < charcnt ? strndup(chars + k, strnlen(chars + k, charcnt - k)) : "";
            if (!dt_lz[i].name) cc_oom();
        }
        dt_nlz = (int)typecnt;
        break;
    }
    free(d);
}

/* Location.lookupName on Local: the offset zone `name` has around `at`
 * (preferring a zone of that name in force then). 0: Local has no such zone. */
static int dt_lookup_name(const char *name, int64_t at, int32_t *off)
{
    dt_local_zones();
    int32_t o;
    const char *nm;
    for (int i = 0; i < dt_nlz; i++)
        if (strcmp(dt_lz[i].name, name) == 0 && dt_zone("Local", at - dt_lz[i].off, &o, &nm) && strcmp(nm, name) == 0) {
            *off = o;
            return 1;
        }
    for (int i = 0; i < dt_nlz; i++)
        if (strcmp(dt_lz[i].name, name) == 0) { *off = dt_lz[i].off; return 1; }
    return 0;
}

static int dt_digit(char c) { return c >= '0' && c <= '9'; }

static void dt_adv(const char **v, size_t *n, size_t k) { *v += k; *n -= k; }

/* getnum: 1 or 2 digits (fixed: exactly 2); *out is 0 on failure, as in Go */
static int dt_getnum(const char **v, size_t *n, int fixed, int *out)
{
    const char *s = *v;
    *out = 0;
    if (*n < 1 || !dt_digit(s[0])) return 0;
    if (*n < 2 || !dt_digit(s[1])) {
        if (fixed) return 0;
        *out = s[0] - '0';
        dt_adv(v, n, 1);
        return 1;
    }
    *out = (s[0] - '0') * 10 + (s[1] - '0');
    dt_adv(v, n, 2);
    return 1;
}

/* getnum3: 1 to 3 digits (fixed: exactly 3) */
static int dt_getnum3(const char **v, size_t *n, int fixed, int *out)
{
    size_t i = 0;
    int x = 0;
    for (; i < 3 && i < *n && dt_digit((*v)[i]); i++) x = x * 10 + ((*v)[i] - '0');
    *out = 0;
    if (i == 0 || (fixed && i != 3)) return 0;
    *out = x;
    dt_adv(v, n, i);
    return 1;
}

/* Go time's atoi: an optional sign, then only digits (none is 0) */
static int dt_atoi(const char *s, size_t n, int64_t *out)
{
    int neg = 0;
    size_t i = 0;
    uint64_t x = 0;
    *out = 0;
    if (n && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; i++; }
    for (; i < n; i++) {
        if (!dt_digit(s[i]) || x > (1ULL << 63) / 10) return 0;
        x = x * 10 + (uint64_t)(s[i] - '0');
        if (x > 1ULL << 63) return 0;
    }
    *out = neg ? -(int64_t)x : (int64_t)x;
    return 1;
}

/* lookup: the first name of tab (its first 3 letters when short) that
 * starts v, ASCII letters compared without case; -1 if none */
static int dt_lookup(const char **v, size_t *n, const char *const *tab, int cnt, int short_)
{
    for (int k = 0; k < cnt; k++) {
        size_t l = short_ ? 3 : strlen(tab[k]), i = 0;
        if (*n < l) continue;
        for (; i < l; i++) {
            unsigned char a = (unsigned char)(*v)[i], b = (unsigned char)tab[k][i];
            if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')) break;
        }
        if (i == l) { dt_adv(v, n, l); return k; }
    }
    return -1;
}

/* parseNanoseconds of the first nbytes of v (a '.' or ',' then digits) */
static int dt_nanos(const char *v, size_t nbytes, int *ns, const char **range)
{
    if (v[0] != '.' && v[0] != ',') return 0;
    if (nbytes > 10) nbytes = 10;
    int64_t x;
    if (!dt_atoi(v + 1, nbytes - 1, &x)) return 0;
    if (x < 0) { *range = "fractional second"; return 1; }
    for (size_t k = nbytes; k < 10; k++) x *= 10;
    *ns = (int)x;
    return 1;
}

/* parseTimeZone: the length of the zone abbreviation starting v, 0 if none */
static size_t dt_tzlen(const char *v, size_t n)
{
    if (n < 3) return 0;
    if (n >= 4 && (memcmp(v, "ChST", 4) == 0 || memcmp(v, "MeST", 4) == 0)) return 4;
    size_t sgn = memcmp(v, "GMT", 3) == 0 ? 3 : 0;
    if (sgn || v[0] == '+' || v[0] == '-') {   /* parseGMT / parseSignedOffset */
        size_t i = sgn + 1;
        uint64_t x = 0;
        if (sgn == n || (v[sgn] != '+' && v[sgn] != '-')) return sgn;
        for (; i < n && dt_digit(v[i]); i++) {
            if (x > (1ULL << 63) / 10) return sgn;
            x = x * 10 + (uint64_t)(v[i] - '0');
            if (x > 1ULL << 63) return sgn;
        }
        return i == sgn + 1 || x > 23 ? sgn : i;
    }
    size_t up = 0;
    while (up < 6 && up < n && v[up] >= 'A' && v[up] <= 'Z') up++;
    if (up == 3) return 3;
    if (up == 4 && (v[3] == 'T' || memcmp(v, "WITA", 4) == 0)) return 4;
    if (up == 5 && v[4] == 'T') return 5;
    return 0;
}

/* nextStdChunk: the std kind of the first chunk of l, its offset and length */
static int dt_next(const char *l, size_t n, size_t *pre, size_t *len)
{
    for (size_t i = 0; i < n; i++) {
        int s = dt_chunk(l, n, i, len);
        if (s != S_NONE) { *pre = i; return s; }
    }
    *pre = n;
    *len = 0;
    return S_NONE;
}

/* skip: the layout's literal p (runs of spaces match runs of spaces) */
static int dt_skip(const char **v, size_t *vn, const char *p, size_t pn)
{
    while (pn) {
        if (*p == ' ') {
            if (*vn && **v != ' ') return 0;
            while (pn && *p == ' ') p++, pn--;
            while (*vn && **v == ' ') dt_adv(v, vn, 1);
            continue;
        }
        if (!*vn || **v != *p) return 0;
        p++, pn--;
        dt_adv(v, vn, 1);
    }
    return 1;
}

static int dt_is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/* time.parse(layout, value, Local, Local) (ParseInLocation with Local, as
 * sprig's toDate calls it); NULL or Go's error text. */
static const char *dt_parse(const char *layout, size_t layn, const char *value, size_t valn, GoTime *out)
{
    const char *l = layout, *v = value, *range = NULL, *zname = "";
    size_t ln = layn, vn = valn;
    int am = 0, pm = 0, utc = 0, mon = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0, zoff = -1;
    int64_t year = 0, x;
    for (;;) {
        size_t pre, len;
        int s = dt_next(l, ln, &pre, &len);
        if (!dt_skip(&v, &vn, l, pre))
            return cc_printf("parsing time %s as %s: cannot parse %s as %s", go_time_quoted(value, valn), go_time_quoted(layout, layn),
                             go_time_quoted(v, vn), go_time_quoted(l, pre));
        if (s == S_NONE) {
            if (vn) return cc_printf("parsing time %s: extra text: %s", go_time_quoted(value, valn), go_time_quoted(v, vn));
            break;
        }
        const char *std = l + pre, *hold = v;
        size_t holdn = vn;
        dt_adv(&l, &ln, pre + len);
        int ok = 1;
        switch (s) {
        case S_YEAR:
            if (vn < 2) { ok = 0; break; }
            ok = dt_atoi(v, 2, &x);
            dt_adv(&v, &vn, 2);
            if (ok) year = x >= 69 ? x + 1900 : x + 2000;
            break;
        case S_LONGYEAR:
            if (vn < 4 || !dt_digit(v[0])) { ok = 0; break; }
            ok = dt_atoi(v, 4, &year);
            dt_adv(&v, &vn, 4);
            break;
        case S_MONTH: case S_LONGMONTH:
            mon = dt_lookup(&v, &vn, dt_months, 12, s == S_MONTH) + 1;
            ok = mon > 0;
            break;
        case S_NUMMONTH: case S_ZEROMONTH:
            ok = dt_getnum(&v, &vn, s == S_ZEROMONTH, &mon);
            if (ok && (mon <= 0 || mon > 12)) range = "month";
            break;
        case S_WEEKDAY: case S_LONGWEEKDAY:
            ok = dt_lookup(&v, &vn, dt_days, 7, s == S_WEEKDAY) >= 0;
            break;
        case S_DAY: case S_UNDERDAY: case S_ZERODAY:
            if (s == S_UNDERDAY && vn && *v == ' ') dt_adv(&v, &vn, 1);
            ok = dt_getnum(&v, &vn, s == S_ZERODAY, &day);   /* range checked at the end */
            break;
        case S_UNDERYEARDAY: case S_ZEROYEARDAY:
            for (int k = 0; k < 2; k++)
                if (s == S_UNDERYEARDAY && vn && *v == ' ') dt_adv(&v, &vn, 1);
            ok = dt_getnum3(&v, &vn, s == S_ZEROYEARDAY, &yday);
            break;
        case S_HOUR:
            ok = dt_getnum(&v, &vn, 0, &hour);
            if (hour >= 24) range = "hour";
            break;
        case S_HOUR12: case S_ZEROHOUR12:
            ok = dt_getnum(&v, &vn, s == S_ZEROHOUR12, &hour);
            if (hour > 12) range = "hour";
            break;
        case S_MINUTE: case S_ZEROMINUTE:
            ok = dt_getnum(&v, &vn, s == S_ZEROMINUTE, &min);
            if (min >= 60) range = "minute";
            break;
        case S_SECOND: case S_ZEROSECOND: {
            if (!(ok = dt_getnum(&v, &vn, s == S_ZEROSECOND, &sec))) break;
            if (sec >= 60) { range = "second"; break; }
            /* a fraction in the value with none next in the layout */
            size_t p2, l2, n2 = 2;
            if (vn < 2 || (v[0] != '.' && v[0] != ',') || !dt_digit(v[1])) break;
            int ns = dt_next(l, ln, &p2, &l2);
            if (ns == S_FRAC0 || ns == S_FRAC9) break;
            while (n2 < vn && dt_digit(v[n2])) n2++;
            ok = dt_nanos(v, n2, &nsec, &range);
            dt_adv(&v, &vn, n2);
            break;
        }
        case S_PM: case S_pm:
            if (vn < 2) { ok = 0; break; }
            if (memcmp(v, s == S_PM ? "PM" : "pm", 2) == 0) pm = 1;
            else if (memcmp(v, s == S_PM ? "AM" : "am", 2) == 0) am = 1;
            else ok = 0;
            dt_adv(&v, &vn, 2);
            break;
        case S_TZ: {
            if (vn >= 3 && memcmp(v, "UTC", 3) == 0) { utc = 1; dt_adv(&v, &vn, 3); break; }
            size_t k = dt_tzlen(v, vn);
            if (!k) { ok = 0; break; }
            zname = cc_strndup(v, k);
            dt_adv(&v, &vn, k);
            break;
        }
        case S_FRAC0: {
            size_t nd = 1 + ((len - 1) & 0xfff);
            if (vn < nd) { ok = 0; break; }
            ok = dt_nanos(v, nd, &nsec, &range);
            dt_adv(&v, &vn, nd);
            break;
        }
        case S_FRAC9: {
            size_t i = 0;
            if (vn < 2 || (v[0] != '.' && v[0] != ',') || !dt_digit(v[1])) break;   /* omitted */
            while (i + 1 < vn && dt_digit(v[i + 1])) i++;
            ok = dt_nanos(v, 1 + i, &nsec, &range);
            dt_adv(&v, &vn, 1 + i);
            break;
        }
        default: {   /* numeric zones: sign, hours, minutes, seconds at fixed places */
            if (s >= S_ISO && s <= S_ISOCOLONSEC && vn && *v == 'Z') { utc = 1; dt_adv(&v, &vn, 1); break; }
            const char *hh = v + 1, *mm = "00", *ss = "00";
            size_t need;
            if (s == S_ISOCOLON || s == S_NUMCOLON) { need = 6; mm = v + 4; if (vn >= need && v[3] != ':') need = SIZE_MAX; }
            else if (s == S_ISOSHORT || s == S_NUMSHORT) need = 3;
            else if (s == S_ISOCOLONSEC || s == S_NUMCOLONSEC) {
                need = 9; mm = v + 4; ss = v + 7;
                if (vn >= need && (v[3] != ':' || v[6] != ':')) need = SIZE_MAX;
            } else if (s == S_ISOSEC || s == S_NUMSEC) { need = 7; mm = v + 3; ss = v + 5; }
            else { need = 5; mm = v + 3; }
            if (vn < need) { ok = 0; break; }
            int hr = 0, mi = 0, se = 0;
            const char *p;
            size_t two = 2;
            if ((p = hh, two = 2, dt_getnum(&p, &two, 1, &hr)) && (p = mm, two = 2, dt_getnum(&p, &two, 1, &mi)) &&
                (p = ss, two = 2, dt_getnum(&p, &two, 1, &se))) {}
            else ok = 0;
            /* > rather than >=: offsets of 24 hours or 60 minutes are written */
            if (hr > 24) range = "time zone offset hour";
            if (mi > 60) range = "time zone offset minute";
            if (se > 60) range = "time zone offset second";
            zoff = (hr * 60 + mi) * 60 + se;
            if (*v == '-') zoff = -zoff;
            else if (*v != '+') ok = 0;
            dt_adv(&v, &vn, need);
        }
        }
        if (range) return cc_printf("parsing time %s: %s out of range", go_time_quoted(value, valn), range);
        if (!ok)
            return cc_printf("parsing time %s as %s: cannot parse %s as %s", go_time_quoted(value, valn), go_time_quoted(layout, layn),
                             go_time_quoted(hold, holdn), go_time_quoted(std, len));
    }
    if (pm && hour < 12) hour += 12;
    else if (am && hour == 12) hour = 0;
    if (yday >= 0) {   /* the day of the year gives month and day */
        static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
        int m = 0, d = 0;
        if (dt_is_leap(year)) {
            if (yday == 31 + 29) { m = 2; d = 29; }
            else if (yday > 31 + 29) yday--;
        }
        if (yday < 1 || yday > 365) return cc_printf("parsing time %s: day-of-year out of range", go_time_quoted(value, valn));
        if (m == 0) {
            m = (yday - 1) / 31 + 1;
            if (before[m] < yday) m++;
            d = yday - before[m - 1];
        }
        if (mon >= 0 && mon != m) return cc_printf("parsing time %s: day-of-year does not match month", go_time_quoted(value, valn));
        mon = m;
        if (day >= 0 && day != d) return cc_printf("parsing time %s: day-of-year does not match day", go_time_quoted(value, valn));
        day = d;
    } else {
        if (mon < 0) mon = 1;
        if (day < 0) day = 1;
    }
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day < 1 || day > mdays[mon - 1] + (mon == 2 && dt_is_leap(year)))
        return cc_printf("parsing time %s: day out of range", go_time_quoted(value, valn));
    int64_t local = dt_civil_days(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
    GoTime t = {local, nsec, 0, "UTC", 0, 0, DT_UTC};
    int32_t o;
    const char *nm;
    if (utc) {}
    else if (zoff != -1) {   /* Local when it has that offset (and name) then, else a fixed zone */
        t.sec = local - zoff;
        dt_zone("Local", t.sec, &o, &nm);
        if (o == zoff && (!*zname || strcmp(nm, zname) == 0)) { t.off = o; t.zone = nm; t.loc = DT_LOCAL; }
        else { t.off = zoff; t.zone = zname; t.loc = DT_FIXED; }
    } else if (*zname) {     /* a name Local knows, else a fixed zone keeping the instant */
        if (dt_lookup_name(zname, local, &o)) { t.sec = local - o; t = dt_in(t, "Local"); }
        else {
            o = 0;
            if (strlen(zname) > 3 && memcmp(zname, "GMT", 3) == 0 && dt_atoi(zname + 3, strlen(zname + 3), &x)) o = (int32_t)(x * 3600);
            t.off = o; t.zone = zname; t.loc = DT_FIXED;
        }
    } else {
        t.loc = DT_LOCAL;
        t = dt_at_wall(t, local);
    }
    *out = t;
    return NULL;
}

static GoTime dt_zero(void)
{
    GoTime t = {-62135596800LL, 0, 0, "UTC", 0, 0};
    return t;
}

/* toDate LAYOUT STRING (failure: the zero time) */
Value fn_to_date(Exec *x, int argc, Value *argv)
{
    GoTime t;
    if (dt_parse(argv[0].u.s, argv[0].n, argv[1].u.s, argv[1].n, &t)) t = dt_zero();
    return dt_value(t);
}

Value fn_must_to_date(Exec *x, int argc, Value *argv)
{
    GoTime t;
    const char *err = dt_parse(argv[0].u.s, argv[0].n, argv[1].u.s, argv[1].n, &t);
    if (err) fn_error(x, "%s", err);
    return dt_value(t);
}
