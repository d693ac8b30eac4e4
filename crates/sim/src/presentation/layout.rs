//! The map as a diagram: boxes sized to their names, edges routed around boxes, and a place for
//! each edge's numbers where they cover no box and no other edge's numbers.
//!
//! Computed once per scenario from its node centres, so every screen draws the same picture and
//! a test can check the geometry natively. Text widths are estimated from the advance widths of
//! DejaVu Sans, the widest common sans-serif (and the one headless Linux browsers fall back to):
//! a box sized for it also holds the name in narrower system fonts.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Type sizes in map units (the SVG's viewBox). The map is drawn at 0.7–0.9 of these units per
/// CSS pixel on a 1280-pixel projector, so a name is 20 px or more from the back of a room.
pub const NAME_PX: i32 = 28;
pub const NAME_LINE: i32 = 32;
pub const STATUS_PX: i32 = 20;
pub const STATUS_LINE: i32 = 26;
pub const GAUGE_PX: i32 = 18;
pub const GAUGE_LINE: i32 = 24;
pub const PAD_X: i32 = 12;
pub const PAD_TOP: i32 = 8;
pub const PAD_BOTTOM: i32 = 8;
/// An edge's numbers (under reduced motion): two lines of this size.
pub const RATE_PX: i32 = 17;
pub const RATE_LINE: i32 = 20;
/// A name wider than this goes on two lines.
const ONE_LINE_MAX: i32 = 190;
const MIN_INNER_W: i32 = 150;
/// The AZ a node runs in is a line of its own under its name.
pub const AZ_PX: i32 = 18;
pub const AZ_LINE: i32 = 22;
/// Routing grid, and the clearance kept between an edge and any box.
const CELL: i32 = 10;
const CLEAR: i32 = 8;
/// A group's outline keeps this much room around its members, plus a line for its label.
const GROUP_PAD: i32 = 14;
pub const GROUP_PX: i32 = 19;
const GROUP_LABEL_H: i32 = 28;

/// DejaVu Sans advance widths, in thousandths of an em, for ' ' (32) through '~' (126).
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// The estimated width of `text` at `px` map units, rounded up. Characters outside ASCII (✓,
/// ✕, →, ·) count as wide as a digit-and-a-half, which is at least what they take.
pub fn text_width(text: &str, px: i32, bold: bool) -> i32 {
    let table = if bold { &BOLD } else { &REGULAR };
    let milli: i64 = text
        .chars()
        .map(|c| match c as u32 {
            32..=126 => i64::from(table[(c as u32 - 32) as usize]),
            _ => 840,
        })
        .sum();
    ((milli * i64::from(px) + 999) / 1000) as i32
}

/// A name as it goes in its box: one line, or two split where the longer line is shortest
/// (after a space, or after a slash).
pub fn wrap_name(name: &str) -> Vec<String> {
    if text_width(name, NAME_PX, true) <= ONE_LINE_MAX {
        return vec![name.to_string()];
    }
    let mut best: Option<(i32, Vec<String>)> = None;
    for (i, c) in name.char_indices() {
        let (a, b) = match c {
            ' ' => (&name[..i], &name[i + 1..]),
            '/' => (&name[..=i], &name[i + 1..]),
            _ => continue,
        };
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let widest = text_width(a, NAME_PX, true).max(text_width(b, NAME_PX, true));
        if best.as_ref().is_none_or(|(w, _)| widest < *w) {
            best = Some((widest, vec![a.to_string(), b.to_string()]));
        }
    }
    best.map(|(_, lines)| lines)
        .unwrap_or_else(|| vec![name.to_string()])
}

/// A rectangle in map units: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(&self) -> i32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }
    pub fn grow(&self, by: i32) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2 * by,
            h: self.h + 2 * by,
        }
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    pub fn contains(&self, (px, py): (i32, i32)) -> bool {
        px > self.x && px < self.right() && py > self.y && py < self.bottom()
    }
    fn union(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }
}

