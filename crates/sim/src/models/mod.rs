//! The outages this build carries: one folder per model, and this registry, the one place
//! that lists them.

pub mod aws_2011_04_us_east_1;
pub mod aws_2020_11_us_east_1;
pub mod aws_2025_10_us_east_1;

use crate::engine::run::{ModelDyn, ModelOf};

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
