//! What several commands do with images, each in one place: turning what the user typed
//! into an image ([`resolve`]), running many operations throttled ([`throttle`]), and
//! waiting ([`waiting`]). Commands use these; no command uses another's internals.

pub(crate) mod resolve;
pub(crate) mod throttle;
pub(crate) mod waiting;
