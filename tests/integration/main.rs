//! The hermetic suite, one binary: the real `nova-images` binary against the fake cloud
//! (tests/fake-cloud), plus the generated files. `cargo test --locked` runs it; the
//! real-cloud suite is tests/real_cloud.rs.

mod common;
mod hermetic;

mod api;
mod auth;
mod auto;
mod cache;
mod cli;
mod completion;
mod config;
mod doctor;
mod fanout;
mod generated;
mod group;
mod hostile;
mod interrupt;
mod inuse;
mod jq;
mod metadata;
mod names;
mod output;
mod presence;
mod prune;
mod reliability;
mod select;
mod wait;
