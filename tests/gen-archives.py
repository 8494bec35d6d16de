#!/usr/bin/env python3
"""gen-archives.py - write the crafted chart archives testdata/charts/arc-*.tgz.

Each archive exercises one corner of Go's compress/gzip and archive/tar readers
or of Helm's LoadArchiveFiles (duplicates, path checks, size limits). Their
expected output is Helm's: testdata/cases.tsv has an "arc__NAME" row for each,
recorded by tests/gen-goldens.sh. Rerun this script (deterministic: zero
mtimes, fixed gzip headers) only to add cases, then regenerate those goldens:

    python3 tests/gen-archives.py && sh tests/gen-goldens.sh arc__
"""
import gzip
import io
import os
import struct
import sys
import tarfile
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'testdata', 'charts')
CASES = []          # (name, extra args) of the golden cases

CY = b'apiVersion: v2\nname: c\nversion: 0.1.0\n'
# lists every file with its size (and a digest of its bytes)
T = (b'kind: A\nfiles: {{ range $k, $v := .Files }}{{ $k }}={{ len $v }}:'
     b'{{ $v | toString | sha1sum | trunc 8 }},{{ end }}\n')


def gz(data):
    return gzip.compress(data, mtime=0)


def blk(name, size=0, typ=b'0', mode=b'0000644\0', magic=b'ustar\x0000', sizefield=None,
        prefix=b'', extra=(), chk=None, dev=None):
    """One 512-byte header, checksum computed unless chk is given."""
    h = bytearray(512)
    h[0:len(name)] = name
    h[100:108] = mode
    h[108:116] = b'0000000\0'
    h[116:124] = b'0000000\0'
    h[124:136] = sizefield if sizefield is not None else (b'%011o\0' % size)
    h[136:148] = b'00000000000\0'
    h[156:157] = typ
    h[257:265] = magic
    if dev is not None:
        h[329:337] = dev
    if prefix:
        h[345:345 + len(prefix)] = prefix
    for off, val in extra:
        h[off:off + len(val)] = val
    h[148:156] = b'        '
    h[148:156] = b'%06o\0 ' % (sum(h) if chk is None else chk)
    return bytes(h)


def ent(name, data, **kw):
    return blk(name, len(data), **kw) + data + b'\0' * (-len(data) % 512)


END = b'\0' * 1024
BASE = ent(b'c/Chart.yaml', CY) + ent(b'c/templates/t.yaml', T)


def pax(recs):
    out = b''
    for k, v in recs:
        body = b' ' + k + b'=' + v + b'\n'
        n = len(body) + 1
        while len(str(n)) + len(body) != n:
            n += 1
        out += str(n).encode() + body
    return out


def tar(entries, fmt=tarfile.GNU_FORMAT):
    """A tar stream from (name, data-or-None-for-a-directory) with tarfile."""
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode='w', format=fmt) as t:
        for name, data in entries:
            ti = tarfile.TarInfo(name)
            if data is None:
                ti.type = tarfile.DIRTYPE
                t.addfile(ti)
            else:
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
    return b.getvalue()


def case(name, data, args='', golden=True):
    """Write arc-NAME.tgz; golden=False for archives whose error names the
    archive's absolute path (tests/cli/loader.sh compares them with Helm)."""
    with open(os.path.join(OUT, 'arc-%s.tgz' % name), 'wb') as f:
        f.write(data)
    if golden:
        CASES.append((name, args))


def tcase(name, body, args=''):
    """A case whose tar stream is BASE + body + END, gzipped."""
    case(name, gz(BASE + body + END), args)


