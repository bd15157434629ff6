//! What several commands do with images, each in one place: turning what the user typed
//! into an image ([`resolve`]), running many operations throttled ([`throttle`]), waiting
//! ([`waiting`]), and telling which servers use an image ([`in_use`]). Commands use these;
//! no command uses another's internals.

pub(crate) mod in_use;
pub(crate) mod resolve;
pub(crate) mod throttle;
pub(crate) mod waiting;
