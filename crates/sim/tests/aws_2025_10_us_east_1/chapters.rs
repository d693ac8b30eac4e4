//! The 2025 lecture opens one key away from the outage: DynamoDB is down at the opening instant.
//! (Every chapter's claims and the healthy map under each title card are checked for every
//! outage in `tests/every_model`.)
use crate::helpers::*;
use outage_sim::models::aws_2025_10_us_east_1::*;

#[test]
fn one_key_after_the_title_card_dynamodb_is_down() {
    let (s, rec) = as_it_happened();
    let i = s.title_card_chapter().expect("opens on a title card");
    let card = t(&s, &s.file.chapters[i].at);
    let opening = s.opening_instant();
    assert!(card < opening);
    let dynamodb = Service::DynamoDb.index();
    assert_eq!(rec.view_at(card).health[dynamodb], Health::Healthy);
    assert_eq!(rec.view_at(opening).health[dynamodb], Health::Down);
}
