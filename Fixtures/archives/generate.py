#!/usr/bin/env python3
"""Regenerates the archive fixtures of IntakeArchiveTests, byte for byte.

Run from anywhere: `python3 Fixtures/archives/generate.py`. Every timestamp, owner and compression level is
fixed so that a rerun with the same Python/zlib/zstd versions rewrites identical bytes (git shows no change).
The data is invented; e-mail addresses use example.com.
"""

import bz2
import gzip
import io
import lzma
import os
import subprocess
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# 2024-03-01 12:00:00 UTC: one fixed instant for every member and file.
MTIME = 1709294400
ZIP_DATE = (2024, 3, 1, 12, 0, 0)

HEADER = "Name,Email,Lineitem quantity,Lineitem sku\n"

ORDERS = HEADER + (
    "#1001,anna.mueller@example.com,2,TEE-WHT-M\n"
    "#1001,anna.mueller@example.com,1,MUG-11OZ-BLK\n"
    "#1002,ben.okafor@example.com,3,POSTER-A3-MATTE\n"
)
ORDERS_1 = HEADER + (
    "#2001,carla.rossi@example.com,1,HOODIE-NVY-L\n"
    "#2002,dev.patel@example.com,4,STICKER-PACK-5\n"
)
ORDERS_2 = HEADER + (
    "#2003,emma.lindqvist@example.com,2,TOTE-NAT\n"
    "#2003,emma.lindqvist@example.com,1,CAP-BLK\n"
    "#2004,farid.haddad@example.com,1,CANVAS-30X40\n"
)
OK = HEADER + "#3001,gina.novak@example.com,1,TEE-BLK-S\n"

# A few bytes that look like the start of a PDF: enough for "not a CSV entry".
PDF = b"%PDF-1.4\n% intake fixture: not a CSV\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
# What Finder puts in __MACOSX/: an AppleDouble header; never read as CSV.
APPLEDOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 16


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)
    os.utime(path(name), (MTIME, MTIME))


def gzip_bytes(data, fname):
    buf = io.BytesIO()
    # filename= sets the header's FNAME as gzip(1) would; mtime= fixes the header's timestamp.
    with gzip.GzipFile(filename=fname, mode="wb", fileobj=buf, compresslevel=9, mtime=MTIME) as g:
        g.write(data)
    return buf.getvalue()


def zstd_bytes(data):
    # The zstd CLI writes no name or time into the frame, so the output depends only on the input and level.
    return subprocess.run(
        ["zstd", "-q", "-19", "-c", "--no-progress"], input=data, stdout=subprocess.PIPE, check=True
    ).stdout


def zip_bytes(members):
    """members: (name, bytes or None for a directory) in order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3  # Unix, so external_attr carries a Unix mode.
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                z.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def tar_info(name, kind=tarfile.REGTYPE, size=0, linkname=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = size
    info.linkname = linkname
    info.mtime = MTIME
    info.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    info.uid = info.gid = 1000
    info.uname = info.gname = "intake"
    return info


def tar_bytes(members, fmt):
    """members: TarInfo with optional data, in order."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for info, data in members:
            if data is None:
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def drops_members():
    return [
        (tar_info("orders/", tarfile.DIRTYPE), None),
        (tar_info("orders/orders_1.csv"), ORDERS_1.encode()),
        (tar_info("orders/.DS_Store"), b"\x00\x00\x00\x01Bud1"),
        (tar_info("orders/orders_2.csv"), ORDERS_2.encode()),
        (tar_info("README.pdf"), PDF),
    ]