def main():
    # ---- tar formats and names ----
    long = 'd' * 120
    for fmt, fname in ((tarfile.GNU_FORMAT, 'gnu'), (tarfile.PAX_FORMAT, 'pax'),
                       (tarfile.USTAR_FORMAT, 'ustar')):
        path = 'c/%s/x.txt' % long if fname == 'ustar' else 'c/%s/%s/x.txt' % (long, long)
        case('long-' + fname, gz(tar([('c/Chart.yaml', CY), ('c/templates/t.yaml', T),
                                      (path, b'hi')], fmt)))
    tcase('prefix', ent(b'f.txt', b'hello', prefix=b'c/pre'))
    tcase('star', ent(b'f.txt', b'hello', prefix=b'c/star', extra=[(508, b'tar\0')]))
    tcase('gnu', ent(b'c/f.txt', b'hello', magic=b'ustar  \0'))
    tcase('gnu-oldprefix', ent(b'f.txt', b'hello', magic=b'ustar  \0', prefix=b'c/gnupre'))
    tcase('v7', ent(b'c/v7.txt', b'hello', magic=b'\0' * 8, dev=b'garbage!'))
    tcase('ustar-baddev', ent(b'c/f.txt', b'hello', dev=b'garbage!'))
    tcase('size-base256', blk(b'c/f.txt', sizefield=b'\x80' + b'\0' * 10 + b'\x05') + b'hello'.ljust(512, b'\0'))
    tcase('size-base256-neg', blk(b'c/f.txt', sizefield=b'\xff' * 12))
    tcase('size-base256-big', blk(b'c/f.txt', sizefield=b'\x80\x01' + b'\0' * 10))
    tcase('size-spaces', blk(b'c/f.txt', sizefield=b'   5   \0\0\0\0\0') + b'hello'.ljust(512, b'\0'))
    tcase('size-nonoctal', blk(b'c/f.txt', sizefield=b'0000000009\0\0') + b'x' * 512)
    tcase('checksum-bad', blk(b'c/f.txt', 5, chk=1) + b'hello'.ljust(512, b'\0'))
    tcase('checksum-signed', ent(b'c/f\xe9.txt', b'hello'))
    case('zero-block-then-eof', gz(BASE + b'\0' * 512))
    case('zero-block-then-header', gz(BASE + b'\0' * 512 + ent(b'c/f.txt', b'x') + END))
    case('no-end-blocks', gz(BASE))
    # ---- entry types ----
    tcase('types', ent(b'c/f.txt', b'data') + blk(b'c/link.txt', typ=b'2') + blk(b'c/hard.txt', typ=b'1') +
          blk(b'c/chr', typ=b'3') + blk(b'c/blk', typ=b'4') + blk(b'c/fifo', typ=b'6') + blk(b'c/dir', typ=b'5'))
    tcase('types-other', ent(b'c/cont.txt', b'contdata', typ=b'7') + ent(b'c/dumpdir', b'abc', typ=b'D') +
          ent(b'c/vol', b'label', typ=b'V') + ent(b'c/unknown.txt', b'xyz', typ=b'A'))
    tcase('symlink-with-data', ent(b'c/symdata.txt', b'abc', typ=b'2') + ent(b'c/f.txt', b'data'))
    tcase('symlink-size', blk(b'c/sym', 5, typ=b'2'))
    tcase('symlink-negsize', blk(b'c/sym', typ=b'2', sizefield=b'\xff' * 12))
    tcase('dir-with-data', ent(b'c/dirdata', b'abc', typ=b'5') + ent(b'c/f.txt', b'data'))
    tcase('mode-dir', ent(b'c/md.txt', b'hello', mode=b'0040755\0') + ent(b'c/md2.txt', b'hello', mode=b'0140755\0'))
    tcase('rega', ent(b'c/rega.txt', b'abc', typ=b'\0') + blk(b'c/regadir/', typ=b'\0'))
    # ---- PAX and GNU meta entries ----
    tcase('pax-global', ent(b'c/glob', pax([(b'comment', b'hello')]), typ=b'g') + ent(b'c/f.txt', b'data'))
    tcase('pax-global-bad', ent(b'c/glob', b'a', typ=b'g') + ent(b'c/f.txt', b'data'))
    tcase('pax-path', ent(b'c/paxh', pax([(b'path', b'c/renamed')]), typ=b'x') + ent(b'c/f.txt', b'data'))
    tcase('pax-two', ent(b'p1', pax([(b'path', b'c/first')]), typ=b'x') +
          ent(b'p2', pax([(b'path', b'c/second')]), typ=b'x') + ent(b'c/f.txt', b'data'))
    tcase('pax-size', ent(b'c/paxh', pax([(b'size', b'2')]), typ=b'x') + ent(b'c/f.txt', b'data'))
    for nm, rec in (('size', b'12 size=abc\n'), ('uid', b'11 uid=1.5\n'), ('mtime', b'14 mtime=1.x5\n'),
                    ('short', b'5 a=b\n'), ('emptykey', b'7 =b\n'), ('nulpath', b'13 path=a\x00b\n'),
                    ('nolen', b'path=x\n'), ('noeq', b'8 pathx\n')):
        tcase('pax-bad-' + nm, ent(b'c/paxh', rec, typ=b'x') + ent(b'c/f.txt', b'data'))
    tcase('pax-good-times', ent(b'c/paxh', pax([(b'mtime', b'1.55'), (b'atime', b'-3'), (b'uid', b'+7')]),
                                typ=b'x') + ent(b'c/f.txt', b'data'))
    tcase('pax-too-long', ent(b'pax', b'x' * (1 << 20) + b'y', typ=b'x') + ent(b'c/f.txt', b'x'))
    tcase('gnu-longname', ent(b'././@LongLink', b'c/longname.txt\0junk', typ=b'L') + ent(b'c/f.txt', b'data'))
    tcase('gnu-longname-empty', ent(b'././@LongLink', b'\0', typ=b'L') + ent(b'c/f.txt', b'data'))
    tcase('gnu-longname-over-pax', ent(b'c/paxh', pax([(b'path', b'c/paxname')]), typ=b'x') +
          ent(b'././@LongLink', b'c/gnuname.txt', typ=b'L') + ent(b'c/f.txt', b'data'))
    tcase('gnu-longlink', ent(b'././@LongLink', b'target', typ=b'K') + ent(b'c/f.txt', b'data'))
    tcase('gnu-longname-too-long', ent(b'././@LongLink', b'c/' + b'n' * (1 << 20), typ=b'L') + ent(b'c/f.txt', b'x'))
    tcase('gnu-longname-1mib', ent(b'././@LongLink', b'c/' + b'n' * ((1 << 20) - 2), typ=b'L') + ent(b'c/f.txt', b'x'))
    # ---- sparse files ----
    def old_sparse(name, size, frags, data, more=None, magic=b'ustar  \0'):
        ex = [(483, b'%011o\0' % size)]
        for i, (o, n) in enumerate(frags[:4]):
            ex += [(386 + 24 * i, b'%011o\0' % o), (386 + 24 * i + 12, b'%011o\0' % n)]
        if more is not None:
            ex.append((482, b'\1'))
        h = blk(name, len(data), typ=b'S', magic=magic, extra=ex)
        if more is not None:
            e = bytearray(512)
            for i, (o, n) in enumerate(more):
                e[24 * i:24 * i + 12] = b'%011o\0' % o
                e[24 * i + 12:24 * i + 24] = b'%011o\0' % n
            h += bytes(e)
        return h + data + b'\0' * (-len(data) % 512)
    tcase('sparse-gnu', old_sparse(b'c/s.bin', 20, [(2, 3), (8, 2)], b'abcde', more=[(15, 1)]) +
          old_sparse(b'c/h.bin', 70000, [(70000, 0)], b''))
    tcase('sparse-gnu-v7', old_sparse(b'c/s.bin', 20, [(2, 3)], b'abc', magic=b'\0' * 8))

    def pax_sparse(name, recs, data):
        return ent(b'paxh', pax(recs), typ=b'x') + ent(name, data)
    for nm, recs, data in (
            ('0.1', [(b'GNU.sparse.numblocks', b'2'), (b'GNU.sparse.map', b'2,3,8,2'), (b'GNU.sparse.size', b'12')], b'abcde'),
            ('0.0', [(b'GNU.sparse.size', b'12'), (b'GNU.sparse.numblocks', b'2'), (b'GNU.sparse.offset', b'2'),
                     (b'GNU.sparse.numbytes', b'3'), (b'GNU.sparse.offset', b'8'), (b'GNU.sparse.numbytes', b'2')], b'abcde'),
            ('0.0-order', [(b'GNU.sparse.numbytes', b'3')], b'abc'),
            ('1.0', [(b'GNU.sparse.major', b'1'), (b'GNU.sparse.minor', b'0'), (b'GNU.sparse.realsize', b'20')],
             b'2\n1\n2\n10\n3\n'.ljust(512, b'\0') + b'xyzzy'),
            ('1.0-bad', [(b'GNU.sparse.major', b'1'), (b'GNU.sparse.minor', b'0'), (b'GNU.sparse.realsize', b'20')],
             b'2\n1\n2\nq\n3\n'.ljust(512, b'\0') + b'xyzzy'),
            ('1.0-short', [(b'GNU.sparse.major', b'1'), (b'GNU.sparse.minor', b'0'), (b'GNU.sparse.realsize', b'20')],
             b'2\n1\n2\n10\n'),
            ('1.0-neg', [(b'GNU.sparse.major', b'1'), (b'GNU.sparse.minor', b'0'), (b'GNU.sparse.realsize', b'20')],
             b'-1\n'.ljust(512, b'\0')),
            ('missing-data', [(b'GNU.sparse.numblocks', b'2'), (b'GNU.sparse.map', b'2,3,8,3'), (b'GNU.sparse.size', b'12')], b'abcde'),
            ('unref-data', [(b'GNU.sparse.numblocks', b'1'), (b'GNU.sparse.map', b'2,3'), (b'GNU.sparse.size', b'12')], b'abcde'),
            ('overlap', [(b'GNU.sparse.numblocks', b'2'), (b'GNU.sparse.map', b'2,3,4,2'), (b'GNU.sparse.size', b'12')], b'abcde'),
            ('beyond', [(b'GNU.sparse.numblocks', b'2'), (b'GNU.sparse.map', b'2,3,8,5'), (b'GNU.sparse.size', b'12')], b'abcdefgh'),
            ('count', [(b'GNU.sparse.numblocks', b'3'), (b'GNU.sparse.map', b'2,3,8,2'), (b'GNU.sparse.size', b'12')], b'abcde'),
            ('zero', [(b'GNU.sparse.major', b'0'), (b'GNU.sparse.minor', b'1'), (b'GNU.sparse.numblocks', b'0'),
                      (b'GNU.sparse.map', b''), (b'GNU.sparse.size', b'7')], b''),
            ('name', [(b'GNU.sparse.numblocks', b'1'), (b'GNU.sparse.map', b'0,5'), (b'GNU.sparse.size', b'5'),
                      (b'GNU.sparse.name', b'c/real.bin')], b'abcde'),
            ('unknown-version', [(b'GNU.sparse.major', b'2'), (b'GNU.sparse.minor', b'0'), (b'GNU.sparse.size', b'5')], b'abcde')):
        tcase('sparse-pax-' + nm, pax_sparse(b'c/sp.bin', recs, data))
    tcase('sparse-symlink', ent(b'paxh', pax([(b'GNU.sparse.map', b'0,1'), (b'GNU.sparse.numblocks', b'1')]), typ=b'x') +
          blk(b'c/sym', typ=b'2'))
    # ---- sizes: a file over 5 MiB, a chart of 100 MiB (sparse holes cost nothing) ----
    five = 5 * 1024 * 1024
    tcase('file-5mib', old_sparse(b'c/big.bin', five, [(five, 0)], b''))
    tcase('file-over-5mib', old_sparse(b'c/big.bin', five + 1, [(five + 1, 0)], b''))
    tcase('chart-100mib', b''.join(old_sparse(b'c/b%02d.bin' % i, five, [(five, 0)], b'') for i in range(20)))
    tcase('chart-under-100mib', b''.join(old_sparse(b'c/b%02d.bin' % i, five, [(five, 0)], b'') for i in range(19)) +
          old_sparse(b'c/last.bin', five - 200, [(five - 200, 0)], b''))
    # ---- Helm's path checks ----
    for nm, path in (('abs', b'c//abs.txt'), ('parent', b'c/../up.txt'), ('dotdot-name', b'c/..x.txt'),
                     ('drive', b'c/C:/x.txt'), ('win', b'c\\templates\\w.yaml'), ('win-mixed', b'c\\x/y\\z.txt'),
                     ('no-dir', b'top.txt'), ('chart-yaml-dir', b'Chart.yaml/x'), ('clean', b'c/./a/../b.txt'),
                     ('slash-only', b'c/'), ('bom', b'c/bom.txt')):
        data = b'\xef\xbb\xbfbom' if nm == 'bom' else (b'kind: W\n' if nm == 'win' else b'x')
        tcase('path-' + nm, ent(path, data, typ=b'0'))
    case('only-dirs', gz(ent(b'c/', b'', typ=b'5') + END))
    case('empty-tar', gz(END))
    # ---- repeated entries: a template, a file, values.yaml once (the last);
    # Chart.yaml entries merge; a repeated subchart archive keeps its first;
    # a repeated CRD prints twice ----
    sub = lambda kind: gz(tar([('s/Chart.yaml', b'apiVersion: v2\nname: s\nversion: 0.1.0\n'),
                               ('s/templates/t.yaml', kind)]))
    tdup = (b'kind: A\nv: {{ .Values | toJson }}\nd: {{ .Chart.Description }} {{ .Chart.AppVersion }}\n'
            b'f: {{ .Files.Get "f.txt" }}\n' + T[8:] + b'{{ define "x" }}two{{ end }}x: {{ include "x" . }}\n')
    dup = tar([('c/Chart.yaml', CY + b'description: first\n'), ('c/values.yaml', b'a: 1\nb: 1\n'), ('c/f.txt', b'first'),
               ('c/crds/c.yaml', b'kind: CustomResourceDefinition\nn: first\n'),
               ('c/templates/t.yaml', b'kind: X\n{{ define "x" }}one{{ end }}'), ('c/templates/', None), ('c/templates/', None),
               ('c/charts/s.tgz', sub(b'kind: S1\n')), ('c/charts/s.tgz', sub(b'kind: S2\n')),
               ('c/Chart.yaml', CY + b'appVersion: "2"\n'), ('c/values.yaml', b'a: 2\n'), ('c/f.txt', b'second'),
               ('c/crds/c.yaml', b'kind: CustomResourceDefinition\nn: second\n'), ('c/templates/t.yaml', tdup),
               ('c/charts/d/Chart.yaml', b'apiVersion: v2\nname: d\nversion: 0.1.0\n'),
               ('c/charts/d/templates/t.yaml', b'kind: D1\n'), ('c/charts/d/templates/t.yaml', b'kind: D2\n'),
               ('c/values.schema.json', b'{"required":["zz"]}'), ('c/values.schema.json', b'{}')])
    case('duplicates', gz(dup))
    case('duplicates-crds', gz(dup), '--include-crds')
    # ---- subchart archives (their errors are reported unwrapped) ----
    okt = tar([('s/Chart.yaml', b'apiVersion: v2\nname: s\nversion: 0.1.0\n'), ('s/templates/t.yaml', b'kind: S\n')],
              tarfile.PAX_FORMAT)
    okg = gz(okt)
    for nm, data in (('ok', okg), ('truncated', okg[:len(okg) // 2]), ('bad-deflate', b'\x1f\x8b\x08' + b'\0' * 20),
                     ('empty', b''), ('not-tar', gz(b'not a tar' * 100)), ('corrupt', okg[:10] + bytes([okg[10] ^ 0xff]) + okg[11:])):
        case('sub-' + nm, gz(tar([('c/Chart.yaml', CY), ('c/templates/t.yaml', b'kind: A\n'), ('c/charts/s.tgz', data)])))
    # ---- gzip: truncation, trailers, members, header flags, corrupt deflate ----
    plain = BASE + ent(b'c/f.txt', b'hello') + END
    g = gz(plain)
    case('gz-truncated', g[:len(g) // 2])
    case('gz-header-only', g[:10])
    case('gz-header-short', g[:7])
    case('gz-no-trailer', g[:-8])
    case('gz-bad-crc', g[:-8] + bytes([g[-8] ^ 0xff]) + g[-7:])
    case('gz-trailing-garbage', g + b'garbage!garbage!')
    body = BASE + ent(b'c/f.txt', b'hello')      # ends without the end-of-archive blocks
    g2 = gz(body)
    case('gz-open-tar', g2)
    case('gz-open-tar-bad-crc', g2[:-8] + bytes([g2[-8] ^ 0xff]) + g2[-7:])
    case('gz-open-tar-garbage', g2 + b'xx')
    case('gz-open-tar-short-trailer', g2[:-3])
    case('gz-open-tar-next-member-short', g2 + g2[:5])
    case('gz-members', gz(plain[:700]) + gz(plain[700:]))
    case('gz-empty-member', gz(b'') + gz(plain))
    case('tar-truncated-data', gz(plain[:512 + 3]))
    case('tar-truncated-header', gz(plain[:1024 + 100]))

    def hdr(flags, extra=b'', name=b'', comment=b'', hcrc=None):
        x = b'\x1f\x8b\x08' + bytes([flags]) + b'\0\0\0\0\0\xff'
        if flags & 4:
            x += struct.pack('<H', len(extra)) + extra
        if flags & 8:
            x += name + b'\0'
        if flags & 16:
            x += comment + b'\0'
        if flags & 2:
            x += struct.pack('<H', zlib.crc32(x) & 0xffff if hcrc is None else hcrc)
        return x
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = co.compress(plain) + co.flush()
    trailer = struct.pack('<II', zlib.crc32(plain), len(plain))
    case('gz-flags', hdr(2 | 4 | 8 | 16, b'EX', b'name.tar', b'comment') + raw + trailer)
    case('gz-flags-bad-hcrc', hdr(2 | 4 | 8 | 16, b'EX', b'name.tar', b'comment', 0x1234) + raw + trailer, golden=False)
    case('gz-name-511', hdr(8, name=b'n' * 511) + raw + trailer)
    case('gz-name-512', hdr(8, name=b'n' * 512) + raw + trailer, golden=False)
    case('gz-reserved-flags', hdr(0xe0) + raw + trailer)
    case('gz-extra-short', hdr(4, b'EXTRA')[:13])
    case('gz-name-short', hdr(8, name=b'abc')[:12])
    for off in (0, 1, 2, 5, 30):
        b = bytearray(raw)
        b[off] ^= 0xff
        case('gz-corrupt-%d' % off, hdr(0) + bytes(b) + trailer)
    b = bytearray(raw)
    b[0] |= 6                                   # block type 3 (reserved)
    case('gz-corrupt-btype', hdr(0) + bytes(b) + trailer)
    case('gz-corrupt-stored', hdr(0) + b'\x01\x05\x00\x00\x00abcde' + trailer)
    case('gz-not-tar', gz(b'hello world, this is not a tar' * 30))
    case('gz-empty', gz(b''))
    case('gz-zeros', gz(b'\0' * 1024))

    rows = ''.join('arc__%s\tr testdata/charts/arc-%s.tgz%s\n' % (n, n, ' ' + a if a else '') for n, a in CASES)
    if len(sys.argv) > 1 and sys.argv[1] == '--rows':
        sys.stdout.write(rows)


main()
