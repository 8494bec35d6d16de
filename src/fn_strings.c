/*
 * fn_strings.c - Sprig string functions and the Unicode helpers of fn_int.h.
 * Mirrors sprig v3.3.0 strings.go and functions.go (the string rows), Go
 * strings (TrimSpace, Trim, Title, ToUpper, Split, SplitN, Replace,
 * Repeat), Masterminds/goutils v1.1.1 (Abbreviate, Initials, Uncapitalize,
 * SwapCase, DeleteWhiteSpace, WrapCustom) and huandu/xstrings v1.5.0
 * (ToSnakeCase, ToKebabCase, ToPascalCase).
 *
 * Unicode case mapping uses the C library's tables through a private
 * C.UTF-8 locale (towupper_l...), falling back to ASCII + Latin-1 +
 * Greek/Cyrillic rules when that locale is missing.
 */
#define _GNU_SOURCE
#include "fn_int.h"
#include "chartc/gofmt.h"
#include "chartc/gostd.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

/* ---- UTF-8 and Unicode ---------------------------------------------- */

#define RUNE_ERROR 0xFFFD

int fn_utf8_decode(const char *str, size_t n, uint32_t *r)
{
    const unsigned char *s = (const unsigned char *)str;
    *r = RUNE_ERROR;
    if (!n) return 0;
    unsigned c = s[0];
    if (c < 0x80) { *r = c; return 1; }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 1;
    if (n < (size_t)len) return 1;
    for (int k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 1;
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 1;
    *r = v;
    return len;
}

void fn_utf8_put(Buf *b, uint32_t r)
{
    char t[4];
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = RUNE_ERROR;
    if (r < 0x80) { buf_putc(b, (char)r); return; }
    if (r < 0x800) { t[0] = (char)(0xC0 | (r >> 6)); t[1] = (char)(0x80 | (r & 0x3F)); buf_put(b, t, 2); return; }
    if (r < 0x10000) {
        t[0] = (char)(0xE0 | (r >> 12)); t[1] = (char)(0x80 | ((r >> 6) & 0x3F)); t[2] = (char)(0x80 | (r & 0x3F));
        buf_put(b, t, 3);
        return;
    }
    t[0] = (char)(0xF0 | (r >> 18)); t[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    t[2] = (char)(0x80 | ((r >> 6) & 0x3F)); t[3] = (char)(0x80 | (r & 0x3F));
    buf_put(b, t, 4);
}

static locale_t utf8_locale(void)
{
    static int tried;
    static locale_t loc;
    if (!tried) {
        tried = 1;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (!loc) loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
        if (!loc) loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
    }
    return loc;
}

int fn_uisspace(uint32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return 1;
    }
    return r >= 0x2000 && r <= 0x200A;
}

/* fallback simple case pairs when no UTF-8 locale exists */
static uint32_t simple_case(uint32_t r, int up)
{
    if (r < 0x80) {
        if (up && r >= 'a' && r <= 'z') return r - 32;
        if (!up && r >= 'A' && r <= 'Z') return r + 32;
        return r;
    }
    if (r >= 0xC0 && r <= 0xFE && r != 0xD7 && r != 0xF7 && r != 0xDF) {
        if (up && r >= 0xE0) return r - 32;
        if (!up && r < 0xE0) return r + 32;
        return r;
    }
    if (up && r == 0xFF) return 0x178;
    if (!up && r == 0x178) return 0xFF;
    if (r >= 0x100 && r <= 0x17F && r != 0x130 && r != 0x131 && r != 0x138 && r != 0x149 && r != 0x17F) {
        int odd_upper = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E);
        int is_up = odd_upper ? (r & 1) : !(r & 1);
        if (up && !is_up) return odd_upper ? r - 1 : r - 1;
        if (!up && is_up) return r + 1;
        return r;
    }
    if (r >= 0x391 && r <= 0x3A9 && r != 0x3A2) return up ? r : r + 32;
    if (r >= 0x3B1 && r <= 0x3C9 && r != 0x3C2) return up ? r - 32 : r;
    if (r >= 0x410 && r <= 0x42F) return up ? r : r + 32;
    if (r >= 0x430 && r <= 0x44F) return up ? r - 32 : r;
    if (r >= 0x400 && r <= 0x40F) return up ? r : r + 80;
    if (r >= 0x450 && r <= 0x45F) return up ? r - 80 : r;
    return r;
}

uint32_t fn_utoupper(uint32_t r)
{
    if (r < 0x80) return simple_case(r, 1);
    locale_t l = utf8_locale();
    return l ? (uint32_t)towupper_l((wint_t)r, l) : simple_case(r, 1);
}

uint32_t fn_utolower(uint32_t r)
{
    if (r < 0x80) return simple_case(r, 0);
    locale_t l = utf8_locale();
    return l ? (uint32_t)towlower_l((wint_t)r, l) : simple_case(r, 0);
}

/* unicode.ToTitle: upper case except the Latin digraph letters */
static uint32_t utotitle(uint32_t r)
{
    if (r >= 0x1C4 && r <= 0x1CC) return r - (r - 0x1C4) % 3 + 1;
    if (r >= 0x1F1 && r <= 0x1F3) return 0x1F2;
    return fn_utoupper(r);
}

typedef struct { uint32_t lo, hi; } URange;

static int in_ranges(const URange *t, size_t n, uint32_t r)
{
    for (size_t i = 0; i < n; i++) if (r >= t[i].lo && r <= t[i].hi) return 1;
    return 0;
}
#define IN_RANGES(t, r) in_ranges(t, sizeof t / sizeof t[0], r)

/* Go's IsUpper/IsLower are the categories Lu/Ll; the C library's classes
 * also hold the title-case letters (Lt) and the Other_Uppercase /
 * Other_Lowercase characters (Roman numerals, circled letters, modifier
 * letters, U+0345...), which are removed here. */
