"""Reads the first sheet of an XLSX workbook with nothing but the standard
library (zipfile and the sheet's XML) and prints it as JSON: whether the
first row is frozen, whether any cell holds a formula, and the rows, each
cell as [type, value] with type "n" (a number) or "s" (text).

    python3 xlsx_read.py FILE.xlsx
"""
import json, re, sys, zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def column_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def text_of(node):
    return "".join(t.text or "" for t in node.iter("{%s}t" % NS["m"]))


book = zipfile.ZipFile(sys.argv[1])
shared = []
if "xl/sharedStrings.xml" in book.namelist():
    root = ET.fromstring(book.read("xl/sharedStrings.xml"))
    shared = [text_of(si) for si in root.findall("m:si", NS)]
sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
pane = sheet.find(".//m:sheetView/m:pane", NS)
frozen = pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1"
rows, formulas = [], 0
for row in sheet.findall("m:sheetData/m:row", NS):
    cells = []
    for c in row.findall("m:c", NS):
        if c.find("m:f", NS) is not None:
            formulas += 1
        i = column_index(c.get("r"))
        while len(cells) < i:
            cells.append(None)
        kind = c.get("t")
        if kind == "s":
            cells.append(["s", shared[int(c.find("m:v", NS).text)]])
        elif kind in ("inlineStr", "str"):
            cells.append(["s", text_of(c)])
        else:
            v = c.find("m:v", NS)
            cells.append(["n", float(v.text)] if v is not None else None)
    rows.append(cells)
print(json.dumps({"frozen": frozen, "formulas": formulas, "rows": rows}, ensure_ascii=False))
