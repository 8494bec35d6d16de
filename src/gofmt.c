/*
 * gofmt.c - Go's fmt and strconv as templates see them: %v printing of every
 * Value kind, fmt.Sprintf with all verbs/flags/width/precision/arg indexes,
 * strconv.FormatFloat, Quote and Unquote, and sprig's strval.
 * Mirrors go src/fmt/print.go, src/fmt/format.go, src/strconv/ftoa.go,
 * src/strconv/quote.go, src/unicode/utf8/utf8.go.
 */
#include "chartc/gofmt.h"
#include "chartc/gostd.h"
#include "chartc/func.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 and unicode.IsPrint ------------------------------------- */

/* Ranges of code points for which Go's strconv.IsPrint is true: Unicode
 * categories L, M, N, P, S plus U+0020 (generated from the Unicode
 * character database). */
static const uint32_t print_ranges[][2] = {
    {0x20,0x7E},{0xA1,0xAC},{0xAE,0x377},{0x37A,0x37F},{0x384,0x38A},{0x38C,0x38C},{0x38E,0x3A1},
    {0x3A3,0x52F},{0x531,0x556},{0x559,0x58A},{0x58D,0x58F},{0x591,0x5C7},{0x5D0,0x5EA},{0x5EF,0x5F4},
    {0x606,0x61B},{0x61D,0x6DC},{0x6DE,0x70D},{0x710,0x74A},{0x74D,0x7B1},{0x7C0,0x7FA},{0x7FD,0x82D},
    {0x830,0x83E},{0x840,0x85B},{0x85E,0x85E},{0x860,0x86A},{0x870,0x88E},{0x898,0x8E1},{0x8E3,0x983},
    {0x985,0x98C},{0x98F,0x990},{0x993,0x9A8},{0x9AA,0x9B0},{0x9B2,0x9B2},{0x9B6,0x9B9},{0x9BC,0x9C4},
    {0x9C7,0x9C8},{0x9CB,0x9CE},{0x9D7,0x9D7},{0x9DC,0x9DD},{0x9DF,0x9E3},{0x9E6,0x9FE},{0xA01,0xA03},
    {0xA05,0xA0A},{0xA0F,0xA10},{0xA13,0xA28},{0xA2A,0xA30},{0xA32,0xA33},{0xA35,0xA36},{0xA38,0xA39},
    {0xA3C,0xA3C},{0xA3E,0xA42},{0xA47,0xA48},{0xA4B,0xA4D},{0xA51,0xA51},{0xA59,0xA5C},{0xA5E,0xA5E},
    {0xA66,0xA76},{0xA81,0xA83},{0xA85,0xA8D},{0xA8F,0xA91},{0xA93,0xAA8},{0xAAA,0xAB0},{0xAB2,0xAB3},
    {0xAB5,0xAB9},{0xABC,0xAC5},{0xAC7,0xAC9},{0xACB,0xACD},{0xAD0,0xAD0},{0xAE0,0xAE3},{0xAE6,0xAF1},
    {0xAF9,0xAFF},{0xB01,0xB03},{0xB05,0xB0C},{0xB0F,0xB10},{0xB13,0xB28},{0xB2A,0xB30},{0xB32,0xB33},
    {0xB35,0xB39},{0xB3C,0xB44},{0xB47,0xB48},{0xB4B,0xB4D},{0xB55,0xB57},{0xB5C,0xB5D},{0xB5F,0xB63},
    {0xB66,0xB77},{0xB82,0xB83},{0xB85,0xB8A},{0xB8E,0xB90},{0xB92,0xB95},{0xB99,0xB9A},{0xB9C,0xB9C},
    {0xB9E,0xB9F},{0xBA3,0xBA4},{0xBA8,0xBAA},{0xBAE,0xBB9},{0xBBE,0xBC2},{0xBC6,0xBC8},{0xBCA,0xBCD},
    {0xBD0,0xBD0},{0xBD7,0xBD7},{0xBE6,0xBFA},{0xC00,0xC0C},{0xC0E,0xC10},{0xC12,0xC28},{0xC2A,0xC39},
    {0xC3C,0xC44},{0xC46,0xC48},{0xC4A,0xC4D},{0xC55,0xC56},{0xC58,0xC5A},{0xC5D,0xC5D},{0xC60,0xC63},
    {0xC66,0xC6F},{0xC77,0xC8C},{0xC8E,0xC90},{0xC92,0xCA8},{0xCAA,0xCB3},{0xCB5,0xCB9},{0xCBC,0xCC4},
    {0xCC6,0xCC8},{0xCCA,0xCCD},{0xCD5,0xCD6},{0xCDD,0xCDE},{0xCE0,0xCE3},{0xCE6,0xCEF},{0xCF1,0xCF2},
    {0xD00,0xD0C},{0xD0E,0xD10},{0xD12,0xD44},{0xD46,0xD48},{0xD4A,0xD4F},{0xD54,0xD63},{0xD66,0xD7F},
    {0xD81,0xD83},{0xD85,0xD96},{0xD9A,0xDB1},{0xDB3,0xDBB},{0xDBD,0xDBD},{0xDC0,0xDC6},{0xDCA,0xDCA},
    {0xDCF,0xDD4},{0xDD6,0xDD6},{0xDD8,0xDDF},{0xDE6,0xDEF},{0xDF2,0xDF4},{0xE01,0xE3A},{0xE3F,0xE5B},
    {0xE81,0xE82},{0xE84,0xE84},{0xE86,0xE8A},{0xE8C,0xEA3},{0xEA5,0xEA5},{0xEA7,0xEBD},{0xEC0,0xEC4},
    {0xEC6,0xEC6},{0xEC8,0xECD},{0xED0,0xED9},{0xEDC,0xEDF},{0xF00,0xF47},{0xF49,0xF6C},{0xF71,0xF97},
    {0xF99,0xFBC},{0xFBE,0xFCC},{0xFCE,0xFDA},{0x1000,0x10C5},{0x10C7,0x10C7},{0x10CD,0x10CD},
    {0x10D0,0x1248},{0x124A,0x124D},{0x1250,0x1256},{0x1258,0x1258},{0x125A,0x125D},{0x1260,0x1288},
    {0x128A,0x128D},{0x1290,0x12B0},{0x12B2,0x12B5},{0x12B8,0x12BE},{0x12C0,0x12C0},{0x12C2,0x12C5},
    {0x12C8,0x12D6},{0x12D8,0x1310},{0x1312,0x1315},{0x1318,0x135A},{0x135D,0x137C},{0x1380,0x1399},
    {0x13A0,0x13F5},{0x13F8,0x13FD},{0x1400,0x167F},{0x1681,0x169C},{0x16A0,0x16F8},{0x1700,0x1715},
    {0x171F,0x1736},{0x1740,0x1753},{0x1760,0x176C},{0x176E,0x1770},{0x1772,0x1773},{0x1780,0x17DD},
    {0x17E0,0x17E9},{0x17F0,0x17F9},{0x1800,0x180D},{0x180F,0x1819},{0x1820,0x1878},{0x1880,0x18AA},
    {0x18B0,0x18F5},{0x1900,0x191E},{0x1920,0x192B},{0x1930,0x193B},{0x1940,0x1940},{0x1944,0x196D},
    {0x1970,0x1974},{0x1980,0x19AB},{0x19B0,0x19C9},{0x19D0,0x19DA},{0x19DE,0x1A1B},{0x1A1E,0x1A5E},
    {0x1A60,0x1A7C},{0x1A7F,0x1A89},{0x1A90,0x1A99},{0x1AA0,0x1AAD},{0x1AB0,0x1ACE},{0x1B00,0x1B4C},
    {0x1B50,0x1B7E},{0x1B80,0x1BF3},{0x1BFC,0x1C37},{0x1C3B,0x1C49},{0x1C4D,0x1C88},{0x1C90,0x1CBA},
    {0x1CBD,0x1CC7},{0x1CD0,0x1CFA},{0x1D00,0x1F15},{0x1F18,0x1F1D},{0x1F20,0x1F45},{0x1F48,0x1F4D},
    {0x1F50,0x1F57},{0x1F59,0x1F59},{0x1F5B,0x1F5B},{0x1F5D,0x1F5D},{0x1F5F,0x1F7D},{0x1F80,0x1FB4},
    {0x1FB6,0x1FC4},{0x1FC6,0x1FD3},{0x1FD6,0x1FDB},{0x1FDD,0x1FEF},{0x1FF2,0x1FF4},{0x1FF6,0x1FFE},
    {0x2010,0x2027},{0x2030,0x205E},{0x2070,0x2071},{0x2074,0x208E},{0x2090,0x209C},{0x20A0,0x20C0},
    {0x20D0,0x20F0},{0x2100,0x218B},{0x2190,0x2426},{0x2440,0x244A},{0x2460,0x2B73},{0x2B76,0x2B95},
    {0x2B97,0x2CF3},{0x2CF9,0x2D25},{0x2D27,0x2D27},{0x2D2D,0x2D2D},{0x2D30,0x2D67},{0x2D6F,0x2D70},
    {0x2D7F,0x2D96},{0x2DA0,0x2DA6},{0x2DA8,0x2DAE},{0x2DB0,0x2DB6},{0x2DB8,0x2DBE},{0x2DC0,0x2DC6},
    {0x2DC8,0x2DCE},{0x2DD0,0x2DD6},{0x2DD8,0x2DDE},{0x2DE0,0x2E5D},{0x2E80,0x2E99},{0x2E9B,0x2EF3},
    {0x2F00,0x2FD5},{0x2FF0,0x2FFB},{0x3001,0x303F},{0x3041,0x3096},{0x3099,0x30FF},{0x3105,0x312F},
    {0x3131,0x318E},{0x3190,0x31E3},{0x31F0,0x321E},{0x3220,0xA48C},{0xA490,0xA4C6},{0xA4D0,0xA62B},
    {0xA640,0xA6F7},{0xA700,0xA7CA},{0xA7D0,0xA7D1},{0xA7D3,0xA7D3},{0xA7D5,0xA7D9},{0xA7F2,0xA82C},
    {0xA830,0xA839},{0xA840,0xA877},{0xA880,0xA8C5},{0xA8CE,0xA8D9},{0xA8E0,0xA953},{0xA95F,0xA97C},
    {0xA980,0xA9CD},{0xA9CF,0xA9D9},{0xA9DE,0xA9FE},{0xAA00,0xAA36},{0xAA40,0xAA4D},{0xAA50,0xAA59},
    {0xAA5C,0xAAC2},{0xAADB,0xAAF6},{0xAB01,0xAB06},{0xAB09,0xAB0E},{0xAB11,0xAB16},{0xAB20,0xAB26},
    {0xAB28,0xAB2E},{0xAB30,0xAB6B},{0xAB70,0xABED},{0xABF0,0xABF9},{0xAC00,0xD7A3},{0xD7B0,0xD7C6},
    {0xD7CB,0xD7FB},{0xF900,0xFA6D},{0xFA70,0xFAD9},{0xFB00,0xFB06},{0xFB13,0xFB17},{0xFB1D,0xFB36},
    {0xFB38,0xFB3C},{0xFB3E,0xFB3E},{0xFB40,0xFB41},{0xFB43,0xFB44},{0xFB46,0xFBC2},{0xFBD3,0xFD8F},
    {0xFD92,0xFDC7},{0xFDCF,0xFDCF},{0xFDF0,0xFE19},{0xFE20,0xFE52},{0xFE54,0xFE66},{0xFE68,0xFE6B},
    {0xFE70,0xFE74},{0xFE76,0xFEFC},{0xFF01,0xFFBE},{0xFFC2,0xFFC7},{0xFFCA,0xFFCF},{0xFFD2,0xFFD7},
    {0xFFDA,0xFFDC},{0xFFE0,0xFFE6},{0xFFE8,0xFFEE},{0xFFFC,0xFFFD},{0x10000,0x1000B},{0x1000D,0x10026},
    {0x10028,0x1003A},{0x1003C,0x1003D},{0x1003F,0x1004D},{0x10050,0x1005D},{0x10080,0x100FA},
    {0x10100,0x10102},{0x10107,0x10133},{0x10137,0x1018E},{0x10190,0x1019C},{0x101A0,0x101A0},
    {0x101D0,0x101FD},{0x10280,0x1029C},{0x102A0,0x102D0},{0x102E0,0x102FB},{0x10300,0x10323},
    {0x1032D,0x1034A},{0x10350,0x1037A},{0x10380,0x1039D},{0x1039F,0x103C3},{0x103C8,0x103D5},
    {0x10400,0x1049D},{0x104A0,0x104A9},{0x104B0,0x104D3},{0x104D8,0x104FB},{0x10500,0x10527},
    {0x10530,0x10563},{0x1056F,0x1057A},{0x1057C,0x1058A},{0x1058C,0x10592},{0x10594,0x10595},
    {0x10597,0x105A1},{0x105A3,0x105B1},{0x105B3,0x105B9},{0x105BB,0x105BC},{0x10600,0x10736},
    {0x10740,0x10755},{0x10760,0x10767},{0x10780,0x10785},{0x10787,0x107B0},{0x107B2,0x107BA},
    {0x10800,0x10805},{0x10808,0x10808},{0x1080A,0x10835},{0x10837,0x10838},{0x1083C,0x1083C},
    {0x1083F,0x10855},{0x10857,0x1089E},{0x108A7,0x108AF},{0x108E0,0x108F2},{0x108F4,0x108F5},
    {0x108FB,0x1091B},{0x1091F,0x10939},{0x1093F,0x1093F},{0x10980,0x109B7},{0x109BC,0x109CF},
    {0x109D2,0x10A03},{0x10A05,0x10A06},{0x10A0C,0x10A13},{0x10A15,0x10A17},{0x10A19,0x10A35},
    {0x10A38,0x10A3A},{0x10A3F,0x10A48},{0x10A50,0x10A58},{0x10A60,0x10A9F},{0x10AC0,0x10AE6},
    {0x10AEB,0x10AF6},{0x10B00,0x10B35},{0x10B39,0x10B55},{0x10B58,0x10B72},{0x10B78,0x10B91},
    {0x10B99,0x10B9C},{0x10BA9,0x10BAF},{0x10C00,0x10C48},{0x10C80,0x10CB2},{0x10CC0,0x10CF2},
    {0x10CFA,0x10D27},{0x10D30,0x10D39},{0x10E60,0x10E7E},{0x10E80,0x10EA9},{0x10EAB,0x10EAD},
    {0x10EB0,0x10EB1},{0x10F00,0x10F27},{0x10F30,0x10F59},{0x10F70,0x10F89},{0x10FB0,0x10FCB},
    {0x10FE0,0x10FF6},{0x11000,0x1104D},{0x11052,0x11075},{0x1107F,0x110BC},{0x110BE,0x110C2},
    {0x110D0,0x110E8},{0x110F0,0x110F9},{0x11100,0x11134},{0x11136,0x11147},{0x11150,0x11176},
    {0x11180,0x111DF},{0x111E1,0x111F4},{0x11200,0x11211},{0x11213,0x1123E},{0x11280,0x11286},
    {0x11288,0x11288},{0x1128A,0x1128D},{0x1128F,0x1129D},{0x1129F,0x112A9},{0x112B0,0x112EA},
    {0x112F0,0x112F9},{0x11300,0x11303},{0x11305,0x1130C},{0x1130F,0x11310},{0x11313,0x11328},
    {0x1132A,0x11330},{0x11332,0x11333},{0x11335,0x11339},{0x1133B,0x11344},{0x11347,0x11348},
    {0x1134B,0x1134D},{0x11350,0x11350},{0x11357,0x11357},{0x1135D,0x11363},{0x11366,0x1136C},
    {0x11370,0x11374},{0x11400,0x1145B},{0x1145D,0x11461},{0x11480,0x114C7},{0x114D0,0x114D9},
    {0x11580,0x115B5},{0x115B8,0x115DD},{0x11600,0x11644},{0x11650,0x11659},{0x11660,0x1166C},
    {0x11680,0x116B9},{0x116C0,0x116C9},{0x11700,0x1171A},{0x1171D,0x1172B},{0x11730,0x11746},
    {0x11800,0x1183B},{0x118A0,0x118F2},{0x118FF,0x11906},{0x11909,0x11909},{0x1190C,0x11913},
    {0x11915,0x11916},{0x11918,0x11935},{0x11937,0x11938},{0x1193B,0x11946},{0x11950,0x11959},
    {0x119A0,0x119A7},{0x119AA,0x119D7},{0x119DA,0x119E4},{0x11A00,0x11A47},{0x11A50,0x11AA2},
    {0x11AB0,0x11AF8},{0x11C00,0x11C08},{0x11C0A,0x11C36},{0x11C38,0x11C45},{0x11C50,0x11C6C},
    {0x11C70,0x11C8F},{0x11C92,0x11CA7},{0x11CA9,0x11CB6},{0x11D00,0x11D06},{0x11D08,0x11D09},
    {0x11D0B,0x11D36},{0x11D3A,0x11D3A},{0x11D3C,0x11D3D},{0x11D3F,0x11D47},{0x11D50,0x11D59},
    {0x11D60,0x11D65},{0x11D67,0x11D68},{0x11D6A,0x11D8E},{0x11D90,0x11D91},{0x11D93,0x11D98},
    {0x11DA0,0x11DA9},{0x11EE0,0x11EF8},{0x11FB0,0x11FB0},{0x11FC0,0x11FF1},{0x11FFF,0x12399},
    {0x12400,0x1246E},{0x12470,0x12474},{0x12480,0x12543},{0x12F90,0x12FF2},{0x13000,0x1342E},
    {0x14400,0x14646},{0x16800,0x16A38},{0x16A40,0x16A5E},{0x16A60,0x16A69},{0x16A6E,0x16ABE},
    {0x16AC0,0x16AC9},{0x16AD0,0x16AED},{0x16AF0,0x16AF5},{0x16B00,0x16B45},{0x16B50,0x16B59},
    {0x16B5B,0x16B61},{0x16B63,0x16B77},{0x16B7D,0x16B8F},{0x16E40,0x16E9A},{0x16F00,0x16F4A},
    {0x16F4F,0x16F87},{0x16F8F,0x16F9F},{0x16FE0,0x16FE4},{0x16FF0,0x16FF1},{0x17000,0x187F7},
    {0x18800,0x18CD5},{0x18D00,0x18D08},{0x1AFF0,0x1AFF3},{0x1AFF5,0x1AFFB},{0x1AFFD,0x1AFFE},
    {0x1B000,0x1B122},{0x1B150,0x1B152},{0x1B164,0x1B167},{0x1B170,0x1B2FB},{0x1BC00,0x1BC6A},
    {0x1BC70,0x1BC7C},{0x1BC80,0x1BC88},{0x1BC90,0x1BC99},{0x1BC9C,0x1BC9F},{0x1CF00,0x1CF2D},
    {0x1CF30,0x1CF46},{0x1CF50,0x1CFC3},{0x1D000,0x1D0F5},{0x1D100,0x1D126},{0x1D129,0x1D172},
    {0x1D17B,0x1D1EA},{0x1D200,0x1D245},{0x1D2E0,0x1D2F3},{0x1D300,0x1D356},{0x1D360,0x1D378},
    {0x1D400,0x1D454},{0x1D456,0x1D49C},{0x1D49E,0x1D49F},{0x1D4A2,0x1D4A2},{0x1D4A5,0x1D4A6},
    {0x1D4A9,0x1D4AC},{0x1D4AE,0x1D4B9},{0x1D4BB,0x1D4BB},{0x1D4BD,0x1D4C3},{0x1D4C5,0x1D505},
    {0x1D507,0x1D50A},{0x1D50D,0x1D514},{0x1D516,0x1D51C},{0x1D51E,0x1D539},{0x1D53B,0x1D53E},
    {0x1D540,0x1D544},{0x1D546,0x1D546},{0x1D54A,0x1D550},{0x1D552,0x1D6A5},{0x1D6A8,0x1D7CB},
    {0x1D7CE,0x1DA8B},{0x1DA9B,0x1DA9F},{0x1DAA1,0x1DAAF},{0x1DF00,0x1DF1E},{0x1E000,0x1E006},
    {0x1E008,0x1E018},{0x1E01B,0x1E021},{0x1E023,0x1E024},{0x1E026,0x1E02A},{0x1E100,0x1E12C},
    {0x1E130,0x1E13D},{0x1E140,0x1E149},{0x1E14E,0x1E14F},{0x1E290,0x1E2AE},{0x1E2C0,0x1E2F9},
    {0x1E2FF,0x1E2FF},{0x1E7E0,0x1E7E6},{0x1E7E8,0x1E7EB},{0x1E7ED,0x1E7EE},{0x1E7F0,0x1E7FE},
    {0x1E800,0x1E8C4},{0x1E8C7,0x1E8D6},{0x1E900,0x1E94B},{0x1E950,0x1E959},{0x1E95E,0x1E95F},
    {0x1EC71,0x1ECB4},{0x1ED01,0x1ED3D},{0x1EE00,0x1EE03},{0x1EE05,0x1EE1F},{0x1EE21,0x1EE22},
    {0x1EE24,0x1EE24},{0x1EE27,0x1EE27},{0x1EE29,0x1EE32},{0x1EE34,0x1EE37},{0x1EE39,0x1EE39},
    {0x1EE3B,0x1EE3B},{0x1EE42,0x1EE42},{0x1EE47,0x1EE47},{0x1EE49,0x1EE49},{0x1EE4B,0x1EE4B},
    {0x1EE4D,0x1EE4F},{0x1EE51,0x1EE52},{0x1EE54,0x1EE54},{0x1EE57,0x1EE57},{0x1EE59,0x1EE59},
    {0x1EE5B,0x1EE5B},{0x1EE5D,0x1EE5D},{0x1EE5F,0x1EE5F},{0x1EE61,0x1EE62},{0x1EE64,0x1EE64},
    {0x1EE67,0x1EE6A},{0x1EE6C,0x1EE72},{0x1EE74,0x1EE77},{0x1EE79,0x1EE7C},{0x1EE7E,0x1EE7E},
    {0x1EE80,0x1EE89},{0x1EE8B,0x1EE9B},{0x1EEA1,0x1EEA3},{0x1EEA5,0x1EEA9},{0x1EEAB,0x1EEBB},
    {0x1EEF0,0x1EEF1},{0x1F000,0x1F02B},{0x1F030,0x1F093},{0x1F0A0,0x1F0AE},{0x1F0B1,0x1F0BF},
    {0x1F0C1,0x1F0CF},{0x1F0D1,0x1F0F5},{0x1F100,0x1F1AD},{0x1F1E6,0x1F202},{0x1F210,0x1F23B},
    {0x1F240,0x1F248},{0x1F250,0x1F251},{0x1F260,0x1F265},{0x1F300,0x1F6D7},{0x1F6DD,0x1F6EC},
    {0x1F6F0,0x1F6FC},{0x1F700,0x1F773},{0x1F780,0x1F7D8},{0x1F7E0,0x1F7EB},{0x1F7F0,0x1F7F0},
    {0x1F800,0x1F80B},{0x1F810,0x1F847},{0x1F850,0x1F859},{0x1F860,0x1F887},{0x1F890,0x1F8AD},
    {0x1F8B0,0x1F8B1},{0x1F900,0x1FA53},{0x1FA60,0x1FA6D},{0x1FA70,0x1FA74},{0x1FA78,0x1FA7C},
    {0x1FA80,0x1FA86},{0x1FA90,0x1FAAC},{0x1FAB0,0x1FABA},{0x1FAC0,0x1FAC5},{0x1FAD0,0x1FAD9},
    {0x1FAE0,0x1FAE7},{0x1FAF0,0x1FAF6},{0x1FB00,0x1FB92},{0x1FB94,0x1FBCA},{0x1FBF0,0x1FBF9},
    {0x20000,0x2A6DF},{0x2A700,0x2B738},{0x2B740,0x2B81D},{0x2B820,0x2CEA1},{0x2CEB0,0x2EBE0},
    {0x2F800,0x2FA1D},{0x30000,0x3134A},{0xE0100,0xE01EF},
};

