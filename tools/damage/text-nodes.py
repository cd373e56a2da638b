#!/usr/bin/env python3
"""An HTML page's text as a crawler stores it. Knows nothing of the template or the engine.

  text-nodes.py PAGE.html          every text node stripped, the non-empty ones joined by newlines
                                   (Scrapy/lxml `//text()` joined, BeautifulSoup get_text("\\n",
                                   strip=True)): one cell per line, no blank line between rows, an
                                   empty cell leaves nothing
  text-nodes.py --glued PAGE.html  a line per paragraph and table row, its text nodes stripped and
                                   joined with nothing (get_text("", strip=True) per block): a row's
                                   digits glued together ("规章000", "一、本年新收…8213521")
"""
import sys
from html.parser import HTMLParser

BLOCKS = ("p", "tr", "br", "div", "h1", "h2", "h3", "h4", "li", "table")

class Text(HTMLParser):
    def __init__(self, glued):
        super().__init__(convert_charrefs=True)
        self.glued, self.out, self.skip = glued, [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"): self.skip += 1
        if self.glued and tag in BLOCKS: self.out.append("\n")
    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"): self.skip -= 1
    def handle_data(self, data):
        if self.skip or not data.strip(): return
        self.out.append(data.strip() if self.glued else data.strip() + "\n")

args = sys.argv[1:]
glued = args[:1] == ["--glued"]
p = Text(glued)
p.feed(open(args[-1], encoding="utf-8").read())
text = "".join(p.out)
if glued: text = "\n".join(l for l in text.split("\n") if l) + "\n"
sys.stdout.write(text)