static const URange u_title[] = {
    {0x1C5, 0x1C5}, {0x1C8, 0x1C8}, {0x1CB, 0x1CB}, {0x1F2, 0x1F2}, {0x1F88, 0x1F8F},
    {0x1F98, 0x1F9F}, {0x1FA8, 0x1FAF}, {0x1FBC, 0x1FBC}, {0x1FCC, 0x1FCC}, {0x1FFC, 0x1FFC},
};
static const URange u_other_upper[] = {
    {0x2160, 0x216F}, {0x24B6, 0x24CF}, {0x1F130, 0x1F149}, {0x1F150, 0x1F169}, {0x1F170, 0x1F189},
};
static const URange u_other_lower[] = {
    {0xAA, 0xAA}, {0xBA, 0xBA}, {0x2B0, 0x2B8}, {0x2C0, 0x2C1}, {0x2E0, 0x2E4}, {0x345, 0x345},
    {0x37A, 0x37A}, {0x10FC, 0x10FC}, {0x1D2C, 0x1D6A}, {0x1D78, 0x1D78}, {0x1D9B, 0x1DBF},
    {0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C}, {0x2170, 0x217F}, {0x24D0, 0x24E9},
    {0x2C7C, 0x2C7D}, {0xA69C, 0xA69D}, {0xA770, 0xA770}, {0xA7F2, 0xA7F4}, {0xA7F8, 0xA7F9},
    {0xAB5C, 0xAB5F}, {0xAB69, 0xAB69}, {0x10780, 0x10780}, {0x10783, 0x10785}, {0x10787, 0x107B0},
    {0x107B2, 0x107BA}, {0x1E030, 0x1E06D},
};

static int uistitle(uint32_t r) { return r >= 0x1C5 && IN_RANGES(u_title, r); }

int fn_uisupper(uint32_t r)
{
    if (r < 0x80) return r >= 'A' && r <= 'Z';
    if (uistitle(r) || IN_RANGES(u_other_upper, r)) return 0;
    locale_t l = utf8_locale();
    return l ? iswupper_l((wint_t)r, l) != 0 : simple_case(r, 0) != r;
}

int fn_uislower(uint32_t r)
{
    if (r < 0x80) return r >= 'a' && r <= 'z';
    if (r == 0xDF) return 1;
    if (uistitle(r) || IN_RANGES(u_other_lower, r)) return 0;
    locale_t l = utf8_locale();
    return l ? iswlower_l((wint_t)r, l) != 0 : simple_case(r, 1) != r;
}

int fn_uisdigit(uint32_t r)
{
    if (r < 0x80) return r >= '0' && r <= '9';
    static const uint32_t z[] = {0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66,
                                 0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10};
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) if (r >= z[i] && r <= z[i] + 9) return 1;
    return 0;
}

/* unicode.IsNumber (Nd, Nl, No) for the common ranges */
static int uisnumber(uint32_t r)
{
    if (fn_uisdigit(r)) return 1;
    if (r == 0xB2 || r == 0xB3 || r == 0xB9 || (r >= 0xBC && r <= 0xBE)) return 1;
    return (r >= 0x2070 && r <= 0x2079 && r != 0x2071 && r != 0x2072 && r != 0x2073) ||
           (r >= 0x2080 && r <= 0x2089) || (r >= 0x2150 && r <= 0x2189) || (r >= 0x2460 && r <= 0x249B) ||
           (r >= 0x24EA && r <= 0x24FF) || (r >= 0x2776 && r <= 0x2793) || r == 0x3007 ||
           (r >= 0x3021 && r <= 0x3029);
}

/* Code points the C library calls alphabetic that are not letters (category
 * L) for Go's unicode.IsLetter: combining marks with the Alphabetic
 * property, digits, letter numbers, circled letters (sorted ranges). */