int go_is_print(uint32_t r)
{
    if (r < 0x80) return r >= 0x20 && r < 0x7f;
    size_t lo = 0, hi = sizeof print_ranges / sizeof print_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r < print_ranges[mid][0]) hi = mid;
        else if (r > print_ranges[mid][1]) lo = mid + 1;
        else return 1;
    }
    return 0;
}

#define RUNE_ERROR 0xFFFDu
#define MAX_RUNE 0x10FFFFu

static int valid_rune(uint32_t r) { return r <= MAX_RUNE && !(r >= 0xD800 && r <= 0xDFFF); }

/* utf8.DecodeRune: returns the width; invalid encodings give RUNE_ERROR, 1. */
static int utf8_decode(const unsigned char *s, size_t n, uint32_t *r)
{
    if (!n) { *r = RUNE_ERROR; return 0; }
    unsigned c = s[0];
    if (c < 0x80) { *r = c; return 1; }
    int w;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { w = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { w = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { w = 4; v = c & 0x07; min = 0x10000; }
    else { *r = RUNE_ERROR; return 1; }
    if ((size_t)w > n) { *r = RUNE_ERROR; return 1; }
    for (int i = 1; i < w; i++) {
        if ((s[i] & 0xC0) != 0x80) { *r = RUNE_ERROR; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || !valid_rune(v)) { *r = RUNE_ERROR; return 1; }
    *r = v;
    return w;
}

/* utf8.EncodeRune: invalid runes encode as U+FFFD. Returns the width. */
static int utf8_encode(char *o, uint32_t r)
{
    if (!valid_rune(r)) r = RUNE_ERROR;
    if (r < 0x80) { o[0] = (char)r; return 1; }
    if (r < 0x800) { o[0] = (char)(0xC0 | r >> 6); o[1] = (char)(0x80 | (r & 0x3F)); return 2; }
    if (r < 0x10000) {
        o[0] = (char)(0xE0 | r >> 12); o[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        o[2] = (char)(0x80 | (r & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | r >> 18); o[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((r >> 6) & 0x3F)); o[3] = (char)(0x80 | (r & 0x3F));
    return 4;
}

/* utf8.RuneCount: every invalid byte counts as one rune. */
static size_t utf8_count(const char *s, size_t n)
{
    size_t cnt = 0;
    for (size_t i = 0; i < n; cnt++) {
        uint32_t r;
        i += utf8_decode((const unsigned char *)s + i, n - i, &r);
    }
    return cnt;
}

/* ---- strconv.Quote -------------------------------------------------- */

static const char lowerhex[] = "0123456789abcdef";

/* strconv appendEscapedRune */
static void quote_rune_into(Buf *b, uint32_t r, char quote, int ascii_only)
{
    char tmp[4];
    if (r == (uint32_t)quote || r == '\\') { buf_putc(b, '\\'); buf_putc(b, (char)r); return; }
    if (ascii_only ? (r < 0x80 && go_is_print(r)) : go_is_print(r)) {
        buf_put(b, tmp, utf8_encode(tmp, r));
        return;
    }
    static const char esc[][2] = { {'\a', 'a'}, {'\b', 'b'}, {'\f', 'f'}, {'\n', 'n'},
                                   {'\r', 'r'}, {'\t', 't'}, {'\v', 'v'} };
    for (size_t i = 0; i < sizeof esc / sizeof esc[0]; i++)
        if (r == (uint32_t)esc[i][0]) { buf_putc(b, '\\'); buf_putc(b, esc[i][1]); return; }
    if (r < ' ' || r == 0x7f) {
        buf_printf(b, "\\x%c%c", lowerhex[r >> 4], lowerhex[r & 0xF]);
        return;
    }
    if (!valid_rune(r)) r = RUNE_ERROR;
    if (r < 0x10000) buf_printf(b, "\\u%04x", (unsigned)r);
    else buf_printf(b, "\\U%08x", (unsigned)r);
}

static void quote_with(Buf *b, const char *s, size_t n, char quote, int ascii_only)
{
    buf_putc(b, quote);
    for (size_t i = 0; i < n;) {
        uint32_t r;
        int w = utf8_decode((const unsigned char *)s + i, n - i, &r);
        if (w == 1 && r == RUNE_ERROR) {
            unsigned char c = (unsigned char)s[i];
            buf_printf(b, "\\x%c%c", lowerhex[c >> 4], lowerhex[c & 0xF]);
        } else {
            quote_rune_into(b, r, quote, ascii_only);
        }
        i += w;
    }
    buf_putc(b, quote);
}

void go_quote(Buf *b, const char *s, size_t n, int ascii_only)
{
    quote_with(b, s, n, '"', ascii_only);
}

const char *go_quoted(const char *s, size_t n)
{
    Buf b = {0};
    go_quote(&b, s, n, 0);
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* Go time's quote(): printable ASCII kept (" and \\ escaped), every other
 * byte as \xNN (time.Parse and time.ParseDuration errors) */
const char *go_time_quoted(const char *s, size_t n)
{
    Buf b = {0};
    buf_putc(&b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') buf_printf(&b, "\\x%02x", c);
        else {
            if (c == '"' || c == '\\') buf_putc(&b, '\\');
            buf_putc(&b, (char)c);
        }
    }
    buf_putc(&b, '"');
    char *r = buf_arena(&b);
    buf_free(&b);
    return r;
}

/* strconv.QuoteRune / QuoteRuneToASCII */
static void quote_rune(Buf *b, uint32_t r, int ascii_only)
{
    if (!valid_rune(r)) r = RUNE_ERROR;
    buf_putc(b, '\'');
    quote_rune_into(b, r, '\'', ascii_only);
    buf_putc(b, '\'');
}

/* strconv.CanBackquote */
static int can_backquote(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t r;
        int w = utf8_decode((const unsigned char *)s + i, n - i, &r);
        i += w;
        if (w > 1) {
            if (r == 0xFEFF) return 0;
            continue;
        }
        if (r == RUNE_ERROR) return 0;
        if ((r < ' ' && r != '\t') || r == '`' || r == 0x7f) return 0;
    }
    return 1;
}

/* ---- strconv.Unquote ------------------------------------------------ */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* strconv.UnquoteChar: decodes one (possibly escaped) character at s[*i].
 * *r receives the value; *multibyte is 0 for \x and octal escapes (a raw
 * byte in a string). Returns 0 on bad syntax. */
static int unquote_char(const char *s, size_t n, size_t *i, char quote, uint32_t *r, int *multibyte)
{
    unsigned char c = (unsigned char)s[*i];
    *multibyte = 1;
    if (c == (unsigned char)quote && (quote == '\'' || quote == '"')) return 0;
    if (c >= 0x80) {
        int w = utf8_decode((const unsigned char *)s + *i, n - *i, r);
        *i += w;
        return 1;
    }
    if (c != '\\') { *r = c; (*i)++; return 1; }
    if (*i + 1 >= n) return 0;
    c = (unsigned char)s[*i + 1];
    *i += 2;
    static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\";
    for (const char *p = simple; *p; p += 2)
        if (c == (unsigned char)p[0]) { *r = (unsigned char)p[1]; return 1; }
    if (c == 'x' || c == 'u' || c == 'U') {
        int nd = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (*i + nd > n) return 0;
        uint32_t v = 0;
        for (int k = 0; k < nd; k++) {
            int h = hexval((unsigned char)s[*i + k]);
            if (h < 0) return 0;
            v = v << 4 | (uint32_t)h;
        }
        *i += nd;
        if (c == 'x') { *r = v; *multibyte = 0; return 1; }
        if (!valid_rune(v)) return 0;
        *r = v;
        return 1;
    }
    if (c >= '0' && c <= '7') {
        uint32_t v = c - '0';
        if (*i + 2 > n) return 0;
        for (int k = 0; k < 2; k++) {
            int d = (unsigned char)s[*i + k] - '0';
            if (d < 0 || d > 7) return 0;
            v = v << 3 | (uint32_t)d;
        }
        *i += 2;
        if (v > 255) return 0;
        *r = v;
        *multibyte = 0;
        return 1;
    }
    if (c == '\'' || c == '"') {
        if (c != (unsigned char)quote) return 0;
        *r = c;
        return 1;
    }
    return 0;
}

int go_unquote(const char *s, size_t n, Buf *out)
{
    if (n < 2) return 0;
    char q = s[0];
    if (q != s[n - 1]) return 0;
    const char *body = s + 1;
    size_t bn = n - 2;
    if (q == '`') {
        if (memchr(body, '`', bn)) return 0;
        for (size_t i = 0; i < bn; i++)
            if (body[i] != '\r') buf_putc(out, body[i]);
        return 1;
    }
    if (q != '"' && q != '\'') return 0;
    if (memchr(body, '\n', bn)) return 0;
    char tmp[4];
    if (q == '\'') {
        size_t i = 0;
        uint32_t r;
        int mb;
        if (bn == 0 || !unquote_char(body, bn, &i, q, &r, &mb) || i != bn) return 0;
        buf_put(out, tmp, utf8_encode(tmp, r));
        return 1;
    }
    for (size_t i = 0; i < bn;) {
        uint32_t r;
        int mb;
        if (!unquote_char(body, bn, &i, q, &r, &mb)) return 0;
        if (!mb) buf_putc(out, (char)r);
        else buf_put(out, tmp, utf8_encode(tmp, r));
    }
    return 1;
}

/* ---- strconv.FormatFloat -------------------------------------------- */

/* A decimal digit string: value = 0.d[0]d[1]... x 10^dp, no leading or
 * trailing zeros (nd == 0 means zero). Digits live in a heap Buf. */
typedef struct Digits { Buf d; int nd, dp; } Digits;

/* Parse printf "%e" output ("d.ddde+XX") into Digits. */
static void digits_from_e(Digits *dg, const char *s)
{
    dg->d.len = 0;
    const char *e = strchr(s, 'e');
    for (const char *p = s; p < e; p++)
        if (*p >= '0' && *p <= '9') buf_putc(&dg->d, *p);
    dg->dp = atoi(e + 1) + 1;
    size_t nd = dg->d.len;
    while (nd > 0 && dg->d.p[nd - 1] == '0') nd--;
    dg->nd = (int)nd;
    if (!nd || dg->d.p[0] == '0') { dg->nd = 0; dg->dp = 0; }
}

/* Parse printf "%f" output ("ddd.ddd") into Digits. */
static void digits_from_f(Digits *dg, const char *s)
{
    dg->d.len = 0;
    int dp = 0, seen_point = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '.') { seen_point = 1; continue; }
        if (*p < '0' || *p > '9') continue;
        if (!seen_point) dp++;
        if (dg->d.len == 0 && *p == '0') { dp--; continue; }   /* leading zero */
        buf_putc(&dg->d, *p);
    }
    size_t nd = dg->d.len;
    while (nd > 0 && dg->d.p[nd - 1] == '0') nd--;
    dg->nd = (int)nd;
    dg->dp = nd ? dp : 0;
}

static char *snprintf_heap(const char *fmt, int prec, double f)
{
    int n = snprintf(NULL, 0, fmt, prec, f);
    char *s = malloc((size_t)n + 1);
    if (!s) cc_oom();
    snprintf(s, (size_t)n + 1, fmt, prec, f);
    return s;
}

/* Shortest digits that read back as the same float (bitsize 64 or 32). */
static void digits_shortest(Digits *dg, double f, int bitsize)
{
    char tmp[64];
    if (f == 0) { dg->nd = 0; dg->dp = 0; return; }
    if (f < 1e15 && f == (double)(uint64_t)f && (bitsize == 64 || f < 16777216)) {
        /* a whole number the format holds exactly (ports, replica
         * counts: values' numbers are float64): its shortest digits are
         * its own, trailing zeros dropped, as any fewer digits make a
         * number at least 1 away and the format's spacing here is at
         * most 1 */
        uint64_t u = (uint64_t)f;
        int n = 0;
        while (u) { tmp[n++] = (char)('0' + u % 10); u /= 10; }
        dg->d.len = 0;
        for (int i = n - 1; i >= 0; i--) buf_putc(&dg->d, tmp[i]);
        dg->dp = n;
        int nd = n;
        while (nd > 0 && dg->d.p[nd - 1] == '0') nd--;
        dg->nd = nd;
        return;
    }
    go_shortest_e(tmp, sizeof tmp, f, bitsize);
    digits_from_e(dg, tmp);
}

static void fmt_e(Buf *b, int neg, const Digits *dg, int prec, char fmt)
{
    if (neg) buf_putc(b, '-');
    buf_putc(b, dg->nd ? dg->d.p[0] : '0');
    if (prec > 0) {
        buf_putc(b, '.');
        int i = 1, m = dg->nd < prec + 1 ? dg->nd : prec + 1;
        if (i < m) { buf_put(b, dg->d.p + i, (size_t)(m - i)); i = m; }
        for (; i <= prec; i++) buf_putc(b, '0');
    }
    buf_putc(b, fmt);
    int exp = dg->nd ? dg->dp - 1 : 0;
    buf_putc(b, exp < 0 ? '-' : '+');
    if (exp < 0) exp = -exp;
    if (exp < 10) buf_printf(b, "0%d", exp);
    else buf_printf(b, "%d", exp);
}

static void fmt_f(Buf *b, int neg, const Digits *dg, int prec)
{
    if (neg) buf_putc(b, '-');
    if (dg->dp > 0) {
        int m = dg->nd < dg->dp ? dg->nd : dg->dp;
        buf_put(b, dg->d.p, (size_t)m);
        for (; m < dg->dp; m++) buf_putc(b, '0');
    } else {
        buf_putc(b, '0');
    }
    if (prec > 0) {
        buf_putc(b, '.');
        for (int i = 0; i < prec; i++) {
            int j = dg->dp + i;
            buf_putc(b, j >= 0 && j < dg->nd ? dg->d.p[j] : '0');
        }
    }
}

/* %b: mantissa "p" binary exponent */
static void fmt_b(Buf *b, double f, int bitsize)
{
    uint64_t bits, mant;
    int exp;
    if (bitsize == 32) {
        float g = (float)f;
        uint32_t b32;
        memcpy(&b32, &g, 4);
        bits = b32;
        exp = (int)(bits >> 23) & 0xFF;
        mant = bits & ((1u << 23) - 1);
        if (exp == 0) exp++; else mant |= 1u << 23;
        exp += -127 - 23;
        if (b32 >> 31) buf_putc(b, '-');
    } else {
        memcpy(&bits, &f, 8);
        exp = (int)(bits >> 52) & 0x7FF;
        mant = bits & ((1ull << 52) - 1);
        if (exp == 0) exp++; else mant |= 1ull << 52;
        exp += -1023 - 52;
        if (bits >> 63) buf_putc(b, '-');
    }
    buf_printf(b, "%llup%c%d", (unsigned long long)mant, exp >= 0 ? '+' : '-', exp < 0 ? -exp : exp);
}

/* %x / %X: hexadecimal mantissa and binary exponent (strconv fmtX) */
static void fmt_x(Buf *b, double f, int prec, char fmt, int bitsize)
{
    uint64_t bits, mant;
    int exp, neg, mantbits = bitsize == 32 ? 23 : 52;
    if (bitsize == 32) {
        float g = (float)f;
        uint32_t b32;
        memcpy(&b32, &g, 4);
        neg = b32 >> 31;
        exp = (int)(b32 >> 23) & 0xFF;
        mant = b32 & ((1u << 23) - 1);
        if (exp == 0) exp++; else mant |= 1u << 23;
        exp -= 127;
    } else {
        memcpy(&bits, &f, 8);
        neg = (int)(bits >> 63);
        exp = (int)(bits >> 52) & 0x7FF;
        mant = bits & ((1ull << 52) - 1);
        if (exp == 0) exp++; else mant |= 1ull << 52;
        exp -= 1023;
    }
    if (mant == 0) exp = 0;
    mant <<= 60 - mantbits;
    while (mant != 0 && (mant & (1ull << 60)) == 0) { mant <<= 1; exp--; }
    if (prec >= 0 && prec < 15) {
        unsigned shift = (unsigned)prec * 4;
        uint64_t extra = (mant << shift) & ((1ull << 60) - 1);
        mant >>= 60 - shift;
        if ((extra | (mant & 1)) > (1ull << 59)) mant++;
        mant <<= 60 - shift;
        if (mant & (1ull << 61)) { mant >>= 1; exp++; }
    }
    const char *hex = fmt == 'X' ? "0123456789ABCDEF" : lowerhex;
    if (neg) buf_putc(b, '-');
    buf_putc(b, '0');
    buf_putc(b, fmt);
    buf_putc(b, (char)('0' + ((mant >> 60) & 1)));
    mant <<= 4;
    if (prec < 0 && mant != 0) {
        buf_putc(b, '.');
        while (mant != 0) { buf_putc(b, hex[(mant >> 60) & 15]); mant <<= 4; }
    } else if (prec > 0) {
        buf_putc(b, '.');
        for (int i = 0; i < prec; i++) { buf_putc(b, hex[(mant >> 60) & 15]); mant <<= 4; }
    }
    buf_putc(b, fmt == 'X' ? 'P' : 'p');
    buf_putc(b, exp < 0 ? '-' : '+');
    if (exp < 0) exp = -exp;
    buf_printf(b, "%02d", exp);
}

void go_format_float(Buf *b, double f, char fmt, int prec, int bitsize)
{
    if (bitsize == 32) f = (float)f;
    if (isnan(f)) { buf_puts(b, "NaN"); return; }
    if (isinf(f)) { buf_puts(b, f > 0 ? "+Inf" : "-Inf"); return; }
    if (fmt == 'b') { fmt_b(b, f, bitsize); return; }
    if (fmt == 'x' || fmt == 'X') { fmt_x(b, f, prec, fmt, bitsize); return; }
    int neg = signbit(f) != 0;
    double a = fabs(f);
    Digits dg = {{0}, 0, 0};
    int shortest = prec < 0;
    if (shortest) {
        digits_shortest(&dg, a, bitsize);
        switch (fmt) {
        case 'e': case 'E': prec = dg.nd > 1 ? dg.nd - 1 : 0; break;
        case 'f': prec = dg.nd > dg.dp ? dg.nd - dg.dp : 0; break;
        case 'g': case 'G': prec = dg.nd; break;
        }
    } else {
        char *s;
        switch (fmt) {
        case 'e': case 'E':
            s = snprintf_heap("%.*e", prec, a);
            digits_from_e(&dg, s);
            break;
        case 'f':
            s = snprintf_heap("%.*f", prec, a);
            digits_from_f(&dg, s);
            break;
        default:
            if (prec == 0) prec = 1;
            s = snprintf_heap("%.*e", prec - 1, a);
            digits_from_e(&dg, s);
            break;
        }
        free(s);
    }
    switch (fmt) {
    case 'e': case 'E': fmt_e(b, neg, &dg, prec, fmt); break;
    case 'f': fmt_f(b, neg, &dg, prec); break;
    case 'g': case 'G': {
        int eprec = prec;
        if (eprec > dg.nd && dg.nd >= dg.dp) eprec = dg.nd;
        if (shortest) eprec = 6;
        int exp = dg.dp - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > dg.nd) prec = dg.nd;
            fmt_e(b, neg, &dg, prec - 1, (char)(fmt + 'e' - 'g'));
        } else {
            if (prec > dg.dp) prec = dg.nd;
            fmt_f(b, neg, &dg, prec - dg.dp > 0 ? prec - dg.dp : 0);
        }
        break;
    }
    default:
        buf_putc(b, '%');
        buf_putc(b, fmt);
        break;
    }
    buf_free(&dg.d);
}

/* ---- the printer (fmt.pp + fmt.fmt) --------------------------------- */

typedef struct Fmt {
    Buf *b;
    int wid, prec;
    bool widp, precp, minus, plus, sharp, space, zero, plusv, sharpv;
    VWalk w;   /* fmt has no cycle check (Go overflows its stack): we stop */
    bool erroring;   /* inside a bad verb's %!x(T=...): String() methods are not called */
} Fmt;

static void pr_value(Fmt *f, Value v, int verb, int depth);
static void pr_pointer(Fmt *f, Value v, int verb);

static void write_padding(Fmt *f, int n)
{
    if (n <= 0) return;
    char c = f->zero && !f->minus ? '0' : ' ';
    buf_reserve(f->b, (size_t)n);
    memset(f->b->p + f->b->len, c, (size_t)n);
    f->b->len += (size_t)n;
}

/* fmt.pad / padString: width counts runes */
static void pad(Fmt *f, const char *s, size_t n)
{
    if (!f->widp || f->wid == 0) { buf_put(f->b, s, n); return; }
    int w = f->wid - (int)utf8_count(s, n);
    if (!f->minus) { write_padding(f, w); buf_put(f->b, s, n); }
    else { buf_put(f->b, s, n); write_padding(f, w); }
}

static void pad_buf(Fmt *f, Buf *t) { pad(f, t->p ? t->p : "", t->len); buf_free(t); }

static void fmt_boolean(Fmt *f, int v) { if (v) pad(f, "true", 4); else pad(f, "false", 5); }

/* fmt.fmtInteger: base 2, 8, 10, 16; verb 'O' adds 0o */
static void fmt_integer(Fmt *f, uint64_t u, int base, int is_signed, int verb, const char *digits)
{
    int negative = is_signed && (int64_t)u < 0;
    if (negative) u = -u;
    int prec = 0;
    if (f->precp) {
        prec = f->prec;
        if (prec == 0 && u == 0) {
            bool oz = f->zero;
            f->zero = false;
            write_padding(f, f->wid);
            f->zero = oz;
            return;
        }
    } else if (f->zero && !f->minus && f->widp) {
        prec = f->wid;
        if (negative || f->plus || f->space) prec--;
    }
    size_t cap = 80 + (size_t)(prec > 0 ? prec : 0);
    char *buf = malloc(cap);
    if (!buf) cc_oom();
    size_t i = cap;
    do {
        buf[--i] = digits[u % (uint64_t)base];
        u /= (uint64_t)base;
    } while (u);
    while (i > 0 && prec > (int)(cap - i)) buf[--i] = '0';
    if (f->sharp) {
        if (base == 2) { buf[--i] = 'b'; buf[--i] = '0'; }
        else if (base == 8) { if (buf[i] != '0') buf[--i] = '0'; }
        else if (base == 16) { buf[--i] = digits[16]; buf[--i] = '0'; }
    }
    if (verb == 'O') { buf[--i] = 'o'; buf[--i] = '0'; }
    if (negative) buf[--i] = '-';
    else if (f->plus) buf[--i] = '+';
    else if (f->space) buf[--i] = ' ';
    bool oz = f->zero;
    f->zero = false;
    pad(f, buf + i, cap - i);
    f->zero = oz;
    free(buf);
}

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

/* fmt.fmtUnicode: U+0041, %#U adds ' 'A'' */
static void fmt_unicode(Fmt *f, uint64_t u)
{
    Buf t = {0};
    int prec = 4;
    if (f->precp && f->prec > 4) prec = f->prec;
    char hex[32];
    int n = snprintf(hex, sizeof hex, "%llX", (unsigned long long)u);
    buf_puts(&t, "U+");
    for (int k = n; k < prec; k++) buf_putc(&t, '0');
    buf_put(&t, hex, (size_t)n);
    if (f->sharp && u <= MAX_RUNE && go_is_print((uint32_t)u)) {
        char tmp[4];
        buf_puts(&t, " '");
        buf_put(&t, tmp, utf8_encode(tmp, (uint32_t)u));
        buf_putc(&t, '\'');
    }
    bool oz = f->zero;
    f->zero = false;
    pad_buf(f, &t);
    f->zero = oz;
}

/* fmt.fmtFloat: sign handling, # flag, zero padding */
static void fmt_float(Fmt *f, double v, int size, int verb, int prec)
{
    if (f->precp) prec = f->prec;
    Buf t = {0};
    buf_putc(&t, '+');
    go_format_float(&t, v, (char)verb, prec, size);
    char *num = t.p;
    size_t n = t.len;
    if (num[1] == '-' || num[1] == '+') { num++; n--; }
    if (f->space && num[0] == '+' && !f->plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
        bool oz = f->zero;
        f->zero = false;
        if (num[1] == 'N' && !f->space && !f->plus) { num++; n--; }
        pad(f, num, n);
        f->zero = oz;
        buf_free(&t);
        return;
    }
    if (f->sharp && verb != 'b') {
        int digits = 0;
        if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') digits = prec == -1 ? 6 : prec;
        char tail[16];
        size_t tl = 0;
        int has_point = 0, saw_nonzero = 0;
        for (size_t i = 1; i < n; i++) {
            char c = num[i];
            if (c == '.') { has_point = 1; continue; }
            if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
                tl = n - i < sizeof tail ? n - i : sizeof tail;
                memcpy(tail, num + i, tl);
                n = i;
                break;
            }
            if (c != '0') saw_nonzero = 1;
            if (saw_nonzero) digits--;
        }
        Buf u = {0};
        buf_put(&u, num, n);
        if (!has_point) {
            if (n == 2 && num[1] == '0') digits--;
            buf_putc(&u, '.');
        }
        for (; digits > 0; digits--) buf_putc(&u, '0');
        buf_put(&u, tail, tl);
        buf_free(&t);
        t = u;
        num = t.p;
        n = t.len;
    }
    if (f->plus || num[0] != '+') {
        if (f->zero && !f->minus && f->widp && f->wid > (int)n) {
            buf_putc(f->b, num[0]);
            write_padding(f, f->wid - (int)n);
            buf_put(f->b, num + 1, n - 1);
        } else {
            pad(f, num, n);
        }
    } else {
        pad(f, num + 1, n - 1);
    }
    buf_free(&t);
}

/* fmt.truncate to precision (in runes) */
static size_t truncate_len(Fmt *f, const char *s, size_t n)
{
    if (!f->precp) return n;
    int k = f->prec;
    for (size_t i = 0; i < n;) {
        if (k-- <= 0) return i;
        uint32_t r;
        i += utf8_decode((const unsigned char *)s + i, n - i, &r);
    }
    return n;
}

static void fmt_s(Fmt *f, const char *s, size_t n) { pad(f, s, truncate_len(f, s, n)); }

/* fmt.fmtSbx: hex of the bytes of a string */
static void fmt_sx(Fmt *f, const char *s, size_t n, const char *digits)
{
    size_t length = n;
    if (f->precp && f->prec < (int)length) length = (size_t)f->prec;
    int width = 2 * (int)length;
    if (width > 0) {
        if (f->space) {
            if (f->sharp) width *= 2;
            width += (int)length - 1;
        } else if (f->sharp) {
            width += 2;
        }
    } else {
        if (f->widp) write_padding(f, f->wid);
        return;
    }
    if (f->widp && f->wid > width && !f->minus) write_padding(f, f->wid - width);
    if (f->sharp) { buf_putc(f->b, '0'); buf_putc(f->b, digits[16]); }
    for (size_t i = 0; i < length; i++) {
        if (f->space && i > 0) {
            buf_putc(f->b, ' ');
            if (f->sharp) { buf_putc(f->b, '0'); buf_putc(f->b, digits[16]); }
        }
        unsigned char c = (unsigned char)s[i];
        buf_putc(f->b, digits[c >> 4]);
        buf_putc(f->b, digits[c & 0xF]);
    }
    if (f->widp && f->wid > width && f->minus) write_padding(f, f->wid - width);
}

/* fmt.fmtQ */
static void fmt_q(Fmt *f, const char *s, size_t n)
{
    n = truncate_len(f, s, n);
    Buf t = {0};
    if (f->sharp && can_backquote(s, n)) {
        buf_putc(&t, '`');
        buf_put(&t, s, n);
        buf_putc(&t, '`');
    } else {
        quote_with(&t, s, n, '"', f->plus);
    }
    pad_buf(f, &t);
}

/* Go type name of a value for error forms (reflect.TypeOf(x).String()) */
static const char *type_name(Value v) { return v_gotype(v); }

/* pp.badVerb: %!verb(type=value) */
static void bad_verb(Fmt *f, Value v, int verb, int has_arg)
{
    char tmp[4];
    buf_puts(f->b, "%!");
    buf_put(f->b, tmp, utf8_encode(tmp, (uint32_t)verb));
    buf_putc(f->b, '(');
    if (has_arg && v.t != VT_NIL) {
        buf_puts(f->b, type_name(v));
        buf_putc(f->b, '=');
        bool e = f->erroring;
        f->erroring = true;
        pr_value(f, v, 'v', 0);
        f->erroring = e;
    } else {
        buf_puts(f->b, "<nil>");
    }
    buf_putc(f->b, ')');
}

static void pr_integer(Fmt *f, Value v, uint64_t u, int is_signed, int verb)
{
    switch (verb) {
    case 'v':
        if (f->sharpv && !is_signed) {
            bool os = f->sharp;
            f->sharp = true;
            fmt_integer(f, u, 16, 0, 'v', ldigits);
            f->sharp = os;
        } else {
            fmt_integer(f, u, 10, is_signed, verb, ldigits);
        }
        break;
    case 'd': fmt_integer(f, u, 10, is_signed, verb, ldigits); break;
    case 'b': fmt_integer(f, u, 2, is_signed, verb, ldigits); break;
    case 'o': case 'O': fmt_integer(f, u, 8, is_signed, verb, ldigits); break;
    case 'x': fmt_integer(f, u, 16, is_signed, verb, ldigits); break;
    case 'X': fmt_integer(f, u, 16, is_signed, verb, udigits); break;
    case 'c': {
        char tmp[4];
        uint32_t r = u > MAX_RUNE ? RUNE_ERROR : (uint32_t)u;
        pad(f, tmp, utf8_encode(tmp, r));
        break;
    }
    case 'q': {
        Buf t = {0};
        quote_rune(&t, u > MAX_RUNE ? RUNE_ERROR : (uint32_t)u, f->plus);
        pad_buf(f, &t);
        break;
    }
    case 'U': fmt_unicode(f, u); break;
    default: bad_verb(f, v, verb, 1); break;
    }
}

static void pr_float(Fmt *f, Value v, double d, int verb)
{
    switch (verb) {
    case 'v': fmt_float(f, d, 64, 'g', -1); break;
    case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float(f, d, 64, verb, -1); break;
    case 'f': case 'e': case 'E': fmt_float(f, d, 64, verb, 6); break;
    case 'F': fmt_float(f, d, 64, 'f', 6); break;
    default: bad_verb(f, v, verb, 1); break;
    }
}

static void pr_string(Fmt *f, Value v, int verb)
{
    switch (verb) {
    case 'v': if (f->sharpv) fmt_q(f, v.u.s, v.n); else fmt_s(f, v.u.s, v.n); break;
    case 's': fmt_s(f, v.u.s, v.n); break;
    case 'x': fmt_sx(f, v.u.s, v.n, ldigits); break;
    case 'X': fmt_sx(f, v.u.s, v.n, udigits); break;
    case 'q': fmt_q(f, v.u.s, v.n); break;
    default: bad_verb(f, v, verb, 1); break;
    }
}

/* pp.fmtBytes ([]byte); type_string is "[]byte" at top level, "[]uint8" inside */
static void pr_bytes(Fmt *f, Value v, int verb, const char *type_string)
{
    const unsigned char *s = (const unsigned char *)v.u.s;
    switch (verb) {
    case 'v': case 'd':
        if (f->sharpv) {
            buf_puts(f->b, type_string);
            buf_putc(f->b, '{');
            for (uint32_t i = 0; i < v.n; i++) {
                if (i) buf_puts(f->b, ", ");
                bool os = f->sharp;
                f->sharp = true;
                fmt_integer(f, s[i], 16, 0, 'v', ldigits);
                f->sharp = os;
            }
            buf_putc(f->b, '}');
        } else {
            buf_putc(f->b, '[');
            for (uint32_t i = 0; i < v.n; i++) {
                if (i) buf_putc(f->b, ' ');
                fmt_integer(f, s[i], 10, 0, verb, ldigits);
            }
            buf_putc(f->b, ']');
        }
        break;
    case 's': fmt_s(f, v.u.s, v.n); break;
    case 'x': fmt_sx(f, v.u.s, v.n, ldigits); break;
    case 'X': fmt_sx(f, v.u.s, v.n, udigits); break;
    case 'q': fmt_q(f, v.u.s, v.n); break;
    default:
        /* printValue of a []uint8: element-wise uint8 */
        if (f->sharpv) { buf_puts(f->b, "[]uint8{"); }
        else buf_putc(f->b, '[');
        for (uint32_t i = 0; i < v.n; i++) {
            if (i) buf_puts(f->b, f->sharpv ? ", " : " ");
            Value e = v_int64(s[i]);
            if (verb == 'v' || verb == 'd' || verb == 'b' || verb == 'o' || verb == 'O' || verb == 'x' ||
                verb == 'X' || verb == 'c' || verb == 'q' || verb == 'U')
                pr_integer(f, e, s[i], 0, verb);
            else {
                buf_puts(f->b, "%!");
                char tmp[4];
                buf_put(f->b, tmp, utf8_encode(tmp, (uint32_t)verb));
                buf_puts(f->b, "(uint8=");
                fmt_integer(f, s[i], 10, 0, 'v', ldigits);
                buf_putc(f->b, ')');
            }
        }
        buf_putc(f->b, f->sharpv ? '}' : ']');
        break;
    }
}

/* complex128: "(re+imi)" */
static void pr_complex(Fmt *f, Value v, int verb)
{
    switch (verb) {
    case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e': case 'E': {
        bool op = f->plus;
        buf_putc(f->b, '(');
        pr_float(f, v, v.u.f, verb);
        f->plus = true;
        pr_float(f, v, v_imag(v), verb);
        buf_puts(f->b, "i)");
        f->plus = op;
        break;
    }
    default: bad_verb(f, v, verb, 1); break;
    }
}

