//! When the wasm is asked for: after the page's first paint, not with it. Trunk's page preloads
//! the wasm from its head and starts it as soon as the page is parsed; on a slow network that
//! download competes with the style sheets and the title card for the first paint. The page
//! the server sends paints first, and the wasm (still streamed and compiled as it arrives)
//! follows in the next task. (A preload hint at low priority still moved the largest paint of
//! Lighthouse's mobile run from 1.2 s to 3.2 s: docs/PERFORMANCE.md.)

use std::fs;
use std::path::Path;

/// What Trunk's loader awaits the wasm with.
const INIT: &str = "const wasm = await init(";
/// The first paint, then the next task.
const AFTER_PAINT: &str =
    "await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));\n";

pub fn write(dir: &Path) -> Result<(), String> {
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    fs::write(&path, after_first_paint(&page)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn after_first_paint(page: &str) -> Result<String, String> {
    if !page.contains(INIT) {
        return Err(format!("index.html has no wasm loader ({INIT}…)"));
    }
    let mut out = page.replacen(INIT, &format!("{AFTER_PAINT}{INIT}"), 1);
    // The wasm's preload hint, one <link …> of Trunk's.
    while let Some(at) = out.find("<link rel=\"preload\"") {
        let end = out[at..]
            .find('>')
            .map(|e| at + e + 1)
            .ok_or("index.html has a <link> that does not end")?;
        if !out[at..end].contains("_bg.wasm") {
            return Err("index.html preloads something other than the wasm".into());
        }
        out.replace_range(at..end, "");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_is_asked_for_after_the_first_paint_and_not_preloaded() {
        let page = concat!(
            "<head><link rel=\"preload\" href=\"/a_bg.wasm\" as=\"fetch\" type=\"application/wasm\">",
            "<script type=\"module\">import init from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script></head>"
        );
        let out = after_first_paint(page).unwrap();
        assert!(!out.contains("rel=\"preload\""), "{out}");
        let paint = out.find("requestAnimationFrame").unwrap();
        assert!(paint < out.find(INIT).unwrap(), "{out}");
        assert!(after_first_paint("<html></html>").is_err());
    }
}
