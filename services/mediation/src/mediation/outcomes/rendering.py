"""The mediation certificate as accessible HTML and as a PDF (fpdf2).

HTML: a complete document in plain English with `lang`, a title, one h1, headings in order
and a description list, no layout tables, no colour-only meaning. PDF: tagged title,
language and subject metadata, a Unicode font when the system has DejaVu Sans (names are not
always Latin-1), otherwise the core font with unencodable characters replaced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF
from jinja2 import Environment, select_autoescape

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

BASIS_TEXT = {
    "declined": "the parent or young person told the mediation adviser that they did not "
                "want mediation (SEND Regulations 2014, regulation 34)",
    "not_arranged_in_time": "mediation could not be arranged within 30 days of the local "
                            "authority being told that it was wanted (regulation 37)",
    "concluded": "mediation has ended (regulation 39)",
}


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True)
class CertificateView:
    certificate_no: str
    basis: str
    issued_on: date
    appeal_by: date
    decision_kind: str
    notified_on: date
    parties: list[str]
    recipients: list[dict[str, Any]]
    la_code: str

    def lines(self) -> list[tuple[str, str]]:
        return [
            ("Certificate number", self.certificate_no),
            ("Issued on", long_date(self.issued_on)),
            ("Why it was issued", BASIS_TEXT.get(self.basis, self.basis)),
            ("Decision", self.decision_kind.replace("_", " ")),
            ("Decision notice sent", long_date(self.notified_on)),
            ("Parties", ", ".join(self.parties)),
            ("Issued to", ", ".join(r["name"] for r in self.recipients)),
            ("Last day to appeal", long_date(self.appeal_by)),
        ]


_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mediation certificate {{ c.certificate_no }}</title>
<style>
body { font-family: Arial, sans-serif; font-size: 1.125rem; line-height: 1.5;
       max-width: 40em; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; }
dt { font-weight: bold; margin-top: 1rem; }
dd { margin-left: 0; }
.important { border-left: 0.4rem solid #0b0c0c; padding-left: 1rem; }
</style>
</head>
<body>
<main>
<h1>Mediation certificate</h1>
<p>This certificate is issued under section 55 of the Children and Families Act 2014.
You need it to appeal to the First-tier Tribunal (Special Educational Needs and
Disability).</p>
<h2>Certificate details</h2>
<dl>
{% for label, value in c.lines() %}<dt>{{ label }}</dt>
<dd>{{ value }}</dd>
{% endfor %}</dl>
<h2>Your right to appeal</h2>
<p class="important"><strong>The Tribunal must receive your appeal by
{{ appeal_by }}.</strong> That is the later of 2 months after the decision notice and
1 month after this certificate.</p>
<p>Give the certificate number when you appeal.</p>
</main>
</body>
</html>
"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_template = _env.from_string(_HTML)


def render_html(view: CertificateView) -> str:
    return _template.render(c=view, appeal_by=long_date(view.appeal_by))


def _font(pdf: FPDF) -> tuple[str, bool]:
    for folder in _FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def render_pdf(view: CertificateView) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"Mediation certificate {view.certificate_no}")
    pdf.set_subject("Mediation certificate (Children and Families Act 2014, s.55)")
    pdf.set_author(f"Local authority {view.la_code}")
    pdf.set_lang("en-GB")
    pdf.add_page()
    family, unicode_ok = _font(pdf)

    def text(value: str) -> str:
        return value if unicode_ok else value.encode("latin-1", "replace").decode("latin-1")

    pdf.set_font(family, "B", 20)
    pdf.multi_cell(0, 10, text("Mediation certificate"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 12)
    pdf.multi_cell(0, 7, text("Issued under section 55 of the Children and Families Act "
                              "2014. You need it to appeal to the First-tier Tribunal "
                              "(SEND)."), new_x="LMARGIN", new_y="NEXT")
    for label, value in view.lines():
        pdf.ln(2)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(0, 7, text(label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 12)
        pdf.multi_cell(0, 7, text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "B", 12)
    pdf.multi_cell(0, 7, text(f"The Tribunal must receive your appeal by "
                              f"{long_date(view.appeal_by)}."), new_x="LMARGIN",
                   new_y="NEXT")
    return bytes(pdf.output())