static void pr_value_in(Fmt *f, Value v, int verb, int depth);

/* pp.printValue for every kind; depth 0 = the top-level operand (printArg).
 * A value that contains itself (or nests deeper than the stack holds)
 * cannot be printed: the output buffer is released and the error raised
 * (fn_error), as the caller's buffer would only hold a partial text. */
static void pr_value(Fmt *f, Value v, int verb, int depth)
{
    if (v.t != VT_LIST && v.t != VT_MAP && v.t != VT_OBJ) { pr_value_in(f, v, verb, depth); return; }
    int rc = vw_enter(&f->w, v);
    if (rc) {
        const char *msg = vw_message(rc, v);
        buf_free(f->b);
        fn_error(NULL, "%s", msg);
    }
    pr_value_in(f, v, verb, depth);
    vw_leave(&f->w, v);
}

static void pr_value_in(Fmt *f, Value v, int verb, int depth)
{
    switch (v.t) {
    case VT_NIL:
        if (depth == 0) {
            if (verb == 'v') pad(f, "<nil>", 5);
            else bad_verb(f, v, verb, 0);
        } else {
            buf_puts(f->b, f->sharpv ? "interface {}(nil)" : "<nil>");
        }
        return;
    case VT_BOOL:
        if (verb == 't' || verb == 'v') fmt_boolean(f, v.u.b);
        else bad_verb(f, v, verb, 1);
        return;
    case VT_INT: pr_integer(f, v, (uint64_t)v.u.i, v.g != GT_UINT && v.g != GT_UINT8, verb); return;
    case VT_FLOAT:
        if (v.g == GT_COMPLEX) pr_complex(f, v, verb);
        else pr_float(f, v, v.u.f, verb);
        return;
    case VT_STR:
        if (v.g == GT_BYTES) pr_bytes(f, v, verb, depth ? "[]uint8" : "[]byte");
        else pr_string(f, v, verb);
        return;
    case VT_LIST: {
        List *l = v.u.l;
        uint32_t n = l ? l->len : 0;
        if (f->sharpv) {
            buf_puts(f->b, type_name(v));
            if (!l) { buf_puts(f->b, "(nil)"); return; }
            buf_putc(f->b, '{');
        } else {
            buf_putc(f->b, '[');
        }
        for (uint32_t i = 0; i < n; i++) {
            if (i) buf_puts(f->b, f->sharpv ? ", " : " ");
            pr_value(f, l->v[i], verb, depth + 1);
        }
        buf_putc(f->b, f->sharpv ? '}' : ']');
        return;
    }
    case VT_MAP: {
        Map *m = v.u.m;
        if (v.g == GT_STRUCT) {
            /* a Go struct: fields in declaration (insertion) order, {a b};
             * %+v and %#v name the fields */
            if (f->sharpv) buf_puts(f->b, type_name(v));
            buf_putc(f->b, '{');
            int k = 0;
            MAP_EACH(m, ent) {
                if (k++) buf_puts(f->b, f->sharpv ? ", " : " ");
                if (f->plusv || f->sharpv) { buf_put(f->b, ent->k, ent->klen); buf_putc(f->b, ':'); }
                pr_value(f, ent->v, verb, depth + 1);
            }
            buf_putc(f->b, '}');
            return;
        }
        if (f->sharpv) {
            buf_puts(f->b, type_name(v));
            if (!m) { buf_puts(f->b, "(nil)"); return; }
            buf_putc(f->b, '{');
        } else {
            buf_puts(f->b, "map[");
        }
        if (m && m->len) {
            MapEnt **es = map_sorted(m, 0);
            for (uint32_t i = 0; i < m->len; i++) {
                if (i) buf_puts(f->b, f->sharpv ? ", " : " ");
                pr_value(f, v_str(es[i]->k, es[i]->klen), verb, depth + 1);
                buf_putc(f->b, ':');
                pr_value(f, es[i]->v, verb, depth + 1);
            }
        }
        buf_putc(f->b, f->sharpv ? '}' : ']');
        return;
    }
    case VT_OBJ: {
        Obj *o = v.u.o;
        const ObjType *ot = o->type;
        /* handleMethods: a String() the value's method set has, for the
         * string verbs; otherwise printValue of the struct (a pointer to
         * one prints &{...} at top level) */
        if (ot->flags & OBJF_ADDR) { pr_pointer(f, v, verb); return; }
        if (f->sharpv && ot->go_string && !f->erroring) {   /* handleMethods: GoStringer */
            Buf t = {0};
            ot->go_string(&t, o);
            fmt_s(f, t.p ? t.p : "", t.len);
            buf_free(&t);
            return;
        }
        if (ot->flags & OBJF_MAP_KIND) {
            /* a map type without String() (engine.files): printValue of
             * its map[string][]byte, the verb applied to every key and
             * value; %#v names the type */
            Value d = ot->to_data(o);
            if (!f->sharpv) { pr_value(f, d, verb, depth + 1); return; }
            buf_puts(f->b, ot->gotype);
            buf_putc(f->b, '{');
            MapEnt **es = map_sorted(d.u.m, 0);
            for (uint32_t i = 0; i < d.u.m->len; i++) {
                if (i) buf_puts(f->b, ", ");
                pr_value(f, v_str(es[i]->k, es[i]->klen), verb, depth + 1);
                buf_putc(f->b, ':');
                pr_value(f, es[i]->v, verb, depth + 1);
            }
            buf_putc(f->b, '}');
            return;
        }
        int stringer = ot->print && !(ot->flags & OBJF_PTR_STRING) && !f->erroring;
        int string_verb = verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q';
        if (depth > 0 && ot->gotype[0] == '*' && (f->sharpv || !(stringer && string_verb))) {
            pr_pointer(f, v, verb);
            return;
        }
        if (ot->go_fields && (f->sharpv || !(stringer && string_verb))) {
            if (depth == 0 && ot->gotype[0] == '*') buf_putc(f->b, '&');
            Value fl = ot->go_fields(o);
            if (f->sharpv && fl.t == VT_MAP) {   /* semver.Version{major:0x1, ...} */
                buf_puts(f->b, ot->gotype[0] == '*' ? ot->gotype + 1 : ot->gotype);
                buf_putc(f->b, '{');
                int k = 0;
                MAP_EACH(fl.u.m, ent) {
                    if (k++) buf_puts(f->b, ", ");
                    buf_put(f->b, ent->k, ent->klen);
                    buf_putc(f->b, ':');
                    pr_value(f, ent->v, verb, depth + 2);
                }
                buf_putc(f->b, '}');
            } else {
                pr_value(f, fl, verb, depth + 1);
            }
        } else if (o->type->print) {
            Buf t = {0};
            o->type->print(&t, o);
            Value s = v_buf(&t);
            buf_free(&t);
            if (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q') {
                bool sv = f->sharpv;
                f->sharpv = false;
                pr_string(f, s, verb);
                f->sharpv = sv;
            } else {
                buf_puts(f->b, "%!");
                char tmp[4];
                buf_put(f->b, tmp, utf8_encode(tmp, (uint32_t)verb));
                buf_putc(f->b, '(');
                buf_puts(f->b, o->type->gotype);
                buf_putc(f->b, '=');
                buf_put(f->b, s.u.s, s.n);
                buf_putc(f->b, ')');
            }
        } else {
            Value d = o->type->to_data ? o->type->to_data(o) : v_nil();
            pr_value(f, d, verb, depth + 1);
        }
        return;
    }
    }
}

