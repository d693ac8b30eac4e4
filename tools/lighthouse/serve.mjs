// A static server for the built app that behaves as a good static host, so Lighthouse measures
// the page and not the server: the right content types (application/wasm streams and compiles
// while it downloads), compressed bodies, and cache headers that let hashed files live forever.
//
//   node tools/lighthouse/serve.mjs [dir=dist] [port=0]   prints "listening http://127.0.0.1:PORT/"
//
// A body is compressed as the request allows: the build's own `file.br` or `file.gz` when it
// ships them, else compressed here once (brotli at its default quality, or gzip -9) and kept in
// memory, as a host that compresses at the edge would serve it. So a build with and one without
// precompressed files are measured on the same terms.
import { createServer } from "node:http";
import { readFileSync, statSync, existsSync, readdirSync } from "node:fs";
import { join, extname, resolve, sep } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = resolve(process.argv[2] || "dist");
const port = Number(process.argv[3] || 0);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt", ".xml", ".map", ".ico"]);
// Trunk names what it hashes `name-<16 hex>…`: such a file never changes under its name.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

const compressed = new Map(); // "path|encoding" -> Buffer, compressed once
function encode(path, body, encoding) {
  const key = `${path}|${encoding}`;
  if (!compressed.has(key)) {
    compressed.set(key, encoding === "br"
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 9 }));
  }
  return compressed.get(key);
}

function accepts(header, encoding) {
  return String(header || "").split(",").some((part) => {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return name.trim().toLowerCase() === encoding && !(q && Number(q.slice(2)) === 0);
  });
}

function resolvePath(url) {
  let path;
  try {
    path = decodeURIComponent(new URL(url, "http://x").pathname);
  } catch {
    return null;
  }
  if (path.endsWith("/")) path += "index.html";
  const file = resolve(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null; // no way out of the folder
  return file;
}

function respond(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const file = resolvePath(req.url);
  let stat = null;
  try {
    stat = file && statSync(file);
  } catch {}
  if (!stat || !stat.isFile()) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const ext = extname(file);
  const headers = {
    "Content-Type": TYPES[ext] || "application/octet-stream",
    // index.html and the service worker must be checked on every visit; hashed files never change.
    "Cache-Control": HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
    "X-Content-Type-Options": "nosniff",
  };
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  headers.ETag = etag;
  let body;
  if (COMPRESSIBLE.has(ext)) {
    headers.Vary = "Accept-Encoding";
    const ae = req.headers["accept-encoding"];
    for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
      if (!accepts(ae, encoding)) continue;
      headers["Content-Encoding"] = encoding;
      body = existsSync(file + suffix) ? readFileSync(file + suffix) : encode(file, readFileSync(file), encoding);
      headers.ETag = etag.replace(/"$/, `-${encoding}"`);
      break;
    }
  }
  if (req.headers["if-none-match"] === headers.ETag) {
    delete headers["Content-Type"];
    res.writeHead(304, headers).end();
    return;
  }
  body ??= readFileSync(file);
  headers["Content-Length"] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

if (!existsSync(join(root, "index.html"))) {
  console.error(`no index.html in ${root}: build the app first (./dev build)`);
  process.exit(1);
}
// Compress the build's files before the first request, so no measured request waits for it.
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath ?? entry.path, entry.name);
  if (!entry.isFile() || !COMPRESSIBLE.has(extname(file))) continue;
  if (!existsSync(file + ".br")) encode(file, readFileSync(file), "br");
  if (!existsSync(file + ".gz")) encode(file, readFileSync(file), "gzip");
}
const server = createServer((req, res) => {
  try {
    respond(req, res);
  } catch (e) {
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(`server error: ${e.message}\n`);
  }
});
// Started by run.mjs: stop with it.
process.on("disconnect", () => process.exit(0));
server.listen(port, "127.0.0.1", () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/`);
});
