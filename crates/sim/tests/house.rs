//! The house a newcomer moves into: a README that is a user's page with the two commands near
//! the top, a LICENSE that matches the crates' manifests, and test files small enough to read
//! (none over 500 lines).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_readme_is_a_users_page_with_the_two_commands_near_the_top() {
    let readme = read("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    assert!(lines.len() <= 300, "README.md is {} lines", lines.len());
    for command in ["./dev serve", "./dev test"] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(command))
            .unwrap_or_else(|| panic!("README.md does not show {command}"));
        assert!(at < 30, "{command} is at line {}", at + 1);
    }
}

#[test]
fn the_license_file_is_the_one_the_manifests_name() {
    let license = read("LICENSE");
    for manifest in ["Cargo.toml", "crates/sim/Cargo.toml"] {
        assert!(read(manifest).contains("license = \"MIT\""), "{manifest}");
    }
    assert!(
        license.starts_with("MIT License"),
        "LICENSE is not the MIT license"
    );
}

/// Every file below `dir` whose name ends with one of `ends`.
fn files(dir: &Path, ends: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if name != "node_modules" {
                files(&path, ends, out);
            }
        } else if ends.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

#[test]
fn no_test_file_is_over_500_lines() {
    let mut found = Vec::new();
    files(&root().join("crates/sim/tests"), &[".rs"], &mut found);
    files(&root().join("e2e"), &[".mjs"], &mut found);
    assert!(found.len() > 10, "the test files were not found");
    let long: Vec<String> = found
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 500).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:?}");
}

/// Every file a page of the documentation names in `code` spans exists in the repository: a
/// path from the root or from a folder the page is about, a bare name somewhere in the tree.
#[test]
fn every_file_the_documentation_names_is_in_the_repository() {
    let mut pages = vec![root().join("README.md")];
    files(&root().join("docs"), &[".md"], &mut pages);
    let mut tree = Vec::new();
    for dir in ["crates", "src", "e2e", "docs", "scripts", "style"] {
        files(&root().join(dir), &[""], &mut tree);
    }
    // And the files at the root.
    tree.extend(
        std::fs::read_dir(root())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file()),
    );
    let names: Vec<String> = tree
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    let bases = [
        "",
        "crates/sim/",
        "crates/sim/src/",
        "crates/sim/src/engine/",
        "crates/sim/src/presentation/",
        "crates/sim/src/models/",
        "crates/sim/tests/",
        "src/",
        "e2e/",
        "e2e/specs/",
        "docs/",
    ];
    let kinds = [
        ".rs", ".mjs", ".md", ".json", ".toml", ".sh", ".css", ".html", ".txt",
    ];
    let mut missing = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for span in text.split('`').skip(1).step_by(2) {
            let path = span.split([':', '#', ' ']).next().unwrap_or_default();
            // Spans across lines are code blocks' fences, not names.
            if span.contains('\n')
                || !kinds.iter().any(|k| path.ends_with(k))
                || path.contains(['<', '*', '…'])
            {
                continue;
            }
            let found = if path.contains('/') {
                bases.iter().any(|b| root().join(b).join(path).exists())
            } else {
                names.iter().any(|n| n == path)
            };
            if !found {
                missing.push(format!("{}: {path}", page.display()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
