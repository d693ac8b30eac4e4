//! What a model's `interventions!` table promises: on every node, each intervention the
//! inspector offers reads back as itself from its link token and from its serde form, passes
//! its own check with the run's parameters, and is listed once. A row whose token, fields'
//! `TokenArg` or offer disagree with one another fails here rather than in a shared link.

use crate::common::*;
use outage_sim::model::{Intervene, Listed, Model};
use outage_sim::Scenario;

struct OffersReadBack;

impl EveryModel for OffersReadBack {
    fn check<M: Model>(&mut self, s: &Scenario) {
        let id = s.file.id.as_str();
        let params = inputs::<M>(s, outage_sim::DEFAULT_SEED).params;
        let mut kinds = 0;
        for node in M::Node::ALL {
            let offers = M::Intervention::offered(*node, &params);
            for (k, i) in offers.iter().enumerate() {
                let token = i.token();
                let at = format!("{id}: {token} on {}", node.id());
                assert_eq!(
                    M::Intervention::parse_token(&token).as_ref(),
                    Some(i),
                    "{at}"
                );
                let json = serde_json::to_string(i).expect("serialises");
                assert!(json.starts_with(r#"{"kind":""#), "{at}: {json}");
                let back: M::Intervention = serde_json::from_str(&json).expect("deserialises");
                assert_eq!(&back, i, "{at}: {json}");
                assert_eq!(i.check(&params), Ok(()), "{at}");
                assert!(!i.label().is_empty(), "{at}");
                assert!(!offers[..k].contains(i), "{at} is offered twice");
                kinds += 1;
            }
        }
        assert!(kinds > 0, "{id} offers no intervention");
    }
}

#[test]
fn every_offered_intervention_reads_back_from_its_token_and_serde_form() {
    for_every_model(&mut OffersReadBack);
}
