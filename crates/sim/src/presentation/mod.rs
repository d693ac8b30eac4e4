//! What a front end is given besides the event loop: scenario files (topology, reference
//! timeline, narration, challenges) and their packed form, the map's layout, links, the
//! comparison with reality, and [`run`], how a front end holds a run of any model. It reads
//! the engine; the engine reads none of it.

pub mod card;
pub mod challenge;
pub mod contrast;
pub mod layout;
pub mod lesson;
pub mod link;
pub mod markup;
pub mod observed;
pub mod packed;
pub mod range;
pub mod reality;
pub mod run;
pub mod scenario;
pub mod sweep;
