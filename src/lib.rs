//! nova-images: a client for the OpenStack Compute (Nova) images API, and the
//! `nova-images` command line built on it.
//!
//! The library is the Rust counterpart of gophercloud's `openstack/compute/v2/images`:
//! [`client::ComputeClient`] with [`ListOpts`](client::ListOpts) and a pager over every page
//! ([`list_detail`](client::ComputeClient::list_detail)), [`get`](client::ComputeClient::get),
//! [`delete`](client::ComputeClient::delete) and
//! [`id_from_name`](client::ComputeClient::id_from_name), plus Nova's image-metadata API.
//! [`client::GlanceClient`] gives the same images, answers and operations from Glance's v2
//! API, for clouds whose Nova no longer has the images API (`links` point at Glance).
//! Around it: [`config`] resolves a cloud from clouds.yaml, secure.yaml and `OS_*` variables
//! exactly as openstacksdk does, [`auth`] authenticates with Keystone v3, [`http`] retries,
//! times out and redacts, [`cache`] keeps tokens between runs. It never prints: diagnostics
//! go to a [`diag::Diag`] sink the caller chooses.
//!
//! Built with `--no-default-features`, the crate is only this library: the `cli` feature
//! (on by default) adds the command line (clap, tables, progress bars, prompts).
//!
//! ```no_run
//! use std::sync::Arc;
//! use nova_images::auth::NoStore;
//! use nova_images::client::{self, ListOpts, Selection};
//! use nova_images::config::{self, Env, Overrides};
//! use nova_images::http::Http;
//!
//! # async fn demo() -> nova_images::Result<()> {
//! // Resolve a cloud the way `openstack --os-cloud prod` would, and authenticate: a
//! // client with the cloud's microversion that authenticates again on a 401.
//! let overrides = Overrides { cloud: Some("prod".into()), ..Overrides::default() };
//! let cloud = config::resolve(&Env::from_process(), &overrides)?;
//! let http = Http::new(&cloud.http_options())?;
//! let nova = client::connect(http, &cloud, Arc::new(NoStore)).await?.client()?;
//!
//! // ListDetail with options, page by page; every filter is checked again here.
//! let selection = Selection::new(ListOpts { status: Some("ACTIVE".into()), ..Default::default() });
//! let mut listing = selection.listing(&nova);
//! while let Some(page) = listing.next_page().await? {
//!     for image in page {
//!         println!("{} {}", image.id, image.name.as_deref().unwrap_or(""));
//!     }
//! }
//!
//! // Get, IDFromName, Delete.
//! let id = nova.id_from_name("cirros").await?;
//! let image = nova.get(&id).await?;
//! println!("{} is {}", image.id, image.status);
//! nova.delete(&id).await?;
//! # Ok(()) }
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![warn(missing_docs)]

pub mod auth;
pub mod cache;
pub mod client;
pub mod config;
pub mod diag;
pub mod error;
pub mod fs;
pub mod http;
pub mod model;
pub mod time;

#[cfg(feature = "cli")]
pub mod app;
#[cfg(feature = "cli")]
pub mod cli;

pub use error::{Error, Result};
