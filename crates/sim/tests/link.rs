//! The link codec: round trips, no panic on anything, golden links that keep working, and one
//! clear message for each kind of broken link.
use outage_sim::models::aws_2025_10_us_east_1::*;
mod common;
use common::*;
use outage_sim::link::{Against, Lecture, Link};
use outage_sim::rng::Stream;

/// The stream these tests draw their random inputs from.
const INPUTS: u64 = 5;
use outage_sim::{Scenario, SimTime, Step};

fn lookup(id: &str) -> Option<Scenario> {
    Scenario::builtin(id).ok()
}

fn scenario() -> Scenario {
    Scenario::builtin(ID).expect("builtin scenario")
}

fn random_intervention(r: &mut Stream) -> Intervention {
    let e = r.below(3) as u8;
    let ep = match r.below(4) {
        0 => Endpoint::Regional,
        1 => Endpoint::Ipv6,
        2 => Endpoint::Fips,
        _ => Endpoint::Account(r.below(12) as u16),
    };
    match r.below(16) {
        0 => Intervention::PauseEnactor { enactor: e },
        1 => Intervention::ResumeEnactor { enactor: e },
        2 => Intervention::DelayEnactor {
            enactor: e,
            extra_ms: if r.below(2) == 0 {
                None
            } else {
                Some(r.between(1, 3_600_000))
            },
        },
        3 => Intervention::DeleteRecord { endpoint: ep },
        4 => Intervention::RestoreRecord {
            endpoint: if r.below(2) == 0 { None } else { Some(ep) },
        },
        5 => Intervention::StopPlanner,
        6 => Intervention::StartPlanner,
        7 => Intervention::InternalDnsWorkaround,
        8 => Intervention::ThrottleDwfmIntake,
        9 => Intervention::UnthrottleDwfmIntake,
        10 => Intervention::RestartDwfmHosts,
        11 => Intervention::SetNlbAutoFailover {
            enabled: r.below(2) == 0,
        },
        12 => Intervention::RestoreLambdaSqsPoller,
        13 => Intervention::RelaxEc2Throttles,
        14 => Intervention::Enable {
            mitigation: [
                Mitigation::RecheckFreshness,
                Mitigation::CleanupKeepsActivePlan,
                Mitigation::QueueSizeThrottling,
                Mitigation::NlbFailoverVelocityLimit,
            ][r.below(4) as usize],
        },
        _ => Intervention::SetClientRetry {
            policy: [
                RetryPolicy::Immediate,
                RetryPolicy::Backoff,
                RetryPolicy::BackoffJitter,
            ][r.below(3) as usize],
        },
    }
}

/// A run's parameters (none half the time) and script (the scenario's own a third of the time).
fn random_run(s: &Scenario, r: &mut Stream) -> (Vec<(String, String)>, Option<Vec<Step>>) {
    let mut params = Vec::new();
    if r.below(2) == 0 {
        params = vec![
            ("droplets".into(), r.between(100, 2_000_000).to_string()),
            ("client_retry".into(), "backoff-jitter".into()),
        ];
    }
    let mut script = None;
    if r.below(3) > 0 {
        let mut times: Vec<u64> = (0..r.below(8))
            .map(|_| r.below(s.window.ms() + 1))
            .collect();
        times.sort();
        script = Some(
            times
                .into_iter()
                .map(|t| Step {
                    at: SimTime(t),
                    token: random_intervention(r).token(),
                })
                .collect(),
        );
    }
    (params, script)
}

fn random_link(s: &Scenario, r: &mut Stream) -> Link {
    let mut l = Link::new(s);
    l.seed = r.next_u64();
    l.t = SimTime(r.below(s.window.ms() + 1));
    l.node = (r.below(2) == 0).then(|| s.nodes()[r.below(s.nodes().len() as u64) as usize]);
    l.speed = (r.below(2) == 0).then(|| r.between(1, 3_600_000));
    l.chapter = (r.below(2) == 0).then(|| r.below(12) as u32);
    l.theme = (r.below(2) == 0)
        .then(|| ["light", "dark", "presenter", "stage-dark"][r.below(4) as usize].to_string());
    l.embed = r.below(4) == 0;
    l.presenter = r.below(4) == 0;
    (l.params, l.script) = random_run(s, r);
    if r.below(3) == 0 {
        let (params, script) = random_run(s, r);
        l.against = Some(Against {
            seed: if r.below(2) == 0 {
                outage_sim::DEFAULT_SEED
            } else {
                r.next_u64()
            },
            params,
            script,
        });
    }
    if r.below(3) == 0 {
        // A lecture that tells this outage (2025), by year or by id, among others.
        let mut outages = vec!["2011".to_string(), "aws-2020-11-us-east-1".to_string()];
        outages.truncate(r.below(3) as usize);
        let here = if r.below(2) == 0 { "2025" } else { ID };
        outages.insert(r.below(outages.len() as u64 + 1) as usize, here.to_string());
        l.lecture = Some(Lecture {
            outages,
            comparison: r.below(2) == 0,
        });
    }
    l
}