static const URange u_alpha_nonletter[] = {
    {0x345, 0x345}, {0x5B0, 0x5BD}, {0x5BF, 0x5BF}, {0x5C1, 0x5C2}, {0x5C4, 0x5C5}, {0x5C7, 0x5C7},
    {0x610, 0x61A}, {0x64B, 0x657}, {0x659, 0x669}, {0x670, 0x670}, {0x6D6, 0x6DC}, {0x6E1, 0x6E4},
    {0x6E7, 0x6E8}, {0x6ED, 0x6ED}, {0x6F0, 0x6F9}, {0x711, 0x711}, {0x730, 0x73F}, {0x7A6, 0x7B0},
    {0x7C0, 0x7C9}, {0x816, 0x817}, {0x81B, 0x823}, {0x825, 0x827}, {0x829, 0x82C}, {0x8D4, 0x8DF},
    {0x8E3, 0x8E9}, {0x8F0, 0x903}, {0x93A, 0x93B}, {0x93E, 0x94C}, {0x94E, 0x94F}, {0x955, 0x957},
    {0x962, 0x963}, {0x966, 0x96F}, {0x981, 0x983}, {0x9BE, 0x9C4}, {0x9C7, 0x9C8}, {0x9CB, 0x9CC},
    {0x9D7, 0x9D7}, {0x9E2, 0x9E3}, {0x9E6, 0x9EF}, {0xA01, 0xA03}, {0xA3E, 0xA42}, {0xA47, 0xA48},
    {0xA4B, 0xA4C}, {0xA51, 0xA51}, {0xA66, 0xA71}, {0xA75, 0xA75}, {0xA81, 0xA83}, {0xABE, 0xAC5},
    {0xAC7, 0xAC9}, {0xACB, 0xACC}, {0xAE2, 0xAE3}, {0xAE6, 0xAEF}, {0xAFA, 0xAFC}, {0xB01, 0xB03},
    {0xB3E, 0xB44}, {0xB47, 0xB48}, {0xB4B, 0xB4C}, {0xB56, 0xB57}, {0xB62, 0xB63}, {0xB66, 0xB6F},
    {0xB82, 0xB82}, {0xBBE, 0xBC2}, {0xBC6, 0xBC8}, {0xBCA, 0xBCC}, {0xBD7, 0xBD7}, {0xBE6, 0xBEF},
    {0xC00, 0xC03}, {0xC3E, 0xC44}, {0xC46, 0xC48}, {0xC4A, 0xC4C}, {0xC55, 0xC56}, {0xC62, 0xC63},
    {0xC66, 0xC6F}, {0xC81, 0xC83}, {0xCBE, 0xCC4}, {0xCC6, 0xCC8}, {0xCCA, 0xCCC}, {0xCD5, 0xCD6},
    {0xCE2, 0xCE3}, {0xCE6, 0xCEF}, {0xD00, 0xD03}, {0xD3E, 0xD44}, {0xD46, 0xD48}, {0xD4A, 0xD4C},
    {0xD57, 0xD57}, {0xD62, 0xD63}, {0xD66, 0xD6F}, {0xD81, 0xD83}, {0xDCF, 0xDD4}, {0xDD6, 0xDD6},
    {0xDD8, 0xDDF}, {0xDE6, 0xDEF}, {0xDF2, 0xDF3}, {0xE31, 0xE31}, {0xE34, 0xE3A}, {0xE4D, 0xE4D},
    {0xE50, 0xE59}, {0xEB1, 0xEB1}, {0xEB4, 0xEB9}, {0xEBB, 0xEBC}, {0xECD, 0xECD}, {0xED0, 0xED9},
    {0xF20, 0xF29}, {0xF71, 0xF81}, {0xF8D, 0xF97}, {0xF99, 0xFBC}, {0x102B, 0x1036},
    {0x1038, 0x1038}, {0x103B, 0x103E}, {0x1040, 0x1049}, {0x1056, 0x1059}, {0x105E, 0x1060},
    {0x1062, 0x1064}, {0x1067, 0x106D}, {0x1071, 0x1074}, {0x1082, 0x108D}, {0x108F, 0x109D},
    {0x16EE, 0x16F0}, {0x1712, 0x1713}, {0x1732, 0x1733}, {0x1752, 0x1753}, {0x1772, 0x1773},
    {0x17B6, 0x17C8}, {0x17E0, 0x17E9}, {0x1810, 0x1819}, {0x1885, 0x1886}, {0x18A9, 0x18A9},
    {0x1920, 0x192B}, {0x1930, 0x1938}, {0x1946, 0x194F}, {0x19D0, 0x19D9}, {0x1A17, 0x1A1B},
    {0x1A55, 0x1A5E}, {0x1A61, 0x1A74}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99}, {0x1ABF, 0x1AC0},
    {0x1ACC, 0x1ACE}, {0x1B00, 0x1B04}, {0x1B35, 0x1B43}, {0x1B50, 0x1B59}, {0x1B80, 0x1B82},
    {0x1BA1, 0x1BA9}, {0x1BAC, 0x1BAD}, {0x1BB0, 0x1BB9}, {0x1BE7, 0x1BF1}, {0x1C24, 0x1C36},
    {0x1C40, 0x1C49}, {0x1C50, 0x1C59}, {0x1DE7, 0x1DF4}, {0x2160, 0x2182}, {0x2185, 0x2188},
    {0x24B6, 0x24E9}, {0x2DE0, 0x2DFF}, {0x3007, 0x3007}, {0x3021, 0x3029}, {0x3038, 0x303A},
    {0xA620, 0xA629}, {0xA674, 0xA67B}, {0xA69E, 0xA69F}, {0xA6E6, 0xA6EF}, {0xA802, 0xA802},
    {0xA80B, 0xA80B}, {0xA823, 0xA827}, {0xA880, 0xA881}, {0xA8B4, 0xA8C3}, {0xA8C5, 0xA8C5},
    {0xA8D0, 0xA8D9}, {0xA8FF, 0xA909}, {0xA926, 0xA92A}, {0xA947, 0xA952}, {0xA980, 0xA983},
    {0xA9B4, 0xA9BF}, {0xA9D0, 0xA9D9}, {0xA9E5, 0xA9E5}, {0xA9F0, 0xA9F9}, {0xAA29, 0xAA36},
    {0xAA43, 0xAA43}, {0xAA4C, 0xAA4D}, {0xAA50, 0xAA59}, {0xAA7B, 0xAA7D}, {0xAAB0, 0xAAB0},
    {0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8}, {0xAABE, 0xAABE}, {0xAAEB, 0xAAEF}, {0xAAF5, 0xAAF5},
    {0xABE3, 0xABEA}, {0xABF0, 0xABF9}, {0xFB1E, 0xFB1E}, {0xFF10, 0xFF19}, {0x10140, 0x10174},
    {0x10341, 0x10341}, {0x1034A, 0x1034A}, {0x10376, 0x1037A}, {0x103D1, 0x103D5},
    {0x104A0, 0x104A9}, {0x10A01, 0x10A03}, {0x10A05, 0x10A06}, {0x10A0C, 0x10A0F},
    {0x10D24, 0x10D27}, {0x10D30, 0x10D39}, {0x10EAB, 0x10EAC}, {0x11000, 0x11002},
    {0x11038, 0x11045}, {0x11066, 0x1106F}, {0x11073, 0x11074}, {0x11082, 0x11082},
    {0x110B0, 0x110B8}, {0x110C2, 0x110C2}, {0x110F0, 0x110F9}, {0x11100, 0x11102},
    {0x11127, 0x11132}, {0x11136, 0x1113F}, {0x11145, 0x11146}, {0x11180, 0x11182},
    {0x111B3, 0x111BF}, {0x111CE, 0x111D9}, {0x1122C, 0x11234}, {0x11237, 0x11237},
    {0x1123E, 0x1123E}, {0x112DF, 0x112E8}, {0x112F0, 0x112F9}, {0x11300, 0x11303},
    {0x1133E, 0x11344}, {0x11347, 0x11348}, {0x1134B, 0x1134C}, {0x11357, 0x11357},
    {0x11362, 0x11363}, {0x11435, 0x11441}, {0x11443, 0x11445}, {0x11450, 0x11459},
    {0x114B0, 0x114C1}, {0x114D0, 0x114D9}, {0x115AF, 0x115B5}, {0x115B8, 0x115BE},
    {0x115DC, 0x115DD}, {0x11630, 0x1163E}, {0x11640, 0x11640}, {0x11650, 0x11659},
    {0x116AB, 0x116B5}, {0x116C0, 0x116C9}, {0x1171D, 0x1172A}, {0x11730, 0x11739},
    {0x1182C, 0x11838}, {0x118E0, 0x118E9}, {0x11930, 0x11935}, {0x11937, 0x11938},
    {0x1193B, 0x1193C}, {0x11940, 0x11940}, {0x11942, 0x11942}, {0x11950, 0x11959},
    {0x119D1, 0x119D7}, {0x119DA, 0x119DF}, {0x119E4, 0x119E4}, {0x11A01, 0x11A0A},
    {0x11A35, 0x11A39}, {0x11A3B, 0x11A3E}, {0x11A51, 0x11A5B}, {0x11A8A, 0x11A97},
    {0x11C2F, 0x11C36}, {0x11C38, 0x11C3E}, {0x11C50, 0x11C59}, {0x11C92, 0x11CA7},
    {0x11CA9, 0x11CB6}, {0x11D31, 0x11D36}, {0x11D3A, 0x11D3A}, {0x11D3C, 0x11D3D},
    {0x11D3F, 0x11D41}, {0x11D43, 0x11D43}, {0x11D47, 0x11D47}, {0x11D50, 0x11D59},
    {0x11D8A, 0x11D8E}, {0x11D90, 0x11D91}, {0x11D93, 0x11D96}, {0x11DA0, 0x11DA9},
    {0x11EF3, 0x11EF6}, {0x12400, 0x1246E}, {0x16A60, 0x16A69}, {0x16AC0, 0x16AC9},
    {0x16B50, 0x16B59}, {0x16F4F, 0x16F4F}, {0x16F51, 0x16F87}, {0x16F8F, 0x16F92},
    {0x16FF0, 0x16FF1}, {0x1BC9E, 0x1BC9E}, {0x1D7CE, 0x1D7FF}, {0x1E000, 0x1E006},
    {0x1E008, 0x1E018}, {0x1E01B, 0x1E021}, {0x1E023, 0x1E024}, {0x1E026, 0x1E02A},
    {0x1E140, 0x1E149}, {0x1E2F0, 0x1E2F9}, {0x1E947, 0x1E947}, {0x1E950, 0x1E959},
    {0x1F130, 0x1F149}, {0x1F150, 0x1F169}, {0x1F170, 0x1F189}, {0x1FBF0, 0x1FBF9},
};

