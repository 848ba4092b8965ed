"""Checks that a PNG screenshot shows a page with content: decodes it (8-bit
RGB or RGBA, not interlaced, as Chromium writes them) and prints the share of
non-white pixels, the number of distinct colours, and the pixel count of each
colour given as RRGGBB arguments.

    python3 png_check.py FILE.png [RRGGBB ...]
"""
import struct, sys, zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"FAIL: {path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit(f"FAIL: unsupported PNG layout {header}")
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


width, height, bpp, rows = decode(sys.argv[1])
counts = {}
for line in rows:
    for x in range(0, len(line), bpp):
        key = bytes(line[x:x + 3])
        counts[key] = counts.get(key, 0) + 1
total = width * height
white = counts.get(b"\xff\xff\xff", 0)
print(f"{width}x{height} nonwhite={100 * (total - white) / total:.1f}% colours={len(counts)}")
for hexcolour in sys.argv[2:]:
    print(f"{hexcolour}={counts.get(bytes.fromhex(hexcolour), 0)}")
