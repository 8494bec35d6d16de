#!/usr/bin/env python3
"""ref.py - an independent implementation of the seeded streams that
man/chartc.1 (REPRODUCIBLE RENDERS) specifies, in plain Python (hashlib,
hmac and a ChaCha20 written from RFC 8439), to check chartc's bytes against
the specification rather than against themselves.

usage: ref.py SEED RELEASE TEMPLATE CALL FUNCTION [ARGS...]
  prints what call number CALL of FUNCTION in TEMPLATE draws:
    randAlpha N | randAlphaNum N | randNumeric N | randAscii N | randBytes N
    randInt MIN MAX | uuidv4 | shuffle STRING | bytes N (hex) | rsa BITS (p and q, hex)
    ecdsa (the P-256 scalar, hex) | ed25519 (the seed, hex) | serial BITS (after an RSA key of BITS; 0: none)
    bcryptsalt (the 22 characters after "$2a$10$")
  ref.py --selftest   checks ChaCha20 against RFC 8439's test vectors
"""
import base64, hashlib, hmac, struct, sys

M32 = 0xffffffff


def _rotl(v, n):
    return ((v << n) & M32) | (v >> (32 - n))


def _qr(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & M32; s[d] = _rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & M32; s[b] = _rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & M32; s[d] = _rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & M32; s[b] = _rotl(s[b] ^ s[c], 7)


def chacha20_block(key, counter, nonce):
    """RFC 8439 2.3: one 64-byte block"""
    st = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] + list(struct.unpack('<8L', key)) + \
         [counter] + list(struct.unpack('<3L', nonce))
    w = st[:]
    for _ in range(10):
        _qr(w, 0, 4, 8, 12); _qr(w, 1, 5, 9, 13); _qr(w, 2, 6, 10, 14); _qr(w, 3, 7, 11, 15)
        _qr(w, 0, 5, 10, 15); _qr(w, 1, 6, 11, 12); _qr(w, 2, 7, 8, 13); _qr(w, 3, 4, 9, 14)
    return struct.pack('<16L', *[(w[i] + st[i]) & M32 for i in range(16)])


class Stream:
    """call `call` of the template's stream"""

    def __init__(self, seed, release, template, call):
        msg = b'chartc-seed-v1\0' + release.encode() + b'\0' + template.encode()
        self.key = hmac.new(seed.encode(), msg, hashlib.sha256).digest()
        self.nonce = b'\0\0\0\0' + struct.pack('>Q', call)
        self.block, self.buf = 0, b''

    def read(self, n):
        while len(self.buf) < n:
            self.buf += chacha20_block(self.key, self.block, self.nonce)
            self.block += 1
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def below(self, n):
        lim = (2**64 - 1) - (2**64 - 1) % n
        while True:
            r = int.from_bytes(self.read(8), 'big')
            if r < lim:
                return r % n


def is_prime(n):
    """Miller-Rabin with the first 40 prime bases (a composite passing is
    not a concern for random candidates)"""
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
             101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173]
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def rsa_prime(st, k):
    nb = (k + 7) // 8
    excess = nb * 8 - k
    while True:
        b = bytearray(st.read(nb))
        b[0] >>= excess
        if excess < 7:
            b[0] |= 0xc0 >> excess
        else:
            b[0] |= 1; b[1] |= 0x80
        b[-1] |= 1
        c = int.from_bytes(b, 'big')
        if is_prime(c):
            return c


def rsa(st, bits):
    from math import gcd
    while True:
        p = rsa_prime(st, (bits + 1) // 2)
        q = rsa_prime(st, bits // 2)
        if gcd(65537, (p - 1) * (q - 1)) != 1 or abs(p - q) <= 2**(bits // 2 - 100):
            continue
        return p, q


P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551


def scalar(st, n):
    nb = (n.bit_length() + 7) // 8
    excess = nb * 8 - n.bit_length()
    while True:
        b = bytearray(st.read(nb))
        b[0] >>= excess
        k = int.from_bytes(b, 'big')
        if 0 < k < n:
            return k


ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
DIGITS = '0123456789'
ASCII = ''.join(chr(c) for c in range(32, 127))


def main(a):
    seed, release, template, call, fn, args = a[0], a[1], a[2], int(a[3]), a[4], a[5:]
    st = Stream(seed, release, template, call)
    alphabets = {'randAlpha': ALPHA, 'randAlphaNum': ALPHA + DIGITS, 'randNumeric': DIGITS, 'randAscii': ASCII}
    if fn in alphabets:
        s = alphabets[fn]
        return ''.join(s[st.below(len(s))] for _ in range(int(args[0])))
    if fn == 'randBytes':
        return base64.b64encode(st.read(int(args[0]))).decode()
    if fn == 'bytes':
        return st.read(int(args[0])).hex()
    if fn == 'randInt':
        return str(int(args[0]) + st.below(int(args[1]) - int(args[0])))
    if fn == 'uuidv4':
        u = bytearray(st.read(16))
        u[6] = (u[6] & 0x0f) | 0x40
        u[8] = (u[8] & 0x3f) | 0x80
        h = u.hex()
        return '-'.join([h[:8], h[8:12], h[12:16], h[16:20], h[20:]])
    if fn == 'shuffle':
        c = list(args[0])
        for i in range(len(c) - 1, 0, -1):
            j = st.below(i + 1)
            c[i], c[j] = c[j], c[i]
        return ''.join(c)
    if fn == 'rsa':
        p, q = rsa(st, int(args[0]))
        return '%x %x' % (p, q)
    if fn == 'serial':
        if int(args[0]):
            rsa(st, int(args[0]))
        return '%X' % int.from_bytes(st.read(16), 'big')
    if fn == 'ecdsa':
        return '%064x' % scalar(st, P256_N)
    if fn == 'ed25519':
        return st.read(32).hex()
    if fn == 'bcryptsalt':
        a = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
        bits = int.from_bytes(st.read(16), 'big') << 4   # 128 bits padded to 22 six-bit groups
        return ''.join(a[(bits >> (6 * (21 - i))) & 63] for i in range(22))
    sys.exit('ref.py: unknown function ' + fn)


def selftest():
    # RFC 8439 2.3.2 (block function) and 2.4.2 (first 16 bytes of the cipher text)
    key = bytes(range(32))
    blk = chacha20_block(key, 1, bytes.fromhex('000000090000004a00000000'))
    assert blk[:16].hex() == '10f1e7e4d13b5915500fdd1fa32071c4', blk[:16].hex()
    ks = chacha20_block(key, 1, bytes.fromhex('000000000000004a00000000'))
    pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
    ct = bytes(x ^ y for x, y in zip(pt[:16], ks))
    assert ct.hex() == '6e2e359a2568f98041ba0728dd0d6981', ct.hex()
    return 'ok'


if __name__ == '__main__':
    print(selftest() if sys.argv[1:] == ['--selftest'] else main(sys.argv[1:]))