static int in_sorted_ranges(const URange *t, size_t n, uint32_t r)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t m = (a + b) / 2;
        if (r < t[m].lo) b = m;
        else if (r > t[m].hi) a = m + 1;
        else return 1;
    }
    return 0;
}

int fn_uisletter(uint32_t r)
{
    if (r < 0x80) return (r | 32) >= 'a' && (r | 32) <= 'z';
    if (r == 0xAA || r == 0xB5 || r == 0xBA) return 1;
    if (r < 0xC0) return 0;
    if (uisnumber(r)) return 0;
    if (in_sorted_ranges(u_alpha_nonletter, sizeof u_alpha_nonletter / sizeof u_alpha_nonletter[0], r)) return 0;
    locale_t l = utf8_locale();
    if (l) return iswalpha_l((wint_t)r, l) != 0;
    return r != 0xD7 && r != 0xF7;
}

/* unicode.IsPunct (category P) */
static int uispunct(uint32_t r)
{
    if (r < 0x80) return r > 32 && r < 127 && !((r | 32) >= 'a' && (r | 32) <= 'z') && !(r >= '0' && r <= '9') &&
                         !strchr("$+<=>^`|~", (int)r);
    if (r < 0x100) return r == 0xA1 || r == 0xA7 || r == 0xAB || r == 0xB6 || r == 0xB7 || r == 0xBB || r == 0xBF;
    return (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x2043) || (r >= 0x2045 && r <= 0x2051) ||
           (r >= 0x2053 && r <= 0x205E) || (r >= 0x3001 && r <= 0x3003) || (r >= 0x3008 && r <= 0x3011) ||
           (r >= 0xFF01 && r <= 0xFF0F && r != 0xFF04 && r != 0xFF0B);
}

/* ---- small helpers --------------------------------------------------- */

static Value out(Buf *b)
{
    Value v = v_buf(b);
    buf_free(b);
    return v;
}

/* decode the whole string as []rune would (invalid bytes -> U+FFFD) */
static uint32_t *to_runes(const char *s, size_t n, size_t *count)
{
    uint32_t *r = cc_alloc((n + 1) * sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < n;) { i += (size_t)fn_utf8_decode(s + i, n - i, &r[k]); k++; }
    *count = k;
    return r;
}

static Value from_runes(const uint32_t *r, size_t k)
{
    Buf b = {0};
    buf_reserve(&b, k);
    for (size_t i = 0; i < k; i++) fn_utf8_put(&b, r[i]);
    return out(&b);
}

/* strings.Map with a rune mapping; pure ASCII input keeps invalid-free fast path */
static Value map_runes(Value s, uint32_t (*f)(uint32_t))
{
    Buf b = {0};
    buf_reserve(&b, s.n);
    for (size_t i = 0; i < s.n;) {
        uint32_t r;
        i += (size_t)fn_utf8_decode(s.u.s + i, s.n - i, &r);
        fn_utf8_put(&b, f(r));
    }
    return out(&b);
}

static int has_prefix(Value s, Value p) { return s.n >= p.n && memcmp(s.u.s, p.u.s, p.n) == 0; }
static int has_suffix(Value s, Value p) { return s.n >= p.n && memcmp(s.u.s + s.n - p.n, p.u.s, p.n) == 0; }

static const char *find(const char *h, size_t hn, const char *nd, size_t nn)
{
    if (!nn) return h;
    if (nn > hn) return NULL;
    return memmem(h, hn, nd, nn);
}

static Value sub(Value s, size_t a, size_t b) { return v_str(s.u.s + a, b - a); }

/* ---- simple string functions ----------------------------------------- */

Value fn_hello(Exec *x, int argc, Value *argv) { return v_cstr("Hello!"); }

Value fn_trim(Exec *x, int argc, Value *argv)
{
    Value s = argv[0];
    size_t a = 0, b = s.n;
    while (a < b) {
        uint32_t r;
        int k = fn_utf8_decode(s.u.s + a, b - a, &r);
        if (!fn_uisspace(r)) break;
        a += (size_t)k;
    }
    while (b > a) {
        size_t st = b - 1;
        while (st > a && ((unsigned char)s.u.s[st] & 0xC0) == 0x80 && b - st < 4) st--;
        uint32_t r;
        int k = fn_utf8_decode(s.u.s + st, b - st, &r);
        if ((size_t)k != b - st) { st = b - 1; r = RUNE_ERROR; }
        if (!fn_uisspace(r)) break;
        b = st;
    }
    return sub(s, a, b);
}

Value fn_upper(Exec *x, int argc, Value *argv) { return map_runes(argv[0], fn_utoupper); }
Value fn_lower(Exec *x, int argc, Value *argv) { return map_runes(argv[0], fn_utolower); }

