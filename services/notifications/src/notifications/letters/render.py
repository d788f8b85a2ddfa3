"""A statutory notice as a printed letter: an accessible PDF (fpdf2).

Accessible here means: real text in embedded Unicode TrueType fonts (searchable, read
aloud, copied), a structure tree that tags the heading, the address block and each
paragraph in reading order (one column), the document title shown by viewers, and the
language (en-GB). The text font is the first of the configured fonts that exists; the
others are fallbacks for characters it lacks. A name or address with a character that no
font can draw is refused (``LetterFontError``) rather than printed as empty boxes.

fpdf2 tags images and links itself; paragraph tags go through its structure-tree builder
(``struct_builder``), which its public API does not expose yet.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF, ViewerPreferences
from pypdf import PdfReader, PdfWriter

TEXT_SIZE = 12
HEADING_SIZE = 15
LINE_MM = 6.0
LEFT_MM = 25.0
ADDRESS_TOP_MM = 50.0  # a DL window envelope shows the address block here


class LetterFontError(ValueError):
    """The letter has characters that none of the fonts can draw (or no font exists)."""


@dataclass(frozen=True)
class LetterContent:
    """What one letter says: to whom (the name, then the address lines and postcode), the
    notice's subject and text, the day it is dated and the delivery it belongs to."""

    addressee: Sequence[str]
    subject: str
    body: str
    dated: date
    reference: str


@lru_cache(maxsize=32)
def _code_points(path: str) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def available_fonts(paths: Sequence[str]) -> list[str]:
    """The configured font files that exist, in order."""
    return [p for p in paths if Path(p).is_file()]


def uncovered(text: str, fonts: Sequence[str]) -> list[str]:
    """The characters of ``text`` that none of ``fonts`` has a glyph for (spacing and
    control characters aside), in order of first appearance."""
    covered = frozenset().union(*(_code_points(f) for f in fonts)) if fonts else frozenset()
    missing: dict[str, None] = {}
    for char in text:
        if char.isspace() or unicodedata.category(char).startswith("C"):
            continue
        if ord(char) not in covered:
            missing[char] = None
    return list(missing)


def check_coverage(content: LetterContent, fonts: Sequence[str]) -> None:
    if not fonts:
        raise LetterFontError("no letter font is installed (see the letter_fonts setting)")
    missing = uncovered("\n".join([*content.addressee, content.subject, content.body]), fonts)
    if missing:
        names = ", ".join(f"U+{ord(c):04X}" for c in missing[:10])
        raise LetterFontError(f"the letter fonts cannot draw {len(missing)} character(s): "
                              f"{names}")


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@contextmanager
def _tagged(pdf: FPDF, struct_type: str) -> Iterator[None]:
    """Mark what is drawn inside as one structure element (P, H1 …) of the document."""
    mcid = pdf.struct_builder.next_mcid_for_page(pdf.page)
    pdf._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)  # noqa: SLF001
    pdf._out(f"/{struct_type} <</MCID {mcid}>> BDC")  # noqa: SLF001
    yield
    pdf._out("EMC")  # noqa: SLF001


def _paragraph(pdf: FPDF, text: str, struct_type: str = "P", size: int = TEXT_SIZE) -> None:
    """Lines of one paragraph, tagged; split across pages as whole lines (a tagged
    sequence never spans a page break)."""
    pdf.set_font_size(size)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    lines: list[str] = list(pdf.multi_cell(  # type: ignore[arg-type]
        width, LINE_MM, text, dry_run=True, output="LINES"))
    while lines:
        room = max(1, int((pdf.page_break_trigger - pdf.get_y()) // LINE_MM))
        if room < 2 and len(lines) > 1:
            pdf.add_page()
            continue
        chunk, lines = lines[:room], lines[room:]
        with _tagged(pdf, struct_type):
            for line in chunk:
                pdf.cell(width, LINE_MM, line, new_x="LMARGIN", new_y="NEXT")
        if lines:
            pdf.add_page()
    pdf.ln(LINE_MM / 2)


def _fonts(pdf: FPDF, fonts: Sequence[str]) -> None:
    pdf.add_font("letter", "", fonts[0])
    fallbacks = []
    for n, path in enumerate(fonts[1:]):
        pdf.add_font(f"fallback{n}", "", path)
        fallbacks.append(f"fallback{n}")
    pdf.set_font("letter", size=TEXT_SIZE)
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)


def render_letter(content: LetterContent, font_paths: Sequence[str]) -> bytes:
    """The letter as PDF bytes; LetterFontError if a character cannot be drawn."""
    fonts = available_fonts(font_paths)
    check_coverage(content, fonts)
    pdf = FPDF(format="A4")
    pdf.set_title(content.subject)
    pdf.set_lang("en-GB")
    pdf.set_subject("A statutory notice about special educational needs and disability")
    pdf.set_creator("sendsys notifications")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_margins(LEFT_MM, 20, 20)
    pdf.set_auto_page_break(True, margin=25)
    _fonts(pdf, fonts)
    pdf.add_page()
    _paragraph(pdf, long_date(content.dated))
    pdf.set_y(ADDRESS_TOP_MM)
    _paragraph(pdf, "\n".join(line for line in content.addressee if line))
    pdf.ln(LINE_MM)
    _paragraph(pdf, content.subject, "H1", HEADING_SIZE)
    for block in (b.strip() for b in content.body.split("\n\n")):
        if block:
            _paragraph(pdf, block)
    _paragraph(pdf, f"Reference: {content.reference}", size=9)
    return bytes(pdf.output())


def combine(letters: Sequence[bytes]) -> bytes:
    """One PDF of the letters one after another (each starts on a new sheet), for the
    print room; each letter keeps its own PDF for the record."""
    writer = PdfWriter()
    for document in letters:
        reader = PdfReader(io.BytesIO(document))
        writer.append(reader)
        if len(reader.pages) % 2:
            writer.add_blank_page()  # duplex printing: the next letter on a new sheet
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
