"""The rules every uploaded scar photo passes: nothing the patient sends is kept as sent.

A file is refused before decoding when it is empty or over the size limit, or when its
first bytes are not JPEG, PNG or HEIC (an SVG or any other type). It is refused when it
carries markup (a PNG+HTML polyglot). Pillow then decodes the whole image with
MAX_IMAGE_PIXELS set and the pixel count checked from the header first (a decompression
bomb or a 100,000 x 100,000 header never reaches the decoder); a truncated file fails the
full decode. What survives is turned upright (EXIF orientation), shrunk to at most
MAX_SIDE px on the long side and written as a fresh JPEG with no metadata: no GPS, camera,
names, script or second file.
"""

import io
import warnings

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

try:  # HEIC only when pillow-heif is installed (it is pinned in requirements.txt).
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - the pinned set has it
    HEIC = False

MAX_BYTES = 15 * 1024 * 1024  # the default of the INTAKE_PHOTO_MAX_BYTES setting
MAX_PIXELS = 50_000_000  # a 48 MP phone photo fits; a bomb does not
MAX_SIDE = 2048
JPEG_QUALITY = 85
# Pillow refuses over twice this and warns over it; the warning is made an error below.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

FORMATS = ("JPEG", "PNG", "HEIF") if HEIC else ("JPEG", "PNG")
MARKUP = (b"<script", b"<html", b"<svg", b"<?php", b"<iframe", b"<body", b"<!doctype")


class PhotoRefused(Exception):
    """A file that is not a photo we keep; `message` is shown to the patient."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


EMPTY = _("The file is empty. Choose the photo again.")
TOO_BIG = _("The photo is too big. Choose a photo smaller than {mb} MB.")
WRONG_TYPE = _("This file is not a photo we can use. Choose a JPEG, PNG or HEIC photo.")
HIDDEN = _("This file has something other than a picture in it. Choose another photo.")
TOO_MANY_PIXELS = _("This picture is too large to open. Choose a photo from your camera.")
BROKEN = _("We could not open this photo. It may be damaged. Choose it again or take a new one.")


def sniffed_format(head):
    """The format the first bytes claim: "JPEG", "PNG", "HEIF" or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if HEIC and head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "HEIF"
    return None


def photo_remake(data, *, max_bytes=MAX_BYTES):
    """The photo `data` (bytes) re-made as a fresh JPEG (bytes), or PhotoRefused."""
    if not data:
        raise PhotoRefused(EMPTY)
    if len(data) > max_bytes:
        raise PhotoRefused(TOO_BIG.format(mb=max_bytes // (1024 * 1024)))
    claimed = sniffed_format(data[:16])
    if claimed is None:
        raise PhotoRefused(WRONG_TYPE)
    lowered = data.lower()
    if any(marker in lowered for marker in MARKUP):
        raise PhotoRefused(HIDDEN)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[claimed])
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRefused(TOO_MANY_PIXELS)
            image.load()  # the whole image: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise PhotoRefused(TOO_MANY_PIXELS) from bomb
    except (OSError, SyntaxError, ValueError) as broken:
        raise PhotoRefused(BROKEN) from broken
    return _fresh_jpeg(image)


def _fresh_jpeg(image):
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    # A new image from the pixels alone: nothing of the original's info dict comes along.
    fresh = Image.frombytes("RGB", image.size, image.tobytes())
    out = io.BytesIO()
    fresh.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()