/* strings.Title isSeparator */
static int title_sep(uint32_t r)
{
    if (r <= 0x7F) return !((r >= '0' && r <= '9') || ((r | 32) >= 'a' && (r | 32) <= 'z') || r == '_');
    if (fn_uisletter(r) || fn_uisdigit(r)) return 0;
    return fn_uisspace(r);
}

Value fn_title(Exec *x, int argc, Value *argv)
{
    Value s = argv[0];
    Buf b = {0};
    uint32_t prev = ' ';
    for (size_t i = 0; i < s.n;) {
        uint32_t r;
        i += (size_t)fn_utf8_decode(s.u.s + i, s.n - i, &r);
        fn_utf8_put(&b, title_sep(prev) ? utotitle(r) : r);
        prev = r;
    }
    return out(&b);
}

/* goutils Uncapitalize: lower-case the first rune of each space-separated word */
Value fn_untitle(Exec *x, int argc, Value *argv)
{
    size_t k;
    if (!argv[0].n) return argv[0];
    uint32_t *r = to_runes(argv[0].u.s, argv[0].n, &k);
    int next = 1;
    for (size_t i = 0; i < k; i++) {
        if (fn_uisspace(r[i])) next = 1;
        else if (next) { r[i] = fn_utolower(r[i]); next = 0; }
    }
    return from_runes(r, k);
}

/* goutils SwapCase */
Value fn_swapcase(Exec *x, int argc, Value *argv)
{
    size_t k;
    if (!argv[0].n) return argv[0];
    uint32_t *r = to_runes(argv[0].u.s, argv[0].n, &k);
    int ws = 1;
    for (size_t i = 0; i < k; i++) {
        uint32_t c = r[i];
        if (fn_uisupper(c) || uistitle(c)) { r[i] = fn_utolower(c); ws = 0; }
        else if (fn_uislower(c)) { r[i] = ws ? utotitle(c) : fn_utoupper(c); ws = 0; }
        else ws = fn_uisspace(c);
    }
    return from_runes(r, k);
}

/* substr: Go slicing with sprig's rules; out-of-range panics as Go does */
Value fn_substr(Exec *x, int argc, Value *argv)
{
    int64_t start = argv[0].u.i, end = argv[1].u.i;
    Value s = argv[2];
    int64_t n = s.n;
    if (start < 0) {
        if (end < 0) fn_error(x, "runtime error: slice bounds out of range [:%lld]", (long long)end);
        if (end > n) fn_error(x, "runtime error: slice bounds out of range [:%lld] with length %lld", (long long)end, (long long)n);
        return sub(s, 0, (size_t)end);
    }
    if (end < 0 || end > n) {
        if (start > n) fn_error(x, "runtime error: slice bounds out of range [%lld:%lld]", (long long)start, (long long)n);
        return sub(s, (size_t)start, (size_t)n);
    }
    if (start > end) fn_error(x, "runtime error: slice bounds out of range [%lld:%lld]", (long long)start, (long long)end);
    return sub(s, (size_t)start, (size_t)end);
}

Value fn_repeat(Exec *x, int argc, Value *argv)
{
    int64_t c = argv[0].u.i;
    Value s = argv[1];
    if (c < 0) fn_error(x, "strings: negative Repeat count");
    /* strings.Repeat: len*count past maxInt overflows; then Builder.Grow's makeslice */
    if (s.n && (uint64_t)c > (uint64_t)INT64_MAX / s.n) fn_error(x, "strings: Repeat output length overflow");
    if (c > 1 && !GO_MAKESLICE_OK(c * (int64_t)s.n, 1)) fn_error(x, "runtime error: makeslice: len out of range");
    v_check_strlen((uint64_t)c * s.n);
    Buf b = {0};
    buf_reserve(&b, (size_t)c * s.n);
    for (int64_t i = 0; i < c; i++) buf_put(&b, s.u.s, s.n);
    return out(&b);
}

static int in_cutset(Value cut, uint32_t r)
{
    for (size_t i = 0; i < cut.n;) {
        uint32_t c;
        i += (size_t)fn_utf8_decode(cut.u.s + i, cut.n - i, &c);
        if (c == r) return 1;
    }
    return 0;
}

/* strings.Trim(s, cutset) */
Value fn_trimall(Exec *x, int argc, Value *argv)
{
    Value cut = argv[0], s = argv[1];
    if (!s.n || !cut.n) return s;
    size_t a = 0, b = s.n;
    while (a < b) {
        uint32_t r;
        int k = fn_utf8_decode(s.u.s + a, b - a, &r);
        if (!in_cutset(cut, r)) break;
        a += (size_t)k;
    }
    while (b > a) {
        size_t st = b - 1;
        while (st > a && ((unsigned char)s.u.s[st] & 0xC0) == 0x80 && b - st < 4) st--;
        uint32_t r;
        int k = fn_utf8_decode(s.u.s + st, b - st, &r);
        if ((size_t)k != b - st) { st = b - 1; r = RUNE_ERROR; }
        if (!in_cutset(cut, r)) break;
        b = st;
    }
    return sub(s, a, b);
}

Value fn_trimprefix(Exec *x, int argc, Value *argv)
{
    Value p = argv[0], s = argv[1];
    return has_prefix(s, p) ? sub(s, p.n, s.n) : s;
}

Value fn_trimsuffix(Exec *x, int argc, Value *argv)
{
    Value p = argv[0], s = argv[1];
    return has_suffix(s, p) ? sub(s, 0, s.n - p.n) : s;
}

Value fn_contains(Exec *x, int argc, Value *argv) { return v_bool(find(argv[1].u.s, argv[1].n, argv[0].u.s, argv[0].n) != NULL); }
Value fn_hasprefix(Exec *x, int argc, Value *argv) { return v_bool(has_prefix(argv[1], argv[0])); }
Value fn_hassuffix(Exec *x, int argc, Value *argv) { return v_bool(has_suffix(argv[1], argv[0])); }

/* goutils works byte-wise here: each byte is taken as a rune */
static int byte_space(unsigned char c) { return fn_uisspace(c); }

Value fn_nospace(Exec *x, int argc, Value *argv)
{
    Value s = argv[0];
    size_t spaces = 0;
    for (size_t i = 0; i < s.n; i++) spaces += byte_space((unsigned char)s.u.s[i]);
    if (!spaces) return s;
    Buf b = {0};
    for (size_t i = 0; i < s.n; i++)
        if (!byte_space((unsigned char)s.u.s[i])) fn_utf8_put(&b, (unsigned char)s.u.s[i]);
    return out(&b);
}