#[test]
fn every_link_round_trips() {
    let s = scenario();
    let mut r = Stream::new(42, INPUTS);
    for _ in 0..2_000 {
        let l = random_link(&s, &mut r);
        let text = l.encode(&s);
        let (d, _) = Link::decode(&text, lookup).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(d.problems.is_empty(), "{text}: {:?}", d.problems);
        assert_eq!(d.link, l, "{text}");
    }
}

#[test]
fn every_intervention_token_round_trips() {
    let mut r = Stream::new(7, INPUTS);
    for _ in 0..1_000 {
        let w = random_intervention(&mut r);
        assert_eq!(Intervention::parse_token(&w.token()), Some(w));
    }
}

#[test]
fn nothing_makes_the_decoder_panic() {
    let s = scenario();
    let mut r = Stream::new(9, INPUTS);
    let alphabet: Vec<char> =
        "v=1&;~:.,-#%scenario seed t node p script 0123456789aé\u{0}\u{202e}𝕏"
            .chars()
            .collect();
    for i in 0..5_000 {
        let base = random_link(&s, &mut r).encode(&s);
        let mut chars: Vec<char> = base.chars().collect();
        match i % 4 {
            0 => chars.truncate(r.below(chars.len() as u64 + 1) as usize),
            1 => {
                for _ in 0..r.between(1, 6) {
                    let at = r.below(chars.len() as u64 + 1) as usize;
                    chars.insert(at, alphabet[r.below(alphabet.len() as u64) as usize]);
                }
            }
            2 => {
                if !chars.is_empty() {
                    let at = r.below(chars.len() as u64) as usize;
                    chars[at] = alphabet[r.below(alphabet.len() as u64) as usize];
                }
            }
            _ => {
                chars = (0..r.below(200))
                    .map(|_| alphabet[r.below(alphabet.len() as u64) as usize])
                    .collect()
            }
        }
        let text: String = chars.into_iter().collect();
        let _ = Link::decode(&text, lookup);
    }
}

#[test]
fn the_presenters_view_is_a_part_of_the_link() {
    let s = scenario();
    let (d, _) = Link::decode(
        "#v=1&scenario=aws-2025-10-us-east-1&t=01:00:00&chapter=2&presenter=1",
        lookup,
    )
    .unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert!(d.link.presenter);
    assert_eq!(d.link.chapter, Some(2));
    assert!(d.link.encode(&s).contains("&presenter=1"));
    let (back, _) = Link::decode(&d.link.encode(&s), lookup).unwrap();
    assert_eq!(back.link, d.link);
    // Without it, the page is the projector's.
    let plain = Link::new(&s).encode(&s);
    assert!(!plain.contains("presenter"));
    assert!(!Link::decode(&plain, lookup).unwrap().0.link.presenter);
}

#[test]
fn golden_links_keep_working() {
    // Links handed to students must open the same run in every later version.
    let (d, s) = Link::decode(
        "#v=1&scenario=aws-2025-10-us-east-1&seed=1&t=01:00:00&node=dynamodb",
        lookup,
    )
    .unwrap();
    assert!(d.problems.is_empty());
    assert_eq!(d.link.t, t(&s, "2025-10-20T01:00:00-07:00"));
    assert_eq!(d.link.node.map(|n| n.id()), Some(Service::DynamoDb.id()));
    assert_eq!(d.link.script, None);

    let golden = "#v=1&scenario=aws-2025-10-us-east-1&seed=3&t=23:40:00&p=droplets:20000&script=23:40:00~delete-record.regional;02:25:00~restore-record";
    let (d, s) = Link::decode(golden, lookup).unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    let mut inputs = default_inputs(&s, 3);
    inputs.params.droplets = 20_000;
    inputs.script = vec![
        Timed {
            at: t(&s, "2025-10-19T23:40:00-07:00"),
            what: Intervention::DeleteRecord {
                endpoint: Endpoint::Regional,
            },
            incident: false,
        },
        Timed {
            at: t(&s, "2025-10-20T02:25:00-07:00"),
            what: Intervention::RestoreRecord { endpoint: None },
            incident: false,
        },
    ];
    let from_link = RunInputs::from_data(&d.link.inputs(&s), s.window).unwrap();
    assert_eq!(from_link, inputs);
    assert_eq!(run(&s, from_link).digest(), run(&s, inputs).digest());
}