/* fmtPointer: a pointer inside a list or map is no struct to print (Go
 * takes &{...} only at the top level) but an address, which changes from
 * run to run in Go: a fixed stand-in here. Verbs that print no address
 * are bad verbs. */
static void pr_pointer(Fmt *f, Value v, int verb)
{
    const uint64_t addr = v.t == VT_OBJ && (v.u.o->type->flags & OBJF_ADDR) ? *(const uint64_t *)v.u.o->data
                        : 0xc000010000ULL;
    bool sharp = f->sharp;
    if (!addr && verb == 'v') { pad(f, "<nil>", 5); return; }
    switch (verb) {
    case 'v':
        if (f->sharpv) {
            buf_printf(f->b, "(%s)(0x%llx)", type_name(v), (unsigned long long)addr);
            break;
        }
        /* fall through */
    case 'p':   /* fmt0x64(u, !sharp) */
        f->sharp = !sharp;
        fmt_integer(f, addr, 16, 0, 'v', ldigits);
        f->sharp = sharp;
        break;
    case 'b': case 'o': case 'd': case 'x': case 'X':
        pr_integer(f, v, addr, 0, verb);
        break;
    default:
        bad_verb(f, v, verb, 1);
    }
}

/* pp.printArg: %T and %p are handled before the kind switch */
static void pr_arg(Fmt *f, Value v, int verb)
{
    if (verb == 'T') {   /* nil: padString (no precision); a type name: fmtS */
        if (v.t == VT_NIL) pad(f, "<nil>", 5);
        else fmt_s(f, type_name(v), strlen(type_name(v)));
        return;
    }
    if (verb == 'p') {
        if ((v.t == VT_LIST || v.t == VT_MAP || v.t == VT_OBJ || (v.t == VT_STR && v.g == GT_BYTES)) && v.t != VT_NIL) {
            /* real addresses are meaningless here; print a stable fake */
            const char *a = f->sharp ? "c000010000" : "0xc000010000";
            pad(f, a, strlen(a));
        } else {
            bad_verb(f, v, verb, v.t != VT_NIL);
        }
        return;
    }
    pr_value(f, v, verb, 0);
}

