//! nova-images: a command-line client for the OpenStack Compute (Nova) images API.
//!
//! The library is what the binary runs, and also a small client API mirroring gophercloud's
//! `compute/v2/images`: see [`client::ComputeClient`] and [`client::ListOpts`].
//! It never prints: all output goes through [`output::Printer`].

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![warn(missing_docs)]

pub mod auth;
pub mod cache;
pub mod cli;
pub mod client;
mod commands;
pub mod complete;
pub mod config;
pub mod diag;
pub mod error;
pub mod http;
pub mod model;
pub mod output;
mod progress;

pub use commands::run;
pub use error::{Error, Result};