Value fn_initials(Exec *x, int argc, Value *argv)
{
    Value s = argv[0];
    Buf b = {0};
    int gap = 1;
    for (size_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.u.s[i];
        if (byte_space(c)) gap = 1;
        else if (gap) { fn_utf8_put(&b, c); gap = 0; }
    }
    return out(&b);
}

/* pad + strings.Replace(s, "\n", "\n"+pad, -1), pad = n spaces, a line at a time */
static Value indent_with(Exec *x, const char *lead, size_t leadn, int64_t n, Value s)
{
    if (n < 0) fn_error(x, "strings: negative Repeat count");
    /* the pad's strings.Builder.Grow: makeslice refuses more than maxAlloc (2^48) */
    if (n > 1 && !GO_MAKESLICE_OK(n, 1)) fn_error(x, "runtime error: makeslice: len out of range");
    Buf b = {0};
    size_t lines = 1;
    for (const char *p = s.u.s, *e = s.u.s + s.n; (p = memchr(p, '\n', (size_t)(e - p))); p++) lines++;
    if ((uint64_t)n > (SIZE_MAX / 4 - s.n) / lines) cc_oom();   /* Go: out of memory as well */
    v_check_strlen(leadn + s.n + lines * (uint64_t)n);
    buf_reserve(&b, leadn + s.n + lines * (size_t)n);
    buf_put(&b, lead, leadn);
    const char *p = s.u.s, *e = s.u.s + s.n;
    for (;;) {
        size_t have = b.len;
        buf_reserve(&b, (size_t)n);
        memset(b.p + have, ' ', (size_t)n);
        b.len += (size_t)n;
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl + 1 : e;
        buf_put(&b, p, (size_t)(le - p));
        if (!nl) break;
        p = le;
    }
    return out(&b);
}

Value fn_indent(Exec *x, int argc, Value *argv) { return indent_with(x, "", 0, argv[0].u.i, argv[1]); }

Value fn_nindent(Exec *x, int argc, Value *argv) { return indent_with(x, "\n", 1, argv[0].u.i, argv[1]); }

/* strings.Replace(src, old, new, -1); empty old inserts around every rune */
Value fn_replace(Exec *x, int argc, Value *argv)
{
    Value old = argv[0], nw = argv[1], s = argv[2];
    Buf b = {0};
    if (!old.n) {
        buf_put(&b, nw.u.s, nw.n);
        for (size_t i = 0; i < s.n;) {
            uint32_t r;
            int k = fn_utf8_decode(s.u.s + i, s.n - i, &r);
            buf_put(&b, s.u.s + i, (size_t)k);
            buf_put(&b, nw.u.s, nw.n);
            i += (size_t)k;
        }
        return out(&b);
    }
    size_t i = 0;
    const char *p;
    while ((p = find(s.u.s + i, s.n - i, old.u.s, old.n))) {
        size_t at = (size_t)(p - s.u.s);
        buf_put(&b, s.u.s + i, at - i);
        buf_put(&b, nw.u.s, nw.n);
        i = at + old.n;
    }
    if (i == 0) { buf_free(&b); return s; }
    buf_put(&b, s.u.s + i, s.n - i);
    return out(&b);
}

Value fn_plural(Exec *x, int argc, Value *argv) { return argv[2].u.i == 1 ? argv[0] : argv[1]; }

Value fn_trunc(Exec *x, int argc, Value *argv)
{
    int64_t c = argv[0].u.i;
    Value s = argv[1];
    int64_t n = s.n;
    if (c < 0 && n + c > 0) return sub(s, (size_t)(n + c), (size_t)n);
    if (c >= 0 && n > c) return sub(s, 0, (size_t)c);
    return s;
}

/* goutils AbbreviateFull; returns 0 (and "") where goutils errors */
static Value abbreviate_full(Value s, int64_t off, int64_t w)
{
    int64_t n = s.n;
    if (!n) return s;
    if (w < 4) return v_cstr("");
    if (n <= w) return s;
    if (off > n) off = n;
    if (n - off < w - 3) off = n - (w - 3);
    Buf b = {0};
    if (off <= 4) {
        buf_put(&b, s.u.s, (size_t)(w - 3));
        buf_puts(&b, "...");
        return out(&b);
    }
    if (w < 7) return v_cstr("");
    if (off + w - 3 < n) {
        Value r = abbreviate_full(sub(s, (size_t)off, (size_t)n), 0, w - 3);
        buf_puts(&b, "...");
        buf_put(&b, r.u.s, r.n);
        return out(&b);
    }
    buf_puts(&b, "...");
    buf_put(&b, s.u.s + (n - (w - 3)), (size_t)(w - 3));
    return out(&b);
}

Value fn_abbrev(Exec *x, int argc, Value *argv)
{
    if (argv[0].u.i < 4) return argv[1];
    return abbreviate_full(argv[1], 0, argv[0].u.i);
}

Value fn_abbrevboth(Exec *x, int argc, Value *argv)
{
    int64_t l = argv[0].u.i, r = argv[1].u.i;
    if (r < 4 || (l > 0 && r < 7)) return argv[2];
    return abbreviate_full(argv[2], l, r);
}

/* goutils WrapCustom(str, width, sep, longWords) */
static Value wrap_custom(Value s, int64_t w, Value sep, int longwords)
{
    if (!s.n) return s;
    if (!sep.n) sep = v_cstr("\n");
    if (w < 1) w = 1;
    int64_t n = s.n, off = 0;
    const char *p = s.u.s;
    Buf b = {0};
    while (n - off > w) {
        if (p[off] == ' ') { off++; continue; }
        int64_t end = w + off + 1;
        if (end > n) end = n;
        int64_t sp = -1;
        for (int64_t i = end - 1; i >= off; i--) if (p[i] == ' ') { sp = i; break; }
        if (sp >= off) {
            buf_put(&b, p + off, (size_t)(sp - off));
            buf_put(&b, sep.u.s, sep.n);
            off = sp + 1;
        } else if (longwords) {
            buf_put(&b, p + off, (size_t)w);
            buf_put(&b, sep.u.s, sep.n);
            off += w;
        } else {
            int64_t e2 = w + off, idx = -1;
            for (int64_t i = e2; i < n; i++) if (p[i] == ' ') { idx = i; break; }
            if (idx < 0) {
                buf_put(&b, p + off, (size_t)(n - off));
                off = n;
            } else {
                buf_put(&b, p + off, (size_t)(idx - off));
                buf_put(&b, sep.u.s, sep.n);
                off = idx + 1;
            }
        }
    }
    buf_put(&b, p + off, (size_t)(n - off));
    return out(&b);
}