static const ObjType go_loc_type = {"*time.Location", NULL, NULL, NULL, NULL, NULL, OBJF_ADDR};

Value go_time_fields(int64_t unix_sec, int32_t nsec, int loc, int64_t mono)
{
    /* time.go: without a monotonic reading wall holds the nanoseconds and
     * ext the seconds since January 1, year 1; with one, wall also holds
     * the seconds since 1885 (bits 30-62, bit 63 set) and ext the reading */
    const int64_t unix_to_internal = 62135596800LL, wall_to_internal = 59453308800LL;
    uint64_t wall = (uint64_t)nsec;
    int64_t ext = unix_sec + unix_to_internal;
    if (mono >= 0) {
        wall |= (uint64_t)1 << 63 | (uint64_t)(ext - wall_to_internal) << 30;
        ext = mono;
    }
    uint64_t *addr = cc_alloc(sizeof *addr);
    *addr = loc == GO_LOC_UTC ? 0 : loc == GO_LOC_OTHER ? 0xc000010000ULL
          : cc_helm_major >= 4 ? 67093280 : 62422240;   /* &time.localLoc in helm v4.1.4 / v3.17.3 */
    Value m = v_newmap(3);
    m.g = GT_STRUCT;
    Value w = v_int64((int64_t)wall);
    w.g = GT_UINT;
    map_setc(m.u.m, "wall", w);
    map_setc(m.u.m, "ext", v_int64(ext));
    map_setc(m.u.m, "loc", v_newobj(&go_loc_type, addr));
    return m;
}

