//! The offline copy: a web app manifest, and a service worker that keeps every file of this build
//! after the first visit, so a hall without a network still opens every outage's links.
//!
//! Versions never mix: the worker's cache is named by a fingerprint of the whole build, and the
//! page itself is fetched from the network first, so a new build's page asks for its own files
//! (their names carry their hashes), and the old cache is deleted once the new worker has kept
//! every new file.

use outage_sim::presentation::packed::fingerprint;
use outage_sim::Scenario;
use std::fs;
use std::path::Path;

const WORKER: &str = "sw.js";
const MANIFEST: &str = "manifest.webmanifest";

pub fn write(dir: &Path, scenarios: &[Scenario]) -> Result<(), String> {
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let icon = super::files(dir)?
        .into_iter()
        .find(|f| f.starts_with("favicon") && f.ends_with(".svg"))
        .ok_or("the build has no favicon*.svg for the manifest's icon")?;
    let outages: Vec<String> = scenarios.iter().map(|s| s.file.title.clone()).collect();
    write(MANIFEST, manifest(&icon, &outages))?;
    // Everything but the worker itself, taken after the manifest is written.
    let kept: Vec<String> = super::files(dir)?
        .into_iter()
        .filter(|f| f != WORKER && !f.ends_with(".gz") && !f.ends_with(".br"))
        .collect();
    let mut whole = Vec::new();
    for f in &kept {
        whole.extend_from_slice(f.as_bytes());
        whole.push(0);
        whole.extend(fs::read(dir.join(f)).map_err(|e| format!("{f}: {e}"))?);
    }
    write(WORKER, worker(&fingerprint(&whole), &kept))
}

fn manifest(icon: &str, outages: &[String]) -> String {
    format!(
        r##"{{
  "name": "Outage Explorer",
  "short_name": "Outages",
  "description": "Replay real cloud outages and break things on purpose: {}.",
  "start_url": ".",
  "scope": ".",
  "display": "standalone",
  "background_color": "#ffffff",
  "theme_color": "#1d4ed8",
  "icons": [{{ "src": "{icon}", "sizes": "any", "type": "image/svg+xml" }}]
}}
"##,
        outages.join(", ").replace('"', "'")
    )
}

fn worker(version: &str, files: &[String]) -> String {
    let list: Vec<String> = files.iter().map(|f| format!("  {f:?},")).collect();
    format!(
        r#"// Outage Explorer's offline copy of build {version}: written by the build, not by hand.
const CACHE = "outage-explorer-{version}";
const FILES = [
  "./",
{list}
];

self.addEventListener("install", (event) => {{
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("outage-explorer-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
}});

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {{
    // The page from the network when there is one, so a new build is seen on the next visit.
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((c) => c.match("./"))));
    return;
  }}
  // Every other file's name is this build's own: the kept copy is the right one.
  event.respondWith(
    caches.open(CACHE).then((c) => c.match(request, {{ ignoreSearch: true }})).then((kept) => kept || fetch(request))
  );
}});
"#,
        list = list.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_keeps_every_file_and_names_its_cache_by_the_build() {
        let files = vec!["index.html".to_string(), "scenarios/a-1.bin".to_string()];
        let w = worker("abc", &files);
        assert!(w.contains(r#"const CACHE = "outage-explorer-abc";"#));
        assert!(w.contains(r#"  "index.html","#) && w.contains(r#"  "scenarios/a-1.bin","#));
        assert_ne!(worker("abd", &files), w);
    }

    #[test]
    fn the_manifest_is_json_naming_its_icon() {
        let m = manifest("favicon-1.svg", &["A \"quoted\" outage".into()]);
        assert!(m.contains(r#""src": "favicon-1.svg""#));
        assert!(!m.contains("\\\""), "{m}");
    }
}
