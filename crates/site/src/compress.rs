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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn each_text_file_gets_a_gzip_and_a_brotli_copy_that_read_back_to_it() {
        let dir = std::env::temp_dir().join(format!("outage-site-compress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("scenarios")).unwrap();
        let page = "<p>The DNS Planner issues a plan; three Enactors apply it.</p>\n".repeat(40);
        fs::write(dir.join("index.html"), &page).unwrap();
        fs::write(dir.join("scenarios/a-1.bin"), page.as_bytes()).unwrap();
        fs::write(dir.join("tiny.svg"), "<svg/>").unwrap();
        fs::write(dir.join("photo.png"), page.as_bytes()).unwrap();
        beside_each_file(&dir).unwrap();
        for rel in ["index.html", "scenarios/a-1.bin"] {
            let mut back = String::new();
            flate2::read::GzDecoder::new(&fs::read(dir.join(format!("{rel}.gz"))).unwrap()[..])
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, page, "{rel}.gz");
            let mut back = String::new();
            brotli::Decompressor::new(&fs::read(dir.join(format!("{rel}.br"))).unwrap()[..], 4096)
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, page, "{rel}.br");
        }
        // No copy that would not be smaller, and none of what is not text or wasm.
        for rel in ["tiny.svg.gz", "tiny.svg.br", "photo.png.gz", "photo.png.br"] {
            assert!(!dir.join(rel).exists(), "{rel}");
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