void go_time_gostring(Buf *b, int64_t local_sec, int32_t nsec, int loc, const char *lname)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    int64_t days = local_sec >= 0 ? local_sec / 86400 : -((-local_sec + 86399) / 86400);
    int64_t secs = local_sec - days * 86400;
    /* civil_from_days (proleptic Gregorian) */
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    buf_printf(b, "time.Date(%lld, time.%s, %lld, %lld, %lld, %lld, %d, ", (long long)y, months[m - 1],
               (long long)d, (long long)(secs / 3600), (long long)(secs / 60 % 60), (long long)(secs % 60), (int)nsec);
    if (loc == GO_LOC_UTC) buf_puts(b, "time.UTC)");
    else if (loc == GO_LOC_LOCAL) buf_puts(b, "time.Local)");
    else {
        buf_puts(b, "time.Location(");
        go_quote(b, lname, strlen(lname), 0);
        buf_putc(b, ')');
        buf_putc(b, ')');
    }
}

void go_print(Buf *b, Value v)
{
    /* %v of a string without width or precision: its bytes (fmt_s) */
    if (v.t == VT_STR && v.g != GT_BYTES) { buf_put(b, v.u.s, v.n); return; }
    Fmt f = {0};
    f.b = b;
    pr_arg(&f, v, 'v');
}