#[test]
fn broken_links_say_what_is_wrong() {
    let refused = |l: &str| {
        Link::decode(l, lookup)
            .err()
            .unwrap_or_else(|| panic!("{l} should be refused"))
    };
    assert!(refused("#v=9&seed=1").contains("newer version"));
    assert!(refused("#hello").contains("not an Outage Explorer link"));
    assert!(refused("#seed=1").contains("no format version"));
    assert!(refused("#v=1&scenario=mars-2031").contains("does not have"));
    assert!(refused(&format!("#v=1&seed={}", "9".repeat(20_000))).contains("too long"));
    // A bad part is dropped with a message; the rest of the link still counts.
    let problems = |l: &str| Link::decode(l, lookup).unwrap().0;
    let d = problems("#v=1&seed=5&t=25:00:00&node=dynamodb");
    assert_eq!(
        (d.link.seed, d.link.node.map(|n| n.id()), d.link.t),
        (5, Some("dynamodb"), SimTime::ZERO)
    );
    assert!(d.problems[0].contains("25:00:00"));
    assert!(problems("#v=1&t=18:00:00").problems[0].contains("outside the scenario"));
    assert!(problems("#v=1&node=mainframe").problems[0].contains("no node"));
    assert!(problems("#v=1&p=droplets:0").problems[0].contains("between"));
    assert!(problems("#v=1&script=01:00:00~launch-missiles").problems[0]
        .contains("not one this app knows"));
    assert!(
        problems("#v=1&script=02:00:00~stop-planner;01:00:00~start-planner").problems[0]
            .contains("ordered")
    );
    assert!(problems("#v=1&script=01:00:00~pause-enactor.7").problems[0].contains("no Enactor"));
    assert!(
        problems("#v=1&p=enactors:1&script=01:00:00~pause-enactor.2")
            .problems
            .iter()
            .any(|p| p.contains("Enactor"))
    );
}

#[test]
fn a_lecture_across_outages_round_trips_and_a_bad_one_is_left_out_with_a_message() {
    let ids: Vec<&str> = outage_sim::scenario::BUILTIN.iter().map(|b| b.0).collect();
    // The title card's lecture: every outage, oldest first, each by its year.
    let all = Lecture::all_oldest_first(&ids);
    assert_eq!(all.outages, ["2011", "2020", "2025"]);
    assert_eq!(
        all.ids(&ids).unwrap(),
        [
            "aws-2011-04-us-east-1",
            "aws-2020-11-us-east-1",
            "aws-2025-10-us-east-1"
        ]
    );
    assert_eq!(all.position(ID), Some(2));
    // Its position is the link's outage and chapter, and the comparison that closes it.
    let text = "#v=1&scenario=aws-2025-10-us-east-1&seed=1&t=23:30:00&chapter=9&theme=presenter&lecture=2011,2020,2025&comparison=1";
    let (d, s) = Link::decode(text, lookup).unwrap();
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    let lecture = d.link.lecture.clone().expect("the lecture is read");
    assert!(lecture.comparison);
    assert_eq!((d.link.chapter, lecture.outages.len()), (Some(9), 3));
    assert_eq!(format!("#{}", d.link.encode(&s)), text);
    // Two outages of one year would need their ids: a year that names several is an error.
    let twins = Lecture {
        outages: vec!["2025".into()],
        comparison: false,
    };
    assert!(twins
        .ids(&["aws-2025-10-us-east-1", "gcp-2025-06-global"])
        .unwrap_err()
        .contains("names several outages"));
    // A bad lecture is left out with a message; the rest of the link stands.
    let problems = |l: &str| Link::decode(l, lookup).unwrap().0;
    for (link, says) in [
        ("#v=1&seed=5&lecture=2011,,2025", "not a list of outages"),
        ("#v=1&seed=5&lecture=2011;2025", "not a list of outages"),
        ("#v=1&seed=5&lecture=2025,2025", "names \"2025\" twice"),
        ("#v=1&seed=5&lecture=1,2,3,4,5,6,7,8,2025", "at most 8"),
        ("#v=1&seed=5&lecture=2011,2020", "does not tell this outage"),
        ("#v=1&seed=5&comparison=1", "closes a lecture"),
        (
            "#v=1&seed=5&lecture=2025&comparison=yes",
            "not one this app reads",
        ),
    ] {
        let d = problems(link);
        assert!(
            d.problems.iter().any(|p| p.contains(says)),
            "{link}: {:?}",
            d.problems
        );
        assert_eq!(d.link.seed, 5, "{link}");
        assert!(
            d.link.lecture.as_ref().is_none_or(|l| !l.comparison),
            "{link}"
        );
    }
    // A year no outage has decodes (the codec knows no catalogue) and is refused by name.
    let d = problems("#v=1&lecture=1999,2025");
    assert!(d.problems.is_empty());
    let unknown = d.link.lecture.unwrap().ids(&ids).unwrap_err();
    assert!(unknown.contains("\"1999\", which is none of"), "{unknown}");
}

