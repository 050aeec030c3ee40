"""Encoding cleaned pages and assembling them into one PDF per document.

Each page is encoded once, when it is scanned, into the form the PDF embeds as it is:
- grey and colour: baseline JPEG (``DCTDecode``), quality 50, 4:2:0 chroma for colour. The
  paper was whitened first, so a 300-dpi grey A4 text page is a couple of hundred kB;
- line art: CCITT Group 4 (``CCITTFaxDecode``, the fax code scanners and archives use),
  produced by libtiff through Pillow; if Pillow was built without libtiff, Flate on the
  1-bit raster.

The writer is a few dozen lines rather than a library: pages are single images, the output
is deterministic (no dates, no random ids), so scanning the same paper twice gives the same
bytes and the content-addressed store keeps one copy.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image, TiffImagePlugin, features

JPEG_QUALITY = 50


class Codec(StrEnum):
    JPEG = "jpeg"
    G4 = "g4"
    FLATE1 = "flate1"


@dataclass(frozen=True)
class EncodedPage:
    """A page as the PDF will carry it, plus what is needed to show it again."""

    codec: Codec
    data: bytes  # JPEG file, TIFF-G4 file, or zlib of the packed 1-bit rows
    width: int
    height: int
    dpi: int
    color: bool

    def decode(self) -> Image.Image:
        if self.codec is Codec.FLATE1:
            raw = zlib.decompress(self.data)
            return Image.frombytes("1", (self.width, self.height), raw)
        with Image.open(io.BytesIO(self.data)) as img:
            img.load()
            return img.copy()

    @property
    def size_bytes(self) -> int:
        return len(self.data)


def encode_page(img: Image.Image, dpi: int) -> EncodedPage:
    w, h = img.size
    if img.mode == "1":
        if features.check("libtiff"):
            buf = io.BytesIO()
            # one strip holding every row: the PDF filter takes a single G4 stream
            img.save(buf, "TIFF", compression="group4", tiffinfo={278: h}, dpi=(dpi, dpi))
            return EncodedPage(Codec.G4, buf.getvalue(), w, h, dpi, False)
        data = zlib.compress(img.tobytes("raw", "1"), 9)
        return EncodedPage(Codec.FLATE1, data, w, h, dpi, False)
    color = img.mode == "RGB"
    src = img if color else img.convert("L")
    buf = io.BytesIO()
    src.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True, subsampling="4:2:0", dpi=(dpi, dpi))
    return EncodedPage(Codec.JPEG, buf.getvalue(), w, h, dpi, color)


def _g4_stream(tiff: bytes) -> bytes:
    with TiffImagePlugin.TiffImageFile(io.BytesIO(tiff)) as img:
        offsets = img.tag_v2[273]
        counts = img.tag_v2[279]
    if len(offsets) != 1:
        raise ValueError("a G4 page must be a single strip")
    return tiff[offsets[0] : offsets[0] + counts[0]]


def _image_object(page: EncodedPage) -> tuple[bytes, bytes]:
    """(dictionary, stream) of the page's image XObject."""
    base = f"/Type /XObject /Subtype /Image /Width {page.width} /Height {page.height} "
    if page.codec is Codec.JPEG:
        space = "/DeviceRGB" if page.color else "/DeviceGray"
        head = base + f"/ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode"
        return head.encode(), page.data
    if page.codec is Codec.G4:
        # Pillow's "1" images are stored BlackIsZero, so black pixels are coded as fax "white"
        # runs; /BlackIs1 true turns them back into black.
        parms = f"/DecodeParms << /K -1 /Columns {page.width} /Rows {page.height} /BlackIs1 true >>"
        head = base + f"/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode {parms}"
        return head.encode(), _g4_stream(page.data)
    head = base + "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode"
    return head.encode(), page.data


def build_pdf(pages: Sequence[EncodedPage], title: str = "") -> bytes:
    """One PDF, one page per image, each page the size of the paper at its resolution."""
    if not pages:
        raise ValueError("a document needs at least one page")
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree's number is known
    info = add(b"<< /Producer (motcua-desk) /Title " + _pdf_text(title) + b" >>")
    kids: list[int] = []
    tree = add(b"")
    for page in pages:
        head, stream = _image_object(page)
        image = add(_stream(head, stream))
        w_pt = page.width * 72 / page.dpi
        h_pt = page.height * 72 / page.dpi
        content = add(_stream(b"", f"q {w_pt:.3f} 0 0 {h_pt:.3f} 0 0 cm /Im0 Do Q".encode()))
        page_dict = (
            f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {w_pt:.3f} {h_pt:.3f}] "
            f"/Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>"
        )
        kids.append(add(page_dict.encode()))
    refs = " ".join(f"{k} 0 R" for k in kids)
    objects[tree - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _stream(head: bytes, data: bytes) -> bytes:
    return (
        b"<< "
        + head
        + b" /Length "
        + str(len(data)).encode()
        + b" >>\nstream\n"
        + data
        + (b"\nendstream")
    )


def _pdf_text(text: str) -> bytes:
    """A PDF text string in UTF-16BE (Vietnamese titles are not Latin-1)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
