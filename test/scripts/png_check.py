#!/usr/bin/python3
"""Checks a PNG rendered from one of the extension's SVG pictures: it decodes (8-bit RGB or RGBA,
not interlaced, as rsvg-convert writes), has the width and height given, has ink, and leaves a
margin of `margin` pixels of background (transparent or white) on every side -- a title or a
label that ran off the picture would touch the edge.  Prints "ok" or what is wrong; exit 1 then.
Only the standard library (zlib) is used.  Usage: png_check.py FILE WIDTH HEIGHT [MARGIN]"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, w = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            w, h, depth, color, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or color not in (2, 6) or interlace != 0:
                raise ValueError('unsupported PNG (depth %d, color %d, interlace %d)' % (depth, color, interlace))
            bpp = 4 if color == 6 else 3
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    margin = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    w, h, bpp, rows = decode(path)

    def ink(x, y):
        px = rows[y][x * bpp:(x + 1) * bpp]
        if bpp == 4 and px[3] < 16:
            return False
        return min(px[:3]) < 240

    problems = []
    if (w, h) != (want_w, want_h):
        problems.append('size %dx%d, expected %dx%d' % (w, h, want_w, want_h))
    edge = [(x, y) for y in range(h) for x in range(w)
            if (x < margin or y < margin or x >= w - margin or y >= h - margin) and ink(x, y)]
    if edge:
        problems.append('%d inked pixels within %d px of the edge, e.g. at %s' % (len(edge), margin, edge[:3]))
    inked = sum(ink(x, y) for y in range(0, h, 2) for x in range(0, w, 2))
    if inked < 50:
        problems.append('almost nothing drawn (%d sampled pixels)' % inked)
    print('ok' if not problems else '; '.join(problems))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
