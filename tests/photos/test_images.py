"""The image rules (intake/photos/images.py), with hostile files made here from bytes."""

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from intake.photos import images
from intake.photos.images import PhotoRefused, photo_remake


def _jpeg(size=(640, 480), exif=None, color=(180, 120, 100)):
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, "JPEG", **kwargs)
    return out.getvalue()


def _png(size=(64, 48), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header_only(width, height):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def _refusal(data, **kwargs):
    with pytest.raises(PhotoRefused) as refused:
        photo_remake(data, **kwargs)
    return str(refused.value.message)


def test_a_jpeg_comes_out_a_fresh_jpeg_no_bigger_than_2048():
    out = photo_remake(_jpeg((4000, 1000)))
    image = Image.open(io.BytesIO(out))
    assert image.format == "JPEG"
    assert image.size == (2048, 512)


def test_gps_exif_in_none_out():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (40.0, 44.0, 54.0), 3: "W", 4: (73.0, 59.0, 9.0)}  # GPS
    data = _jpeg(exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    out = photo_remake(data)
    image = Image.open(io.BytesIO(out))
    assert not image.getexif()
    assert b"PhoneMaker" not in out and b"Exif" not in out


def test_the_orientation_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees to show
    out = photo_remake(_jpeg((300, 100), exif=exif.tobytes()))
    assert Image.open(io.BytesIO(out)).size == (100, 300)


def test_a_png_with_transparency_becomes_a_jpeg():
    out = photo_remake(_png(mode="RGBA"))
    assert Image.open(io.BytesIO(out)).mode == "RGB"


@pytest.mark.skipif(not images.HEIC, reason="pillow-heif not installed")
def test_a_heic_photo_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 150, 130)).save(out, "HEIF")
    assert Image.open(io.BytesIO(photo_remake(out.getvalue()))).format == "JPEG"


def test_a_png_html_polyglot_is_refused():
    data = _png() + b"<html><script>alert(1)</script></html>"
    assert _refusal(data) == images.HIDDEN


def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")  # 64 MP of nothing: a few kB
    assert len(out.getvalue()) < 100_000
    assert _refusal(out.getvalue()) == images.TOO_MANY_PIXELS


def test_a_100000_by_100000_header_is_refused_before_decoding():
    assert _refusal(_png_header_only(100_000, 100_000)) == images.TOO_MANY_PIXELS


def test_a_truncated_file_is_refused():
    data = _jpeg((800, 600))
    assert _refusal(data[: len(data) // 2]) == images.BROKEN


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert _refusal(svg) == images.WRONG_TYPE


def test_a_zero_byte_file_is_refused():
    assert _refusal(b"") == images.EMPTY


def test_a_wrong_type_is_refused():
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    assert _refusal(gif.getvalue()) == images.WRONG_TYPE
    assert _refusal(b"%PDF-1.7 not a photo") == images.WRONG_TYPE


def test_a_file_over_the_limit_is_refused_before_decoding():
    message = _refusal(b"\xff\xd8\xff" + b"\x00" * 2048, max_bytes=1024 * 1024 // 512)
    assert "too big" in message


def test_a_12_megapixel_photo_is_re_made_in_under_1_5_seconds():
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    data = io.BytesIO()
    noise.save(data, "JPEG", quality=92)
    # The best of three: the machine is shared, and one slow run is its load, not ours.
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        photo_remake(data.getvalue())
        timings.append(time.perf_counter() - started)
    assert min(timings) < 1.5, timings