Value fn_wrap(Exec *x, int argc, Value *argv) { return wrap_custom(argv[1], argv[0].u.i, v_cstr(""), 0); }
Value fn_wrapwith(Exec *x, int argc, Value *argv) { return wrap_custom(argv[2], argv[0].u.i, argv[1], 1); }

/* ---- quoting and joining --------------------------------------------- */

/* quote, squote and cat: the non-nil arguments, each formatted, joined by
 * one space */
enum { JOIN_QUOTE, JOIN_SQUOTE, JOIN_PLAIN };
static Value join_non_nil(int argc, Value *argv, int how)
{
    Buf b = {0};
    int first = 1;
    for (int i = 0; i < argc; i++) {
        if (argv[i].t == VT_NIL) continue;
        if (!first) buf_putc(&b, ' ');
        first = 0;
        if (how == JOIN_QUOTE) {
            Value v = fn_str(argv[i]);
            go_quote(&b, v.u.s, v.n, 0);
        } else if (how == JOIN_SQUOTE) {
            buf_putc(&b, '\'');
            go_print(&b, argv[i]);
            buf_putc(&b, '\'');
        } else {
            go_print(&b, argv[i]);
        }
    }
    return out(&b);
}

Value fn_quote(Exec *x, int argc, Value *argv) { return join_non_nil(argc, argv, JOIN_QUOTE); }
Value fn_squote(Exec *x, int argc, Value *argv) { return join_non_nil(argc, argv, JOIN_SQUOTE); }
Value fn_cat(Exec *x, int argc, Value *argv) { return join_non_nil(argc, argv, JOIN_PLAIN); }

Value fn_tostrings(Exec *x, int argc, Value *argv);

Value fn_join(Exec *x, int argc, Value *argv)
{
    Value sep = argv[0];
    Value l = fn_tostrings(x, 1, &argv[1]);
    Buf b = {0};
    for (uint32_t i = 0; i < fn_slice_len(l); i++) {
        if (i) buf_put(&b, sep.u.s, sep.n);
        buf_put(&b, l.u.l->v[i].u.s, l.u.l->v[i].n);
    }
    return out(&b);
}

/* strings.SplitN(s, sep, n) into a list of substrings (n < 0: all) */
static List *split_n(Value s, Value sep, int64_t n)
{
    List *l = list_new(4);
    if (n == 0) return l;
    if (!sep.n) {
        /* explode into UTF-8 sequences, the last one keeps the rest */
        size_t i = 0;
        while (i < s.n) {
            if (n > 0 && (int64_t)l->len == n - 1) { list_push(l, sub(s, i, s.n)); return l; }
            uint32_t r;
            int k = fn_utf8_decode(s.u.s + i, s.n - i, &r);
            list_push(l, sub(s, i, i + (size_t)k));
            i += (size_t)k;
        }
        return l;
    }
    size_t i = 0;
    const char *p;
    while ((n < 0 || (int64_t)l->len < n - 1) && (p = find(s.u.s + i, s.n - i, sep.u.s, sep.n))) {
        size_t at = (size_t)(p - s.u.s);
        list_push(l, sub(s, i, at));
        i = at + sep.n;
    }
    list_push(l, sub(s, i, s.n));
    return l;
}

static Value parts_map(List *l)
{
    Map *m = map_new(l->len);
    for (uint32_t i = 0; i < l->len; i++) {
        char k[24];
        int kn = snprintf(k, sizeof k, "_%u", i);
        map_set(m, k, (size_t)kn, l->v[i]);
    }
    Value r = v_map(m);
    r.g = GT_STRMAP;
    return r;
}

Value fn_splitlist(Exec *x, int argc, Value *argv)
{
    Value r = v_list(split_n(argv[1], argv[0], -1));
    r.g = GT_STRSLICE;
    return r;
}

Value fn_split(Exec *x, int argc, Value *argv) { return parts_map(split_n(argv[1], argv[0], -1)); }
Value fn_splitn(Exec *x, int argc, Value *argv) { return parts_map(split_n(argv[2], argv[0], argv[1].u.i)); }

/* ---- xstrings case conversions --------------------------------------- */

static int xs_connector(uint32_t r) { return r == '-' || r == '_' || fn_uisspace(r); }

/* xstrings isAlphabet: a letter that is not CJK */
static int xs_alpha(uint32_t r)
{
    if (!fn_uisletter(r)) return 0;
    if (r < 0x3400) return 1;
    if ((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) || (r >= 0x20000 && r <= 0x2B81D)) return 0;
    return 1;
}

/* ToPascalCase (xstrings v1.5.0 toCamelCase, isBig): connectors (- _ space)
 * removed, the rune after them and the first rune upper-cased; runs of
 * connectors keep all but the last; a word that starts upper-case has the
 * upper-case run after its first rune lowered (FOO_BAR -> FooBar). */
Value fn_camelcase(Exec *x, int argc, Value *argv)
{
    Value s = argv[0];
    if (!s.n) return s;
    size_t k;
    uint32_t *r = to_runes(s.u.s, s.n, &k);
    Buf b = {0};
    size_t i = 0;
    uint32_t r0 = 0;
    int up_word = 0;
    while (i < k) {
        r0 = r[i++];
        if (!xs_connector(r0)) { up_word = fn_uisupper(r0); r0 = fn_utoupper(r0); break; }
        fn_utf8_put(&b, r0);
    }
    if (i == k) {
        fn_utf8_put(&b, r0);   /* xstrings writes the last rune again here */
        return out(&b);
    }
    for (; i < k; i++) {
        uint32_t r1 = r0;
        r0 = r[i];
        if (xs_connector(r0) && xs_connector(r1)) { fn_utf8_put(&b, r1); continue; }
        if (xs_connector(r1)) {
            up_word = fn_uisupper(r0);
            r0 = fn_utoupper(r0);
        } else {
            if (up_word) {
                if (fn_uisupper(r0)) r0 = fn_utolower(r0);
                else up_word = 0;
            }
            fn_utf8_put(&b, r1);
        }
    }
    fn_utf8_put(&b, r0);
    return out(&b);
}

