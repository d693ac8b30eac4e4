//! The outages this build carries: one folder per model, and this registry, the one place
//! that lists them.

pub mod aws_2011_04_us_east_1;
pub mod aws_2020_11_us_east_1;
pub mod aws_2025_10_us_east_1;

use crate::presentation::run::{ModelDyn, ModelOf};
use crate::presentation::scenario::{Scenario, ScenarioFile};

const AWS_2025: &str = include_str!("../../scenarios/aws-2025-10-us-east-1.json");
const AWS_2011: &str = include_str!("../../scenarios/aws-2011-04-us-east-1.json");
const AWS_2020: &str = include_str!("../../scenarios/aws-2020-11-us-east-1.json");

/// Every model, in the order a person is offered them.
static MODELS: &[&dyn ModelDyn] = &[
    &ModelOf::<aws_2025_10_us_east_1::Region>::NEW,
    &ModelOf::<aws_2020_11_us_east_1::Region>::NEW,
    &ModelOf::<aws_2011_04_us_east_1::Region>::NEW,
];

/// Built-in scenarios: (id, file text), in the same order.
pub const BUILTIN: &[(&str, &str)] = &[
    (aws_2025_10_us_east_1::ID, AWS_2025),
    (aws_2020_11_us_east_1::ID, AWS_2020),
    (aws_2011_04_us_east_1::ID, AWS_2011),
];

/// The model that runs scenario `id`.
pub fn model(id: &str) -> Option<&'static dyn ModelDyn> {
    MODELS.iter().copied().find(|m| m.id() == id)
}

/// The outages this build carries, in the order they are offered.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalogue() -> Vec<crate::presentation::scenario::Summary> {
    BUILTIN
        .iter()
        .filter_map(|(_, text)| serde_json::from_str(text).ok())
        .collect()
}

/// Scenario files read with this registry: the engine checks a file against the model it is
/// given, and this is where a scenario's id finds its model.
impl Scenario {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn builtin(id: &str) -> Result<Scenario, String> {
        let (_, text) = BUILTIN.iter().find(|(k, _)| *k == id).ok_or_else(|| {
            crate::presentation::scenario::unknown_scenario(id, BUILTIN.iter().map(|(k, _)| *k))
        })?;
        Scenario::parse(text)
    }

    /// Parse and check a scenario file; every problem is a message, never a panic.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(text: &str) -> Result<Scenario, String> {
        let file: ScenarioFile =
            serde_json::from_str(text).map_err(|e| format!("scenario file is not valid: {e}"))?;
        Scenario::from_file(file)
    }

    /// Read and check a scenario file in its packed form (see [`crate::presentation::packed`]).
    pub fn unpack(bytes: &[u8]) -> Result<Scenario, String> {
        Scenario::from_file(crate::presentation::packed::unpack(bytes)?)
    }

    /// Check a scenario file against the model its id names.
    pub fn from_file(file: ScenarioFile) -> Result<Scenario, String> {
        let model = model(&file.id)
            .ok_or_else(|| format!("there is no model for scenario {:?}", file.id))?;
        Scenario::checked(file, model)
    }
}

#[cfg(test)]
mod tests {
    use super::BUILTIN;
    use crate::presentation::packed::{pack, unpack};
    use crate::presentation::scenario::ScenarioFile;

    #[test]
    fn every_builtin_scenario_survives_packing_unchanged() {
        for (id, text) in BUILTIN {
            let file: ScenarioFile = serde_json::from_str(text).unwrap();
            let back = unpack(&pack(&file)).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(
                serde_json::to_string(&back).unwrap(),
                serde_json::to_string(&file).unwrap(),
                "{id}"
            );
            assert!(
                pack(&file).len() < text.len(),
                "{id}: packing should shrink it"
            );
        }
    }

    /// The presenter's view shows each chapter's speaker's notes: a lecturer never meets a
    /// chapter with nothing to say about it.
    #[test]
    fn every_chapter_of_every_builtin_scenario_has_speakers_notes() {
        for (id, _) in BUILTIN {
            let s = crate::Scenario::builtin(id).unwrap();
            for (i, c) in s.file.chapters.iter().enumerate() {
                let notes = c.notes.as_deref().unwrap_or_default();
                assert!(
                    notes.len() > 80,
                    "{id} chapter {} ({}) has no speaker's notes worth the name",
                    i + 1,
                    c.title
                );
            }
        }
    }

    #[test]
    fn a_damaged_blob_is_an_error_never_a_panic() {
        let (_, text) = BUILTIN[0];
        let file: ScenarioFile = serde_json::from_str(text).unwrap();
        let blob = pack(&file);
        for cut in [0, 1, 7, blob.len() / 2, blob.len() - 1] {
            assert!(unpack(&blob[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert!(unpack(&longer).unwrap_err().contains("left over"));
        // Flipping bytes anywhere may still decode (to other text), but must never panic.
        for i in (0..blob.len()).step_by(97) {
            let mut bad = blob.clone();
            bad[i] ^= 0xff;
            let _ = unpack(&bad);
        }
        assert!(unpack(&[0xff; 16]).is_err());
    }
}
