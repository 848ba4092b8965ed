"""Checks a report as the browser built it (a DOM dump on stdin): that a
reader sees it in Chinese with figures as written. Prints what it found and
exits 1 with the reason when a check fails.

    chromium --dump-dom file://report.html | python3 report_text.py [NEEDLE ...]

Outside the closing list of sources (which quotes documents verbatim):
no number in e-notation, no run of nine or more digits (a raw 元 figure),
no file name of a stored document, no English column header or code; and
every NEEDLE given appears in the page.
"""
import re, sys
from html.parser import HTMLParser

ENGLISH = {"metric", "value", "unit", "doc", "kind", "status", "plan_doc", "cmp", "year", "region",
           "target", "actual", "gap", "rank", "name", "title", "indicators", "summary", "plan",
           "progress", "midyear", "gov-report", "met", "not met", "no data", ">=", "<=", "~"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.headers, self.cells, self.skip = [], [], [], [], 0

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        skip = tag in ("script", "style", "title") or "es-sources" in cls
        self.stack.append((tag, skip))
        self.skip += skip

    def handle_endtag(self, tag):
        while self.stack:
            t, skip = self.stack.pop()
            self.skip -= skip
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        tag = self.stack[-1][0] if self.stack else ""
        if tag == "th":
            self.headers.append(data.strip())
        elif tag in ("td", "a", "text"):
            self.cells.append(data.strip())


page = Page()
page.feed(sys.stdin.read())
text = " ".join(page.text)
problems = []
if re.search(r"\d[eE][+-]\d", text):
    problems.append("a number in e-notation: " + re.search(r"\S*\d[eE][+-]\d\S*", text).group(0))
raw = re.search(r"\d{9,}", text)
if raw:
    problems.append("a raw figure: " + raw.group(0))
name = re.search(r"\S+\.(txt|csv#\d+|html?)\b", text)
if name:
    problems.append("a file name: " + name.group(0))
for h in page.headers + page.cells:
    if h in ENGLISH:
        problems.append("an English header or code: " + h)
for needle in sys.argv[1:]:
    if needle not in text:
        problems.append("missing: " + needle)
print(f"{len(page.headers)} headers, {len(page.cells)} cells; headers: {' '.join(sorted(set(page.headers)))}")
if problems:
    sys.exit("FAIL: " + "; ".join(sorted(set(problems))[:10]))