enum { W_INVALID, W_NUMBER, W_UPPER, W_ALPHA, W_CONNECTOR, W_PUNCT, W_OTHER };

typedef struct { const char *s; size_t n; } Str;

/* xstrings nextValidRune: skip invalid bytes, counting them in size */
static uint32_t next_valid(Str s, uint32_t prev, size_t *size)
{
    *size = 0;
    while (s.n) {
        uint32_t r;
        int k = fn_utf8_decode(s.s, s.n, &r);
        *size += (size_t)k;
        if (r != RUNE_ERROR) return r;
        s.s += k; s.n -= (size_t)k;
    }
    return prev;
}

static int next_word(Str str, Str *word, Str *rem)
{
    int wt = W_INVALID;
    *word = (Str){str.s, 0};
    *rem = (Str){str.s + str.n, 0};
    if (!str.n) return W_INVALID;
    size_t off = 0, size;
    Str re = str;
    uint32_t r = next_valid(re, RUNE_ERROR, &size);
    off += size;
    if (r == RUNE_ERROR) {
        *word = (Str){str.s, off};
        *rem = (Str){str.s + off, str.n - off};
        return W_INVALID;
    }
#define ADV() (re.s += size, re.n -= size)
    if (xs_connector(r)) {
        wt = W_CONNECTOR; ADV();
        while (re.n) { r = next_valid(re, r, &size); if (!xs_connector(r)) break; off += size; ADV(); }
    } else if (uispunct(r)) {
        wt = W_PUNCT; ADV();
        while (re.n) { r = next_valid(re, r, &size); if (!uispunct(r)) break; off += size; ADV(); }
    } else if (fn_uisupper(r)) {
        wt = W_UPPER; ADV();
        if (re.n) {
            r = next_valid(re, r, &size);
            if (fn_uisupper(r)) {
                size_t prevsize = size;
                off += size; ADV();
                while (re.n) {
                    r = next_valid(re, r, &size);
                    if (!fn_uisupper(r)) break;
                    prevsize = size; off += size; ADV();
                }
                if (re.n && xs_alpha(r)) {
                    off -= prevsize;
                    re = (Str){str.s + off, str.n - off};
                }
            } else if (xs_alpha(r)) {
                off += size; ADV();
                while (re.n) {
                    r = next_valid(re, r, &size);
                    if (!xs_alpha(r) || fn_uisupper(r)) break;
                    off += size; ADV();
                }
            }
        }
    } else if (xs_alpha(r)) {
        wt = W_ALPHA; ADV();
        while (re.n) {
            r = next_valid(re, r, &size);
            if (!xs_alpha(r) || fn_uisupper(r)) break;
            off += size; ADV();
        }
    } else if (uisnumber(r)) {
        wt = W_NUMBER; ADV();
        while (re.n) { r = next_valid(re, r, &size); if (!uisnumber(r)) break; off += size; ADV(); }
    } else {
        wt = W_OTHER; ADV();
        while (re.n) {
            r = next_valid(re, r, &size);
            if (size == 0 || xs_connector(r) || xs_alpha(r) || uisnumber(r) || uispunct(r)) break;
            off += size; ADV();
        }
    }
#undef ADV
    *word = (Str){str.s, off};
    *rem = re;
    return wt;
}

static void xs_lower(Buf *b, int wt, Str w, uint32_t conn)
{
    if (wt != W_UPPER && wt != W_CONNECTOR) { buf_put(b, w.s, w.n); return; }
    for (size_t i = 0; i < w.n;) {
        uint32_t r;
        i += (size_t)fn_utf8_decode(w.s + i, w.n - i, &r);
        if (xs_connector(r)) fn_utf8_put(b, conn);
        else if (fn_uisupper(r)) fn_utf8_put(b, fn_utolower(r));
        else fn_utf8_put(b, r);
    }
}

/* xstrings camelCaseToLowerCase */
static Value camel_to_lower(Value s, uint32_t conn)
{
    if (!s.n) return s;
    Buf b = {0};
    Str word, rem;
    int wt = next_word((Str){s.u.s, s.n}, &word, &rem);
    while (rem.n) {
        if (wt != W_CONNECTOR) xs_lower(&b, wt, word, conn);
        int prev = wt;
        Str last = word;
        wt = next_word(rem, &word, &rem);
        switch (prev) {
        case W_NUMBER:
            while (wt == W_ALPHA || wt == W_NUMBER) {
                xs_lower(&b, wt, word, conn);
                wt = next_word(rem, &word, &rem);
            }
            if (wt != W_INVALID && wt != W_PUNCT && wt != W_CONNECTOR) fn_utf8_put(&b, conn);
            break;
        case W_CONNECTOR:
            xs_lower(&b, prev, last, conn);
            break;
        case W_PUNCT:
            break;
        default:
            if (wt != W_NUMBER) {
                if (wt != W_CONNECTOR && wt != W_PUNCT) fn_utf8_put(&b, conn);
                break;
            }
            if (!rem.n) break;
            last = word;
            wt = next_word(rem, &word, &rem);
            if (wt != W_ALPHA) {
                xs_lower(&b, W_NUMBER, last, conn);
                if (wt != W_CONNECTOR && wt != W_PUNCT) fn_utf8_put(&b, conn);
                break;
            }
            fn_utf8_put(&b, conn);
            xs_lower(&b, W_NUMBER, last, conn);
            while (wt == W_ALPHA || wt == W_NUMBER) {
                xs_lower(&b, wt, word, conn);
                wt = next_word(rem, &word, &rem);
            }
            if (wt != W_INVALID && wt != W_CONNECTOR && wt != W_PUNCT) fn_utf8_put(&b, conn);
        }
    }
    xs_lower(&b, wt, word, conn);
    return out(&b);
}

Value fn_snakecase(Exec *x, int argc, Value *argv) { return camel_to_lower(argv[0], '_'); }
Value fn_kebabcase(Exec *x, int argc, Value *argv) { return camel_to_lower(argv[0], '-'); }
