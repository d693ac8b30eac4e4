#!/usr/bin/env python3
"""Give the built page a Content-Security-Policy: only its own origin, plus what wasm needs.

The page's two inline scripts (the loader the build writes, and the panel that explains a failed
start) are allowed by their SHA-256 hashes, computed here from the built page, so the policy
needs no 'unsafe-inline' for scripts and changes with every build as the loader does.
Style attributes are allowed inline (the app positions a few labels with them); style sheets
only from the page's origin.
"""
import base64
import hashlib
import re
import sys

path = sys.argv[1]
page = open(path, encoding="utf-8").read()
page = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, flags=re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")
policy = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src-elem 'self'",
    "style-src-attr 'unsafe-inline'",
    # blob: the map's SVG drawn into a canvas for its PNG download, made in the page.
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
page = page.replace("<head>", "<head>\n  " + meta, 1)
open(path, "w", encoding="utf-8").write(page)
print(f"content security policy: {len(hashes)} inline scripts allowed by hash", file=sys.stderr)