def main():
    orders = ORDERS.encode()
    write("orders.csv", orders)
    write("orders.csv.gz", gzip_bytes(orders, "orders.csv"))
    write("orders.csv.zst", zstd_bytes(orders))
    # bz2 and xz (lzma) streams carry no name or time: fixed by their input and settings.
    write("orders.csv.bz2", bz2.compress(orders, 9))

    drops_zip = zip_bytes([
        ("orders/", None),
        ("orders/orders_1.csv", ORDERS_1.encode()),
        ("orders/orders_2.csv", ORDERS_2.encode()),
        ("__MACOSX/orders/._orders_1.csv", APPLEDOUBLE),
        ("README.pdf", PDF),
    ])
    write("drops.zip", drops_zip)

    # Detection is by content: a zip whose name says nothing.
    write("drop-without-suffix.bin", zip_bytes([("orders.csv", orders)]))

    drops_tar = tar_bytes(drops_members(), tarfile.PAX_FORMAT)  # magic "ustar\0" "00"
    write("drops.tar", drops_tar)
    write("drops.tar.gz", gzip_bytes(drops_tar, "drops.tar"))
    # The .tgz holds a GNU tar (magic "ustar  \0") so both tar dialects are read through a filter.
    write("drops.tgz", gzip_bytes(tar_bytes(drops_members(), tarfile.GNU_FORMAT), "drops.tar"))
    write("drops.tar.zst", zstd_bytes(drops_tar))
    write("drops.tar.xz", lzma.compress(drops_tar, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6))

    # ZipInfo keeps the names as given (ZipFile.write would sanitise them): that is the attack.
    write("zip-slip.zip", zip_bytes([
        ("../evil.csv", b"Name\nowned\n"),
        ("/etc/evil.csv", b"Name\nowned\n"),
        ("ok.csv", OK.encode()),
    ]))

    fifo = tar_info("pipe.csv", tarfile.FIFOTYPE)
    device = tar_info("null.csv", tarfile.CHRTYPE)
    device.devmajor, device.devminor = 1, 3
    write("links.tar", tar_bytes([
        (tar_info("ok.csv"), OK.encode()),
        (tar_info("symlink.csv", tarfile.SYMTYPE, linkname="/etc/passwd"), None),
        (tar_info("hardlink.csv", tarfile.LNKTYPE, linkname="ok.csv"), None),
        (device, None),
        (fifo, None),
    ], tarfile.GNU_FORMAT))

    # Enough rows that the cut lands inside the compressed data of the first (only) entry, not in a header.
    big = (HEADER + "".join(
        f"#{4000 + i},customer{i}@example.com,{i % 7 + 1},SKU-{i * 7919 % 100000:05d}\n" for i in range(400)
    )).encode()
    whole_zip = zip_bytes([("orders.csv", big)])
    write("truncated.zip", whole_zip[: len(whole_zip) // 2])
    whole_gz = gzip_bytes(big, "truncated.csv")
    write("truncated.csv.gz", whole_gz[: len(whole_gz) // 2])

    # 20 MiB of repeated rows: gzip's ~1000:1 best case makes it a few tens of KB.
    row = b"#1001,anna.mueller@example.com,2,TEE-WHT-M\n"
    target = 20 * 1024 * 1024
    bomb = HEADER.encode() + row * ((target - len(HEADER)) // len(row))
    write("bomb.csv.gz", gzip_bytes(bomb, "bomb.csv"))

    # The same bomb through zstd (~20,000:1 at level 19) and zip (deflate, ~1000:1).
    write("bomb.csv.zst", zstd_bytes(bomb))
    write("bomb.zip", zip_bytes([("bomb.csv", bomb)]))

    # A zip holding a symlink (mode 0o120777, the link target as data) and a character device beside a plain entry.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("ok.csv", date_time=ZIP_DATE)
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        z.writestr(info, OK.encode())
        link = zipfile.ZipInfo("passwd.csv", date_time=ZIP_DATE)
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        z.writestr(link, b"/etc/passwd")
        device = zipfile.ZipInfo("null.csv", date_time=ZIP_DATE)
        device.create_system = 3
        device.external_attr = 0o020644 << 16  # a character device
        z.writestr(device, b"")
    write("links.zip", buf.getvalue())

    # An archive inside an archive: read as one entry of an unknown kind (never opened: no nesting, no recursion).
    write("nested.zip", zip_bytes([("inner.zip", drops_zip), ("ok.csv", OK.encode())]))

    write("many-entries.zip", zip_bytes([
        (f"orders_{i:03d}.csv", (HEADER + f"#{5000 + i},buyer{i}@example.com,1,SKU-{i:03d}\n").encode())
        for i in range(1, 51)
    ]))


if __name__ == "__main__":
    main()
