"""Draws the two tabBar icons (home, me) as small PNGs with no image library: run once,
the PNGs are committed. WeChat wants PNG files of at most 40 KB, 81x81 px recommended."""
import math, struct, zlib, os

SIZE = 81
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'assets', 'tab')

def png(pixels):
    raw = b''.join(b'\x00' + bytes(sum((list(p) for p in row), [])) for row in pixels)
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

def draw(inside, rgb):
    # 4x4 supersampling for smooth edges
    rows = []
    for y in range(SIZE):
        row = []
        for x in range(SIZE):
            hits = sum(inside(x + (i + .5) / 4, y + (j + .5) / 4) for i in range(4) for j in range(4))
            row.append((*rgb, round(255 * hits / 16)))
        rows.append(row)
    return png(rows)

def home(x, y):
    roof = y >= 14 and y <= 40 and abs(x - 40.5) <= (y - 14) * 1.15 + 3 and abs(x - 40.5) >= (y - 14) * 1.15 - 5
    body = 36 <= y <= 68 and 18 <= x <= 63 and not (40 <= y <= 66 and 22 <= x <= 59 and not (50 <= y and 34 <= x <= 47))
    door = 50 <= y <= 68 and 34 <= x <= 47
    return roof or body or door

def me(x, y):
    head = (x - 40.5) ** 2 + (y - 28) ** 2 <= 12 ** 2 and (x - 40.5) ** 2 + (y - 28) ** 2 >= 8 ** 2
    d = ((x - 40.5) / 25) ** 2 + ((y - 70) / 24) ** 2
    body = y <= 68 and 0.72 <= d <= 1 or (64 <= y <= 68 and 15.5 <= x <= 65.5 and d <= 1)
    return head or body

for name, shape in (('home', home), ('me', me)):
    for suffix, rgb in (('', (0x5c, 0x64, 0x70)), ('-active', (0x15, 0x60, 0xd4))):
        with open(os.path.join(OUT, f'{name}{suffix}.png'), 'wb') as f:
            f.write(draw(shape, rgb))
print('icons written to', os.path.normpath(OUT))
