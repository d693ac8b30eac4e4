//! The built-in map reads like a diagram: boxes that hold their names and do not touch, edges
//! that go around every box they do not join and end on the box they point at, and numbers that
//! cover no box and no other numbers. (The browser tests check the same on the drawn page, with
//! the fonts it really uses.)

use outage_sim::layout::{text_width, MapLayout, Rect, NAME_PX, PAD_X, RATE_PX};
use outage_sim::Scenario;

/// Every outage the build carries: each map must read like a diagram.
fn every_scenario() -> Vec<Scenario> {
    outage_sim::scenario::BUILTIN
        .iter()
        .map(|(id, _)| Scenario::builtin(id).expect("built in"))
        .collect()
}

/// Each map the build lays out: every outage's, and its map for a phone held upright.
fn every_map() -> Vec<(Scenario, MapLayout)> {
    every_scenario()
        .into_iter()
        .flat_map(|s| {
            let wide = s.map_layout();
            let portrait = s.portrait_layout();
            [Some(wide), portrait]
                .into_iter()
                .flatten()
                .map(move |m| (Scenario::builtin(&s.file.id).expect("built in"), m))
        })
        .collect()
}

/// Every point of an orthogonal polyline, one map unit apart.
fn walk(points: &[(i32, i32)]) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for seg in points.windows(2) {
        let (p, q) = (seg[0], seg[1]);
        let steps = (q.0 - p.0).abs().max((q.1 - p.1).abs());
        for t in 0..=steps {
            out.push((
                p.0 + (q.0 - p.0).signum() * t,
                p.1 + (q.1 - p.1).signum() * t,
            ));
        }
    }
    out
}

fn on_border(r: &Rect, (x, y): (i32, i32)) -> bool {
    let on_x = (x == r.x || x == r.right()) && (r.y..=r.bottom()).contains(&y);
    let on_y = (y == r.y || y == r.bottom()) && (r.x..=r.right()).contains(&x);
    on_x || on_y
}

#[test]
fn boxes_hold_their_names_and_do_not_touch() {
    for (s, m) in every_map() {
        assert_eq!(m.nodes.len(), s.file.nodes.len());
        for (i, a) in m.nodes.iter().enumerate() {
            for line in &a.lines {
                assert!(
                    text_width(line, NAME_PX, true) <= a.rect.w - 2 * PAD_X,
                    "{:?} does not fit its box",
                    line
                );
            }
            assert!(a.rect.x >= 0 && a.rect.y >= 0, "{} off the map", a.id);
            assert!(
                a.rect.right() <= m.width && a.rect.bottom() <= m.height,
                "{} off the map",
                a.id
            );
            for b in &m.nodes[i + 1..] {
                assert!(
                    !a.rect.grow(10).overlaps(&b.rect),
                    "{} and {} touch",
                    a.id,
                    b.id
                );
            }
        }
    }
}

#[test]
fn every_edge_goes_around_the_boxes_it_does_not_join() {
    for (s, m) in every_map() {
        assert_eq!(m.edges.len(), s.file.edges.len(), "an edge was not routed");
        for e in &m.edges {
            let from = m.node(&e.from).unwrap().rect;
            let to = m.node(&e.to).unwrap().rect;
            assert!(
                on_border(&from, e.points[0]),
                "{}→{} does not leave its source",
                e.from,
                e.to
            );
            assert!(
                on_border(&to, *e.points.last().unwrap()),
                "{}→{} does not end on its target (where the arrowhead is)",
                e.from,
                e.to
            );
            for seg in e.points.windows(2) {
                assert!(
                    seg[0].0 == seg[1].0 || seg[0].1 == seg[1].1,
                    "{}→{} has a slanted segment {:?}",
                    e.from,
                    e.to,
                    seg
                );
            }
            for p in walk(&e.points) {
                for n in m.nodes.iter().filter(|n| n.id != e.from && n.id != e.to) {
                    assert!(
                        !n.rect.grow(2).contains(p),
                        "{}→{} crosses {} at {:?}",
                        e.from,
                        e.to,
                        n.id,
                        p
                    );
                }
                assert!(
                    !from.grow(-1).contains(p) && !to.grow(-1).contains(p),
                    "{}→{} runs inside an endpoint",
                    e.from,
                    e.to
                );
            }
            // Not a detour round the whole map.
            let len: i32 = e
                .points
                .windows(2)
                .map(|w| (w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs())
                .sum();
            assert!(
                len < m.width + m.height,
                "{}→{} is {} units long",
                e.from,
                e.to,
                len
            );
        }
    }
}

#[test]
fn each_edges_numbers_have_a_place_of_their_own() {
    for (_, m) in every_map() {
        for (i, e) in m.edges.iter().enumerate() {
            assert!(
                e.label.w >= text_width("100% fail", RATE_PX, true),
                "{}→{} label too small",
                e.from,
                e.to
            );
            for n in &m.nodes {
                assert!(
                    !e.label.overlaps(&n.rect),
                    "{}→{}'s numbers cover {}",
                    e.from,
                    e.to,
                    n.id
                );
            }
            for f in &m.edges[i + 1..] {
                assert!(
                    !e.label.overlaps(&f.label),
                    "{}→{} and {}→{} numbers overlap",
                    e.from,
                    e.to,
                    f.from,
                    f.to
                );
            }
            assert!(e.label.x >= 0 && e.label.right() <= m.width && e.label.bottom() <= m.height);
        }
    }
}

#[test]
fn the_layout_is_the_same_every_time() {
    for s in every_scenario() {
        let (a, b) = (s.map_layout(), s.map_layout());
        let (c, d) = (s.portrait_layout(), s.portrait_layout());
        assert_eq!(c, d);
        for (x, y) in a.edges.iter().zip(&b.edges) {
            assert_eq!(x.points, y.points);
            assert_eq!(x.label, y.label);
        }
    }
}

#[test]
fn every_outage_has_a_map_a_phone_shows_legibly() {
    // A phone 390 px wide held upright gives the map about 360 px: a map at most twice as wide
    // in units draws a name (NAME_PX units) at 14 px or more, the default theme's smallest.
    for s in every_scenario() {
        let m = s
            .portrait_layout()
            .unwrap_or_else(|| panic!("{} has no portrait map", s.file.id));
        assert!(
            m.width <= 720,
            "{}'s portrait map is {} units wide: its names would be {:.1} px on a phone",
            s.file.id,
            m.width,
            f64::from(NAME_PX) * 360.0 / f64::from(m.width)
        );
        assert!(
            m.height > m.width,
            "{}'s portrait map lies on its side",
            s.file.id
        );
    }
}
