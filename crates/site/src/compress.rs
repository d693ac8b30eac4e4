//! A gzip and a brotli copy beside each file a browser downloads, for hosts that serve the
//! smaller one to a browser that accepts it (`Content-Encoding`) without compressing on request.

use std::fs;
use std::io::Write;
use std::path::Path;

/// What is worth compressing: text and the wasm (images in the site are already small SVG).
const COMPRESSED: &[&str] = &[
    ".html",
    ".js",
    ".css",
    ".wasm",
    ".svg",
    ".bin",
    ".webmanifest",
];

pub fn beside_each_file(dir: &Path) -> Result<(), String> {
    for rel in super::files(dir)? {
        if !COMPRESSED.iter().any(|ext| rel.ends_with(ext)) {
            continue;
        }
        let path = dir.join(&rel);
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gz = gzip(&bytes)?;
        let br = brotli(&bytes)?;
        // A copy no smaller than the file would only cost the host a lookup.
        for (ext, packed) in [("gz", gz), ("br", br)] {
            if packed.len() < bytes.len() {
                let out = dir.join(format!("{rel}.{ext}"));
                fs::write(&out, packed).map_err(|e| format!("{}: {e}", out.display()))?;
            }
        }
    }
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes).map_err(|e| e.to_string())?;
    z.finish().map_err(|e| e.to_string())
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        // Quality 11 (the best), a 4 MiB window: built once, downloaded by every visitor.
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        w.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(out)
}
