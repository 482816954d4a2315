"""Write the PDF reports of the PDF test with fpdf2: a two-page NGO briefing whose quote crosses
the page break (running header, page-number footer, a word hyphenated at a line end), and a
'scanned' PDF holding only an image (no text layer)."""
import sys
from fpdf import FPDF

out = sys.argv[1]


class Briefing(FPDF):
    def header(self):
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, "Harbour Rights Network - Briefing on Detentions in Marevo", align="C")
        self.ln(12)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, f"Page {self.page_no()} of 2", align="C")


pdf = Briefing()
pdf.core_fonts_encoding = "cp1252"
pdf.set_title("Briefing on Detentions in Marevo")
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()
pdf.set_font("Helvetica", size=12)
para = dict(new_x="LMARGIN", new_y="NEXT")
pdf.multi_cell(0, 5, "Police detained the lawyer Oleg Marchenko in Marevo on March 3, 2024, the Harbour Rights Network said.", **para)
pdf.ln(3)
for i in range(7):
    pdf.multi_cell(0, 5, f"The court in Marevo met again on the {i + 4}th of March and heard the prosecutor, who asked for more time to examine the documents seized from the office of the lawyer and his colleagues.", **para)
    pdf.ln(3)
pdf.multi_cell(0, 5, "The network wrote to the prosecutor general on 10 March asking for the docu-", **para)
pdf.multi_cell(0, 5, "ments of the case to be shown to his family.", **para)
pdf.ln(3)
# the quote starts two lines above the bottom margin, so it runs on to page 2
pdf.set_y(pdf.h - 20 - 10)
pdf.multi_cell(0, 5, "His colleague Irina Volkova told the network: \u201cHe was taken from his office without a warrant, held for two days without a lawyer, and nobody told his family where he was until the third day, when a guard called his wife.\u201d", **para)
pdf.ln(3)
pdf.multi_cell(0, 5, "The network called for his release.", **para)
pdf.output(f"{out}/briefing.pdf")

scan = FPDF()
scan.add_page()
# an image and no text: what a scanner makes
from PIL import Image
img = Image.new("L", (200, 100), 255)
img.save(f"{out}/page.png")
scan.image(f"{out}/page.png", x=10, y=10, w=180)
scan.output(f"{out}/scanned.pdf")
