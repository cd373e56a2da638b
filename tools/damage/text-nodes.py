#!/usr/bin/env python3
"""An HTML page's text as a crawler stores it: every text node stripped, the non-empty ones joined
by newlines (Scrapy/lxml `//text()` joined, BeautifulSoup get_text("\\n", strip=True)): one cell per
line with no blank line between rows, and an empty cell leaves nothing. Knows nothing of the
template or the engine. Usage: text-nodes.py PAGE.html > PAGE.txt"""
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s): super().__init__(convert_charrefs=True); s.out=[]; s.skip=0
    def handle_starttag(s,t,a):
        if t in ("script","style","title"): s.skip+=1
    def handle_endtag(s,t):
        if t in ("script","style","title"): s.skip-=1
    def handle_data(s,d):
        if not s.skip and d.strip(): s.out.append(d.strip())
p=P(); p.feed(open(sys.argv[1],encoding='utf-8').read()); print("\n".join(p.out))