/// The built-in scenario stretched to run for days: what an outage like 2011's needs.
fn days_long(days: u32) -> Scenario {
    let text = outage_sim::scenario::BUILTIN[0].1.replace(
        "\"end\": \"2025-10-20T15:30:00-07:00\"",
        &format!("\"end\": \"2025-10-{}T15:30:00-07:00\"", 19 + days),
    );
    Scenario::parse(&text).expect("a longer window parses")
}

#[test]
fn links_address_any_day_of_a_window_of_days() {
    use outage_sim::link::{clock, parse_clock};
    let s = days_long(4);
    assert!(s.window.ms() > 3 * 24 * 3_600_000);
    // Every minute of the window round-trips, and says its day.
    for t in (0..=s.window.ms()).step_by(7 * 60_000) {
        let text = clock(&s, SimTime(t));
        assert!(text.starts_with('d'), "{text} names no day");
        assert_eq!(parse_clock(&s, &text), Ok(SimTime(t)), "{text}");
    }
    // 23:30 on the 19th is the start; 01:00 on the 21st is day 3.
    assert_eq!(clock(&s, SimTime::ZERO), "d1+23:30:00");
    assert_eq!(
        parse_clock(&s, "d3+01:00:00"),
        Ok(SimTime((24 + 1) * 3_600_000 + 30 * 60_000))
    );
    // A bare time of day is its first occurrence, as every older link meant.
    assert_eq!(parse_clock(&s, "01:00:00"), Ok(SimTime(90 * 60_000)));
    // Days outside the window, and malformed days, are refused with a message.
    for bad in [
        "d1+01:00:00",
        "d9+01:00:00",
        "d0+01:00:00",
        "dx+01:00:00",
        "d2+25:00:00",
        "d+01:00",
    ] {
        let e = parse_clock(&s, bad).expect_err(bad);
        assert!(e.contains("time"), "{bad}: {e}");
    }
    // A link into day 4 reopens there.
    let mut l = Link::new(&s);
    l.t = parse_clock(&s, "d4+12:00:00").unwrap();
    let text = l.encode(&s);
    assert!(text.contains("t=d4+12:00:00"), "{text}");
}

#[test]
fn a_window_of_a_day_or_less_writes_no_day() {
    use outage_sim::link::clock;
    let s = scenario();
    for t in (0..=s.window.ms()).step_by(60_000) {
        assert!(!clock(&s, SimTime(t)).starts_with('d'));
    }
}

#[test]
fn a_link_percent_encoded_on_its_way_still_opens() {
    let s = scenario();
    let mut l = Link::new(&s);
    l.t = SimTime(90 * 60_000);
    l.node = s.node("dwfm");
    l.script = Some(vec![Step {
        at: SimTime(10 * 60_000),
        token: Intervention::DeleteRecord {
            endpoint: Endpoint::Regional,
        }
        .token(),
    }]);
    let text = l.encode(&s);
    // What chat apps and mail clients do to a link: some characters, or all of them, encoded.
    let some = text
        .replace(':', "%3A")
        .replace('~', "%7e")
        .replace(';', "%3B");
    let all: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    for copy in [some, all] {
        let (d, _) = Link::decode(&copy, lookup).expect(&copy);
        assert!(d.problems.is_empty(), "{copy}: {:?}", d.problems);
        assert_eq!(d.link, l, "{copy}");
    }
    // Not every '%' is an encoding: a stray one is reported, not a panic.
    assert!(Link::decode("#v=1&t=01:00%ZZ", lookup).is_ok_and(|(d, _)| !d.problems.is_empty()));
    assert_eq!(
        outage_sim::link::percent_decoded("%E2%9C%93 %zz %"),
        "✓ %zz %"
    );
}