void go_sprint(Buf *b, int argc, const Value *argv)
{
    int prev_string = 0;
    for (int i = 0; i < argc; i++) {
        int is_string = argv[i].t == VT_STR && argv[i].g != GT_BYTES;
        if (i > 0 && !is_string && !prev_string) buf_putc(b, ' ');
        go_print(b, argv[i]);
        prev_string = is_string;
    }
}

void go_sprintln(Buf *b, int argc, const Value *argv)
{
    for (int i = 0; i < argc; i++) {
        if (i > 0) buf_putc(b, ' ');
        go_print(b, argv[i]);
    }
    buf_putc(b, '\n');
}

/* ---- fmt.Sprintf ---------------------------------------------------- */

static int too_large(int x) { return x > 1000000 || x < -1000000; }

/* parsenum: decimal number at s[*i..end) */
static int parse_num(const char *s, size_t *i, size_t end, int *num)
{
    int isnum = 0;
    *num = 0;
    while (*i < end && s[*i] >= '0' && s[*i] <= '9') {
        if (too_large(*num)) { *num = 0; *i = end; return 0; }
        *num = *num * 10 + (s[*i] - '0');
        isnum = 1;
        (*i)++;
    }
    return isnum;
}

typedef struct PState {
    int argnum, good_argnum, reordered;
} PState;