/// What the layout is given about a node.
pub struct NodeSpec<'a> {
    pub id: &'a str,
    /// Centre, in map units.
    pub x: i32,
    pub y: i32,
    pub name: &'a str,
    pub az: Option<&'a str>,
}

/// What the layout is given about an edge: its ends, and the longest numbers it may show.
pub struct EdgeSpec<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub label_lines: [&'a str; 2],
}

pub struct GroupSpec<'a> {
    pub label: &'a str,
    pub members: Vec<&'a str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlacedNode {
    pub id: String,
    pub rect: Rect,
    pub lines: Vec<String>,
    /// The AZ it runs in, written under its name.
    pub az: Option<String>,
}

impl PlacedNode {
    /// Baseline of name line `i`.
    pub fn name_baseline(&self, i: usize) -> i32 {
        self.rect.y + PAD_TOP + NAME_LINE * i as i32 + NAME_PX - 3
    }
    pub fn az_baseline(&self) -> i32 {
        self.rect.y + PAD_TOP + NAME_LINE * self.lines.len() as i32 + AZ_PX - 2
    }
    pub fn status_baseline(&self) -> i32 {
        let az = if self.az.is_some() { AZ_LINE } else { 0 };
        self.rect.y + PAD_TOP + NAME_LINE * self.lines.len() as i32 + az + STATUS_PX + 1
    }
    pub fn gauge_baseline(&self) -> i32 {
        self.status_baseline() + GAUGE_LINE
    }
    /// Room for text inside the box.
    pub fn inner_width(&self) -> i32 {
        self.rect.w - 2 * PAD_X
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoutedEdge {
    pub from: String,
    pub to: String,
    /// From a point on the source's border to a point on the target's border, with right-angle
    /// corners only.
    pub points: Vec<(i32, i32)>,
    /// Where its numbers go (the box they may fill), and the point of the path they belong to
    /// (a leader line joins them when the box is off the path).
    pub label: Rect,
    pub anchor: (i32, i32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGroup {
    pub label: String,
    pub rect: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    pub width: i32,
    pub height: i32,
    pub nodes: Vec<PlacedNode>,
    pub edges: Vec<RoutedEdge>,
    pub groups: Vec<PlacedGroup>,
}

impl MapLayout {
    pub fn node(&self, id: &str) -> Option<&PlacedNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The part of the map that frames the nodes `ids` (those it has): their boxes with room
    /// around them, and at least `min_permille` of the map each way, so that what surrounds them
    /// stays in sight and they are drawn at most 1000 / `min_permille` times larger; inside the
    /// map. What a chapter told beside another view shows, where the whole map would be small.
    pub fn frame<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        min_permille: i32,
    ) -> Option<Rect> {
        let around = ids
            .into_iter()
            .filter_map(|id| self.node(id))
            .map(|n| n.rect.grow(FRAME_ROOM))
            .reduce(|a, b| a.union(&b))?;
        // Widened (or heightened) about its centre to the least share, then moved inside.
        let span = |at: i32, len: i32, whole: i32| {
            let target = len.max(whole * min_permille / 1000).min(whole);
            ((at - (target - len) / 2).clamp(0, whole - target), target)
        };
        let (x, w) = span(around.x, around.w, self.width);
        let (y, h) = span(around.y, around.h, self.height);
        Some(Rect { x, y, w, h })
    }
}

/// The room `MapLayout::frame` leaves around the nodes it frames, in map units: their edges'
/// first turns stay in sight.
const FRAME_ROOM: i32 = 40;

fn place_node(n: &NodeSpec) -> PlacedNode {
    let lines = wrap_name(n.name);
    let widest = lines
        .iter()
        .map(|l| text_width(l, NAME_PX, true))
        .max()
        .unwrap_or(0);
    let w = widest.max(MIN_INNER_W) + 2 * PAD_X;
    let az_h = if n.az.is_some() { AZ_LINE } else { 0 };
    let h = PAD_TOP + NAME_LINE * lines.len() as i32 + az_h + STATUS_LINE + GAUGE_LINE + PAD_BOTTOM;
    let rect = Rect {
        x: n.x - w / 2,
        y: n.y - h / 2,
        w,
        h,
    };
    PlacedNode {
        id: n.id.to_string(),
        rect,
        lines,
        az: n.az.map(|az| format!("AZ {az}")),
    }
}

/// Which side of a box an edge leaves or enters by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

fn sides(a: &Rect, b: &Rect) -> (Side, Side) {
    if b.x >= a.right() + 2 * CELL {
        (Side::Right, Side::Left)
    } else if b.right() + 2 * CELL <= a.x {
        (Side::Left, Side::Right)
    } else if b.y >= a.bottom() {
        (Side::Bottom, Side::Top)
    } else {
        (Side::Top, Side::Bottom)
    }
}

/// The routing grid: cells a path may use, and which paths already use each.
struct Grid {
    cols: i32,
    rows: i32,
    blocked: Vec<bool>,
    /// For each cell, the sources of the paths through it (few per cell).
    used_by: Vec<Vec<usize>>,
}

impl Grid {
    fn idx(&self, c: i32, r: i32) -> usize {
        (r * self.cols + c) as usize
    }
    fn inside(&self, c: i32, r: i32) -> bool {
        c >= 0 && r >= 0 && c < self.cols && r < self.rows
    }
    fn centre(c: i32, r: i32) -> (i32, i32) {
        (c * CELL + CELL / 2, r * CELL + CELL / 2)
    }
    fn cell_of((x, y): (i32, i32)) -> (i32, i32) {
        (x.div_euclid(CELL), y.div_euclid(CELL))
    }
}

const DIRS: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];
const STEP: i64 = 10;
const BEND: i64 = 40;
/// Running beside or across another source's path costs this much more per cell; running along
/// a path from the same source costs less, so a service's dependents share a trunk.
const CROWD: i64 = 50;
const SHARE: i64 = 6;

/// The search's scratch space, kept from one route to the next: only the states a search
/// touched are reset after it (clearing the whole grid for every edge cost more than routing).
struct Search {
    best: Vec<i64>,
    prev: Vec<usize>,
    touched: Vec<usize>,
}

impl Search {
    fn new(states: usize) -> Search {
        Search {
            best: vec![i64::MAX; states],
            prev: vec![usize::MAX; states],
            touched: Vec::new(),
        }
    }
    fn reset(&mut self) {
        for &s in &self.touched {
            self.best[s] = i64::MAX;
            self.prev[s] = usize::MAX;
        }
        self.touched.clear();
    }

    /// Reaches state `ns` from `s` at cost `ng` if no cheaper way there is known, and queues it
    /// by that cost plus its estimate `to_goal`.
    fn relax(&mut self, heap: &mut Frontier, s: usize, ns: usize, ng: i64, to_goal: i64) {
        if ng < self.best[ns] {
            if self.best[ns] == i64::MAX {
                self.touched.push(ns);
            }
            self.best[ns] = ng;
            self.prev[ns] = s;
            heap.push(Reverse((ng + to_goal, ns)));
        }
    }
}

/// The states a search has reached and not yet expanded, cheapest estimate first.
type Frontier = BinaryHeap<Reverse<(i64, usize)>>;

/// Cheapest grid path from `start` to `goal` leaving in direction `d0` and arriving in `d1`.
fn route(
    grid: &Grid,
    search: &mut Search,
    start: (i32, i32),
    d0: usize,
    goal: (i32, i32),
    d1: usize,
    source: usize,
) -> Option<Vec<(i32, i32)>> {
    search.reset();
    let state = |c: i32, r: i32, d: usize| grid.idx(c, r) * 4 + d;
    let h = |c: i32, r: i32| ((c - goal.0).abs() + (r - goal.1).abs()) as i64 * SHARE;
    let mut heap = Frontier::new();
    let s0 = state(start.0, start.1, d0);
    search.best[s0] = 0;
    search.touched.push(s0);
    heap.push(Reverse((h(start.0, start.1), s0)));
    while let Some(Reverse((_, s))) = heap.pop() {
        let (cell, d) = (s / 4, s % 4);
        let (c, r) = ((cell as i32) % grid.cols, (cell as i32) / grid.cols);
        if (c, r) == goal && d == d1 {
            let mut path = vec![(c, r)];
            let mut at = s;
            while search.prev[at] != usize::MAX {
                at = search.prev[at];
                let cell = (at / 4) as i32;
                let p = (cell % grid.cols, cell / grid.cols);
                if path.last() != Some(&p) {
                    path.push(p);
                }
            }
            path.reverse();
            return Some(path);
        }
        let g = search.best[s];
        for (nd, (dc, dr)) in DIRS.iter().enumerate() {
            // Turning in place is how a path changes direction; it costs a bend.
            if nd != d {
                // No U-turns.
                if DIRS[d].0 == -dc && DIRS[d].1 == -dr {
                    continue;
                }
                search.relax(&mut heap, s, state(c, r, nd), g + BEND, h(c, r));
                continue;
            }
            let (nc, nr) = (c + dc, r + dr);
            if !grid.inside(nc, nr) {
                continue;
            }
            let i = grid.idx(nc, nr);
            if grid.blocked[i] && (nc, nr) != goal {
                continue;
            }
            let users = &grid.used_by[i];
            let cost = if users.contains(&source) {
                SHARE
            } else if users.is_empty() {
                STEP
            } else {
                STEP + CROWD
            };
            search.relax(&mut heap, s, state(nc, nr, nd), g + cost, h(nc, nr));
        }
    }
    None
}

fn dir_of(side: Side, leaving: bool) -> usize {
    // The direction of travel: away from the box when leaving it, towards it when arriving.
    let out = match side {
        Side::Right => 0,
        Side::Left => 1,
        Side::Bottom => 2,
        Side::Top => 3,
    };
    if leaving {
        out
    } else {
        out ^ 1
    }
}

/// Where on `rect`'s `side` the `k`-th of `n` edges attaches, snapped to the grid's centre lines,
/// and the free cell just outside it.
fn port(rect: &Rect, side: Side, k: usize, n: usize) -> ((i32, i32), (i32, i32)) {
    let frac = |lo: i32, len: i32| lo + len * (k as i32 + 1) / (n as i32 + 1);
    let snap = |v: i32| v.div_euclid(CELL) * CELL + CELL / 2;
    let out = CLEAR + CELL;
    // The port's place along its side; the side's line across, and which way is out of the box.
    let (along, across, outward) = match side {
        Side::Right => (snap(frac(rect.y, rect.h)), rect.right(), out),
        Side::Left => (snap(frac(rect.y, rect.h)), rect.x, -out),
        Side::Bottom => (snap(frac(rect.x, rect.w)), rect.bottom(), out),
        Side::Top => (snap(frac(rect.x, rect.w)), rect.y, -out),
    };
    match side {
        Side::Right | Side::Left => ((across, along), Grid::cell_of((across + outward, along))),
        Side::Top | Side::Bottom => ((along, across), Grid::cell_of((along, across + outward))),
    }
}

/// Drop points that lie on a straight line between their neighbours.
fn simplify(points: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Lay out a map: boxes around the given centres, groups around their members, an orthogonal
/// route for every edge that keeps clear of every box it does not join, and a free place for
/// each edge's numbers.
pub fn layout(
    width: i32,
    height: i32,
    nodes: &[NodeSpec],
    edges: &[EdgeSpec],
    groups: &[GroupSpec],
) -> MapLayout {
    let placed: Vec<PlacedNode> = nodes.iter().map(place_node).collect();
    let find = |id: &str| placed.iter().position(|n| n.id == id);
    let footprint = |n: &PlacedNode| n.rect;
    let groups: Vec<PlacedGroup> = groups
        .iter()
        .filter_map(|g| {
            let rect = g
                .members
                .iter()
                .filter_map(|m| find(m).map(|i| footprint(&placed[i])))
                .reduce(|a, b| a.union(&b))?
                .grow(GROUP_PAD);
            Some(PlacedGroup {
                label: g.label.to_string(),
                rect: Rect {
                    y: rect.y - GROUP_LABEL_H,
                    h: rect.h + GROUP_LABEL_H,
                    ..rect
                },
            })
        })
        .collect();
    let (cols, rows) = (width / CELL, height / CELL);
    let mut grid = Grid {
        cols,
        rows,
        blocked: vec![false; (cols * rows) as usize],
        used_by: vec![Vec::new(); (cols * rows) as usize],
    };
    let mut obstacles: Vec<Rect> = placed.iter().map(|n| footprint(n).grow(CLEAR)).collect();
    obstacles.extend(groups.iter().map(|g| {
        Rect {
            h: GROUP_LABEL_H,
            w: text_width(&g.label, GROUP_PX, false) + 2 * PAD_X,
            ..g.rect
        }
        .grow(2)
    }));
    for r in 0..rows {
        for c in 0..cols {
            let centre = Grid::centre(c, r);
            let i = grid.idx(c, r);
            grid.blocked[i] = obstacles.iter().any(|o| {
                centre.0 >= o.x
                    && centre.0 <= o.right()
                    && centre.1 >= o.y
                    && centre.1 <= o.bottom()
            });
        }
    }
    // Ports: edges sharing a side of a box are spread along it, ordered by where their other end
    // is, so they leave without crossing each other.
    struct Plan {
        from: usize,
        to: usize,
        sides: (Side, Side),
    }
    let plans: Vec<Option<Plan>> = edges
        .iter()
        .map(|e| {
            let (from, to) = (find(e.from)?, find(e.to)?);
            Some(Plan {
                from,
                to,
                sides: sides(&placed[from].rect, &placed[to].rect),
            })
        })
        .collect();
    let centre = |i: usize| {
        let r = placed[i].rect;
        (r.x + r.w / 2, r.y + r.h / 2)
    };
    let slot = |node: usize, side: Side, me: usize| -> (usize, usize) {
        let mut sharing: Vec<(i32, usize)> = plans
            .iter()
            .enumerate()
            .filter_map(|(j, p)| {
                let p = p.as_ref()?;
                let other = if p.to == node && p.sides.1 == side {
                    p.from
                } else {
                    return None;
                };
                let (ox, oy) = centre(other);
                let key = match side {
                    Side::Left | Side::Right => oy,
                    Side::Top | Side::Bottom => ox,
                };
                Some((key, j))
            })
            .collect();
        sharing.sort();
        let k = sharing.iter().position(|(_, j)| *j == me).unwrap_or(0);
        (k, sharing.len().max(1))
    };
    let mut routed = Vec::new();
    let mut search = Search::new(grid.blocked.len() * 4);
    for (j, (e, plan)) in edges.iter().zip(&plans).enumerate() {
        let Some(p) = plan else { continue };
        // A service's dependents leave it by one port and share a trunk as far as they can:
        // one cause, fanning out. Arrivals from different causes are spread along the side.
        let (ka, na) = (0, 1);
        let (kb, nb) = slot(p.to, p.sides.1, j);
        let (pa, sa) = port(&placed[p.from].rect, p.sides.0, ka, na);
        let (pb, sb) = port(&placed[p.to].rect, p.sides.1, kb, nb);
        let (d0, d1) = (dir_of(p.sides.0, true), dir_of(p.sides.1, false));
        let cells = if grid.inside(sa.0, sa.1) && grid.inside(sb.0, sb.1) {
            route(&grid, &mut search, sa, d0, sb, d1, p.from)
        } else {
            None
        };
        let points = match cells {
            Some(cells) => {
                for &(c, r) in &cells {
                    let i = grid.idx(c, r);
                    if !grid.used_by[i].contains(&p.from) {
                        grid.used_by[i].push(p.from);
                    }
                }
                let mut pts = vec![pa];
                pts.extend(cells.iter().map(|&(c, r)| Grid::centre(c, r)));
                pts.push(pb);
                simplify(pts)
            }
            // No way round: a straight line says the dependency exists (a test catches it).
            None => vec![pa, pb],
        };
        routed.push(RoutedEdge {
            from: e.from.to_string(),
            to: e.to.to_string(),
            points,
            label: Rect {
                x: 0,
                y: 0,
                w: 0,
                h: 0,
            },
            anchor: (0, 0),
        });
    }
    place_labels((width, height), &mut routed, edges, &placed, &groups);
    MapLayout {
        width,
        height,
        nodes: placed,
        edges: routed,
        groups,
    }
}

/// Put each edge's numbers on its own path, as near its middle as they fit without covering a
/// box, a group's label or numbers already placed.
fn place_labels(
    (width, height): (i32, i32),
    routed: &mut [RoutedEdge],
    specs: &[EdgeSpec],
    nodes: &[PlacedNode],
    groups: &[PlacedGroup],
) {
    let mut taken: Vec<Rect> = nodes.iter().map(|n| n.rect.grow(4)).collect();
    taken.extend(groups.iter().map(|g| Rect {
        h: GROUP_LABEL_H,
        w: text_width(&g.label, GROUP_PX, false) + 2 * PAD_X,
        ..g.rect
    }));
    for e in routed.iter_mut() {
        let Some(spec) = specs.iter().find(|s| s.from == e.from && s.to == e.to) else {
            continue;
        };
        let w = spec
            .label_lines
            .iter()
            .map(|l| text_width(l, RATE_PX, true))
            .max()
            .unwrap_or(0)
            + 8;
        let h = 2 * RATE_LINE + 4;
        // Candidates: every few units along the path, nearest the middle first.
        let mut along = Vec::new();
        for seg in e.points.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            let len = (b.0 - a.0).abs() + (b.1 - a.1).abs();
            let mut t = 0;
            while t <= len {
                let p = (
                    a.0 + (b.0 - a.0).signum() * t,
                    a.1 + (b.1 - a.1).signum() * t,
                );
                along.push(p);
                t += 5;
            }
        }
        let along = &along;
        let mid = along.len() / 2;
        let mut order: Vec<usize> = (0..along.len()).collect();
        order.sort_by_key(|&i| (i as i64 - mid as i64).abs());
        let fits = |r: &Rect| {
            r.x >= 0
                && r.y >= 0
                && r.right() <= width
                && r.bottom() <= height
                && taken.iter().all(|t| !t.overlaps(r))
        };
        let at = |(x, y): (i32, i32)| Rect {
            x: x - w / 2,
            y: y - h / 2,
            w,
            h,
        };
        // On the path, then just beside it, then ever further from its middle.
        let beside = [
            (0, 0),
            (0, -h / 2 - 4),
            (0, h / 2 + 4),
            (-w / 2 - 4, 0),
            (w / 2 + 4, 0),
        ];
        let near = order.iter().flat_map(|&i| {
            beside
                .iter()
                .map(move |(dx, dy)| (along[i], (along[i].0 + dx, along[i].1 + dy)))
        });
        let centre = along.get(mid).copied().unwrap_or((0, 0));
        let far = (1..=60).flat_map(|ring: i32| {
            let d = ring * 10;
            (-ring..=ring).flat_map(move |k| {
                let k = k * 10;
                [(k, -d), (k, d), (-d, k), (d, k)]
                    .map(|(dx, dy)| (centre, (centre.0 + dx, centre.1 + dy)))
            })
        });
        let (anchor, chosen) = near
            .chain(far)
            .map(|(a, p)| (a, at(p)))
            .find(|(_, r)| fits(r))
            .unwrap_or((centre, at(centre)));
        e.anchor = anchor;
        taken.push(chosen);
        e.label = chosen;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_at_the_best_place() {
        assert_eq!(wrap_name("DynamoDB"), vec!["DynamoDB"]);
        assert_eq!(wrap_name("Network Manager"), vec!["Network", "Manager"]);
        assert_eq!(wrap_name("ECS/EKS/Fargate"), vec!["ECS/EKS/", "Fargate"]);
        assert_eq!(wrap_name("Lambda SQS poller"), vec!["Lambda", "SQS poller"]);
    }

    #[test]
    fn widths_are_those_of_dejavu() {
        // "NLB" in DejaVu Sans Bold: 837 + 637 + 762 thousandths of an em.
        assert_eq!(text_width("NLB", 1000, true), 2236);
        assert!(text_width("✓", 20, true) >= 16);
    }

    #[test]
    fn an_edge_goes_around_a_box_in_its_way() {
        let nodes = [
            NodeSpec {
                id: "a",
                x: 150,
                y: 200,
                name: "A",
                az: None,
            },
            NodeSpec {
                id: "b",
                x: 450,
                y: 200,
                name: "B",
                az: None,
            },
            NodeSpec {
                id: "c",
                x: 750,
                y: 200,
                name: "C",
                az: None,
            },
        ];
        let edges = [EdgeSpec {
            from: "a",
            to: "c",
            label_lines: ["x", "y"],
        }];
        let m = layout(900, 400, &nodes, &edges, &[]);
        let b = m.node("b").unwrap().rect;
        let pts = &m.edges[0].points;
        assert!(pts.len() > 2, "a straight line: {pts:?}");
        for seg in pts.windows(2) {
            let (p, q) = (seg[0], seg[1]);
            assert!(p.0 == q.0 || p.1 == q.1, "not orthogonal");
            let steps = (q.0 - p.0).abs().max((q.1 - p.1).abs());
            for t in 0..=steps {
                let x = p.0 + (q.0 - p.0).signum() * t;
                let y = p.1 + (q.1 - p.1).signum() * t;
                assert!(!b.contains((x, y)), "through B at {x},{y}");
            }
        }
        assert_eq!(pts[0].0, m.node("a").unwrap().rect.right());
        assert_eq!(pts.last().unwrap().0, m.node("c").unwrap().rect.x);
    }

    #[test]
    fn a_frame_holds_every_node_it_names_with_room_and_no_more_than_it_must() {
        for (id, _) in crate::models::BUILTIN {
            let s = crate::Scenario::builtin(id).expect("a built-in scenario parses");
            let map = s.map_layout();
            for (i, c) in s.file.chapters.iter().enumerate() {
                let f = map
                    .frame(c.nodes(), 450)
                    .expect("a chapter's nodes are on its map");
                let at = format!("{id} chapter {}", i + 1);
                assert!(
                    f.x >= 0 && f.y >= 0 && f.right() <= map.width && f.bottom() <= map.height,
                    "{at}: {f:?} leaves the map"
                );
                assert!(
                    f.w * 1000 >= map.width * 450 && f.h * 1000 >= map.height * 450,
                    "{at}: {f:?} is under the least share"
                );
                for n in c.nodes() {
                    let r = map.node(n).expect("the node is on the map").rect;
                    assert!(
                        f.x <= r.x
                            && f.y <= r.y
                            && r.right() <= f.right()
                            && r.bottom() <= f.bottom(),
                        "{at}: {n} is not framed by {f:?}"
                    );
                }
            }
        }
        // A node alone is framed at the least share, centred on it where the map allows.
        let s = crate::Scenario::builtin(crate::DEFAULT_SCENARIO).expect("parses");
        let map = s.map_layout();
        let nlb = map.node("nlb").expect("on the map").rect;
        let f = map.frame(["nlb"], 450).expect("framed");
        assert_eq!(
            (f.w, f.h),
            (map.width * 450 / 1000, map.height * 450 / 1000)
        );
        let (cx, cy) = (f.x + f.w / 2, f.y + f.h / 2);
        assert!(
            (cx - (nlb.x + nlb.w / 2)).abs() <= 1 || f.x == 0 || f.right() == map.width,
            "{f:?} around {nlb:?}"
        );
        assert!(
            (cy - (nlb.y + nlb.h / 2)).abs() <= 1 || f.y == 0 || f.bottom() == map.height,
            "{f:?} around {nlb:?}"
        );
        // Nodes far apart are framed whole, never beyond the map; unknown ones not at all.
        let wide = map
            .frame(["enactor-a", "lambda-sqs", "customer-app"], 450)
            .expect("framed");
        assert!(wide.w <= map.width && wide.h <= map.height);
        assert_eq!(map.frame(["no-such-node"], 450), None);
    }
}
