//! The built-in scenarios' maps, laid out when the app was built (see `build.rs`): a page draws
//! its map without routing edges first, and the wasm carries neither a router nor a parser for
//! layouts.

use outage_sim::layout::{MapLayout, PlacedGroup, PlacedNode, Rect, RoutedEdge};
use outage_sim::Scenario;

type Node = (
    &'static str,
    [i32; 4],
    &'static [&'static str],
    Option<&'static str>,
);
type Edge = (
    &'static str,
    &'static str,
    &'static [(i32, i32)],
    [i32; 4],
    (i32, i32),
);
type Group = (&'static str, [i32; 4]);
type Layout = (
    &'static str,
    i32,
    i32,
    &'static [Node],
    &'static [Edge],
    &'static [Group],
);

include!(concat!(env!("OUT_DIR"), "/layouts.rs"));

fn rect([x, y, w, h]: [i32; 4]) -> Rect {
    Rect { x, y, w, h }
}

/// The scenario's map as this screen shows it: on a phone held upright (`size::narrow`) its
/// portrait layout, where it has one. One the build did not lay out (there is none) is drawn
/// empty rather than break the page.
pub fn of(scenario: &Scenario) -> MapLayout {
    let id = &scenario.file.id;
    let portrait = crate::size::narrow_untracked()
        .then(|| PORTRAITS.iter().find(|l| l.0 == id))
        .flatten();
    let Some((_, width, height, nodes, edges, groups)) =
        portrait.or_else(|| LAYOUTS.iter().find(|l| l.0 == id))
    else {
        return MapLayout {
            width: 800,
            height: 400,
            nodes: Vec::new(),
            edges: Vec::new(),
            groups: Vec::new(),
        };
    };
    MapLayout {
        width: *width,
        height: *height,
        nodes: nodes
            .iter()
            .map(|&(id, r, lines, az)| PlacedNode {
                id: id.into(),
                rect: rect(r),
                lines: lines.iter().map(|l| l.to_string()).collect(),
                az: az.map(Into::into),
            })
            .collect(),
        edges: edges
            .iter()
            .map(|&(from, to, points, label, anchor)| RoutedEdge {
                from: from.into(),
                to: to.into(),
                points: points.to_vec(),
                label: rect(label),
                anchor,
            })
            .collect(),
        groups: groups
            .iter()
            .map(|&(label, r)| PlacedGroup {
                label: label.into(),
                rect: rect(r),
            })
            .collect(),
    }
}