/* pp.argNumber: an explicit "[n]" argument index at fmt[*i] */
static int arg_number(PState *ps, const char *fmt, size_t *i, size_t end, int nargs)
{
    if (*i >= end || fmt[*i] != '[') return 0;
    ps->reordered = 1;
    const char *s = fmt + *i;
    size_t len = end - *i;
    int index = 0, ok = 0;
    size_t wid = 1;
    if (len >= 3) {
        for (size_t k = 1; k < len; k++) {
            if (s[k] == ']') {
                size_t j = 1;
                int w;
                int isnum = parse_num(s, &j, k, &w);
                if (!isnum || j != k) { wid = k + 1; ok = 0; }
                else { index = w - 1; wid = k + 1; ok = 1; }
                break;
            }
        }
    }
    if (ok && index >= 0 && index < nargs) {
        ps->argnum = index;
        *i += wid;
        return 1;
    }
    ps->good_argnum = 0;
    *i += wid;
    return ok;
}

/* intFromArg: a '*' width or precision operand */
static int int_from_arg(PState *ps, int argc, const Value *argv, int *num)
{
    int isint = 0;
    *num = 0;
    if (ps->argnum < argc) {
        Value a = argv[ps->argnum];
        if (a.t == VT_INT) {
            *num = (int)(a.u.i > 2000000 ? 2000000 : a.u.i < -2000000 ? -2000000 : a.u.i);
            isint = 1;
        }
        ps->argnum++;
        if (too_large(*num)) { *num = 0; isint = 0; }
    }
    return isint;
}

void go_sprintf(Buf *b, const char *fmt, size_t end, int argc, const Value *argv)
{
    PState ps = {0, 1, 0};
    Fmt f;
    int after_index = 0;
    size_t i = 0;
    while (i < end) {
        ps.good_argnum = 1;
        size_t lasti = i;
        while (i < end && fmt[i] != '%') i++;
        if (i > lasti) buf_put(b, fmt + lasti, i - lasti);
        if (i >= end) break;
        i++;
        memset(&f, 0, sizeof f);
        f.b = b;
        /* flags */
        for (; i < end; i++) {
            char c = fmt[i];
            if (c == '#') f.sharp = true;
            else if (c == '0') f.zero = true;
            else if (c == '+') f.plus = true;
            else if (c == '-') f.minus = true;
            else if (c == ' ') f.space = true;
            else break;
        }
        after_index = arg_number(&ps, fmt, &i, end, argc);
        if (i < end && fmt[i] == '*') {
            i++;
            f.widp = int_from_arg(&ps, argc, argv, &f.wid);
            if (!f.widp) buf_puts(b, "%!(BADWIDTH)");
            if (f.wid < 0) { f.wid = -f.wid; f.minus = true; f.zero = false; }
            after_index = 0;
        } else {
            f.widp = parse_num(fmt, &i, end, &f.wid);
            if (after_index && f.widp) ps.good_argnum = 0;
        }
        if (i + 1 < end && fmt[i] == '.') {
            i++;
            if (after_index) ps.good_argnum = 0;
            after_index = arg_number(&ps, fmt, &i, end, argc);
            if (i < end && fmt[i] == '*') {
                i++;
                f.precp = int_from_arg(&ps, argc, argv, &f.prec);
                if (f.prec < 0) { f.prec = 0; f.precp = false; }
                if (!f.precp) buf_puts(b, "%!(BADPREC)");
                after_index = 0;
            } else {
                f.precp = parse_num(fmt, &i, end, &f.prec);
                if (!f.precp) { f.prec = 0; f.precp = true; }
            }
        }
        if (!after_index) after_index = arg_number(&ps, fmt, &i, end, argc);
        if (i >= end) { buf_puts(b, "%!(NOVERB)"); break; }
        uint32_t verb;
        int size = utf8_decode((const unsigned char *)fmt + i, end - i, &verb);
        i += (size_t)size;
        char tmp[4];
        if (verb == '%') { buf_putc(b, '%'); continue; }
        if (!ps.good_argnum) {
            buf_puts(b, "%!");
            buf_put(b, tmp, utf8_encode(tmp, verb));
            buf_puts(b, "(BADINDEX)");
            continue;
        }
        if (ps.argnum >= argc) {
            buf_puts(b, "%!");
            buf_put(b, tmp, utf8_encode(tmp, verb));
            buf_puts(b, "(MISSING)");
            continue;
        }
        if (verb == 'v') {
            f.sharpv = f.sharp; f.sharp = false;
            f.plusv = f.plus; f.plus = false;
        }
        if (verb == 'w') {
            /* Sprintf does not support %w: badVerb */
            bad_verb(&f, argv[ps.argnum], 'w', 1);
        } else {
            pr_arg(&f, argv[ps.argnum], (int)verb);
        }
        ps.argnum++;
    }
    if (!ps.reordered && ps.argnum < argc) {
        memset(&f, 0, sizeof f);
        f.b = b;
        buf_puts(b, "%!(EXTRA ");
        for (int k = ps.argnum; k < argc; k++) {
            if (k > ps.argnum) buf_puts(b, ", ");
            if (argv[k].t == VT_NIL) buf_puts(b, "<nil>");
            else {
                buf_puts(b, type_name(argv[k]));
                buf_putc(b, '=');
                pr_arg(&f, argv[k], 'v');
            }
        }
        buf_putc(b, ')');
    }
}

/* ---- sprig strval --------------------------------------------------- */

Value fn_strval(Value v)
{
    if (v.t == VT_STR) { v.g = GT_DEFAULT; return v; }
    Buf b = {0};
    go_print(&b, v);
    Value r = v_buf(&b);
    buf_free(&b);
    return r;
}
