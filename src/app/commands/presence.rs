//! `nova-images presence`: is each name there, ACTIVE and once, in every target (cloud or
//! region)? The targets of `list`, walked through the listing pipeline into a [`Found`]
//! sink that keeps, per name and target, only a count, the newest image and the range of
//! the ACTIVE images' sizes: memory grows with names x targets, never with images.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::Connection;
use crate::app::failure::{Failure, Result};
use crate::app::listing::{self, Sink, Walk};
use crate::app::output::{GridCell, GridRow, OutputOpts, Printer, render_grid};
use crate::app::targets::{self, Target};
use crate::cli::{FilterArgs, PresenceArgs};
use crate::client::Selection;
use crate::config::Env;
use crate::model::{Image, Place};
use crate::time::{Timestamp, age_order, parse_timestamp};

/// Up to this many names, each target is asked once per name with the server's `name`
/// filter: one small answer each, a round trip. Beyond, one pass over all its images picks
/// the names out here: a page of 1,000 real images is about 1.4 MB, which a cloud takes
/// about as long to serve as ten filtered requests.
const PER_NAME: usize = 10;

/// Images per request.
const PAGE_SIZE: u32 = 1000;

pub(super) async fn run(
    args: PresenceArgs,
    conn: &Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let opts = output_opts(&args);
    let fanned = args.fan_out.fans_out();
    let targets = if fanned {
        targets::connect_all(&args.fan_out, conn, env, printer).await?
    } else {
        vec![Ok(targets::this_cloud(conn, env, printer).await?)]
    };
    let places: Vec<Place> = targets.iter().map(place_of).collect();
    let total = places.len();
    let mut found = Found::new(places.clone(), &args.names);
    // The targets still to ask; one that failed is reported once and asked no more.
    let mut live: Vec<Option<Target>> = Vec::with_capacity(total);
    let mut failures = Vec::new();
    for (column, target) in targets.into_iter().enumerate() {
        match target {
            Ok(target) => live.push(Some(target)),
            Err(e) => {
                printer.error(&e);
                found.failed[column] = true;
                failures.push(e);
                live.push(None);
            }
        }
    }
    let selections = selections(&args);
    for selection in &selections {
        let batch: Vec<Result<Target>> = live.iter().flatten().map(|t| Ok(copy(t))).collect();
        if batch.is_empty() {
            break;
        }
        let walk = Walk {
            selection,
            complete: None,
            fanned,
            concurrency: args.fan_out.concurrency as usize,
        };
        let walked = walk.run(batch, printer, &mut found).await?;
        for e in walked.failed {
            if let Some(column) = failed_column(&e, &places) {
                found.failed[column] = true;
                live[column] = None;
            }
            failures.push(e);
        }
    }
    if failures.len() < total {
        let (headings, rows) = found.grid(args.long, args.newest);
        let text = render_grid(&headings, rows, &opts, &printer.terminal)?;
        printer.data(text.as_bytes())?;
    }
    if !failures.is_empty() {
        return Err(Failure::SomeTargets {
            failed: failures.len(),
            total,
            causes: failures,
        });
    }
    if found.order().is_empty() {
        let what = selections
            .first()
            .map(|s| s.criteria().to_string())
            .unwrap_or_default();
        return Err(Failure::NoneSelected { what });
    }
    let missing = found.not_everywhere(args.newest);
    if missing.is_empty() {
        return Ok(());
    }
    Err(Failure::NotEverywhere {
        total: found.order().len(),
        names: missing,
        rule: if args.newest {
            "have no ACTIVE newest image"
        } else {
            "are not ACTIVE exactly once"
        },
    })
}

/// The output options of `presence`: the format, its options and --long.
fn output_opts(args: &PresenceArgs) -> OutputOpts {
    OutputOpts {
        long: args.long,
        noindent: args.options.noindent,
        quote: args.options.quote,
        max_width: args.options.max_width,
        fit_width: args.options.fit_width,
        ..OutputOpts::new(args.format)
    }
}

/// The listings each target is asked for: one per name with the server's name filter (a
/// few names), else one pass (many names, or --match).
fn selections(args: &PresenceArgs) -> Vec<Selection> {
    let older = args.older.older_than;
    let select = |name: Option<&String>| {
        let filters = FilterArgs {
            name: name.cloned(),
            select: args.select.clone(),
            ..FilterArgs::default()
        };
        listing::selection(&filters, older, PAGE_SIZE, None)
    };
    let names = distinct(&args.names);
    if names.is_empty() || names.len() > PER_NAME {
        return vec![select(None)];
    }
    names.into_iter().map(|n| select(Some(n))).collect()
}

/// Each name once, in the order given.
fn distinct(names: &[String]) -> Vec<&String> {
    let mut seen = std::collections::HashSet::new();
    names.iter().filter(|n| seen.insert(n.as_str())).collect()
}

/// Where a target is, or the one that could not be reached.
fn place_of(target: &Result<Target>) -> Place {
    match target {
        Ok(target) => target.place.clone(),
        Err(Failure::Target { cloud, region, .. }) => Place {
            cloud: cloud.clone(),
            region: region.clone(),
        },
        Err(_) => Place::default(),
    }
}

/// The column of a target's failure.
fn failed_column(failure: &Failure, places: &[Place]) -> Option<usize> {
    let Failure::Target { cloud, region, .. } = failure else {
        return None;
    };
    (places.iter()).position(|p| p.cloud == *cloud && p.region == *region)
}

/// Another handle on the same target, for another listing.
fn copy(target: &Target) -> Target {
    target.clone()
}

/// A target's column heading: `cloud/region`, or the cloud alone when it has no region.
fn label(place: &Place) -> String {
    match &place.region {
        Some(region) => format!("{}/{region}", place.cloud),
        None => place.cloud.clone(),
    }
}

/// What one target has of one name.
#[derive(Debug, Clone, Default)]
struct Copies {
    count: usize,
    newest: Option<Newest>,
    /// The smallest and largest size of its ACTIVE images (those that have one).
    sizes: Option<(u64, u64)>,
}

/// The newest image of a name in a target: what `show --newest` would take there.
#[derive(Debug, Clone)]
struct Newest {
    id: String,
    status: String,
    size: Option<u64>,
    created: Option<String>,
    instant: Option<Timestamp>,
}

impl Copies {
    fn add(&mut self, image: &Image) {
        self.count += 1;
        if image.status == "ACTIVE"
            && let Some(size) = image.size
        {
            self.sizes = Some(match self.sizes {
                Some((low, high)) => (low.min(size), high.max(size)),
                None => (size, size),
            });
        }
        let instant = image.created.as_deref().and_then(parse_timestamp);
        let newer = (self.newest.as_ref())
            .is_none_or(|n| age_order((instant, &image.id), (n.instant, &n.id)).is_gt());
        if newer {
            self.newest = Some(Newest {
                id: image.id.clone(),
                status: image.status.clone(),
                size: image.size,
                created: image.created.clone(),
                instant,
            });
        }
    }

    /// Does the name pass here: ACTIVE exactly once, or (`newest`) its newest image ACTIVE?
    fn passes(&self, newest: bool) -> bool {
        let active = (self.newest.as_ref()).is_some_and(|n| n.status == "ACTIVE");
        active && (self.count == 1 || newest)
    }

    /// What a table shows.
    fn shown(&self) -> String {
        let status = (self.newest.as_ref()).map_or("", |n| n.status.as_str());
        match self.count {
            0 => "missing".to_owned(),
            1 => status.to_owned(),
            n => format!("{n} images ({status})"),
        }
    }

    /// The target's entry in a name's JSON object.
    fn doc(&self) -> Value {
        let state = match self.count {
            0 => "missing",
            1 => "present",
            _ => "duplicated",
        };
        let newest = self.newest.as_ref();
        json!({
            "state": state,
            "count": self.count,
            "status": newest.map(|n| &n.status),
            "id": newest.map(|n| &n.id),
            "size": newest.and_then(|n| n.size),
            "created": newest.and_then(|n| n.created.as_ref()),
        })
    }
}

/// Per name, what each target has: the sink of every listing of the command.
struct Found {
    places: Vec<Place>,
    /// Targets that could not be asked (each column's).
    failed: Vec<bool>,
    /// The names in output order: as given, or (any name is taken) sorted at the end.
    names: Vec<String>,
    /// Any name the listings select is a row (--match), not only those given.
    open: bool,
    rows: HashMap<String, Vec<Copies>>,
}

impl Found {
    fn new(places: Vec<Place>, names: &[String]) -> Self {
        let names: Vec<String> = distinct(names).into_iter().cloned().collect();
        let rows = (names.iter())
            .map(|n| (n.clone(), vec![Copies::default(); places.len()]))
            .collect();
        Found {
            failed: vec![false; places.len()],
            open: names.is_empty(),
            names,
            places,
            rows,
        }
    }

    fn add(&mut self, column: usize, image: &Image) {
        let Some(name) = image.name.as_deref() else {
            return;
        };
        let width = self.places.len();
        let copies = match self.rows.get_mut(name) {
            Some(copies) => copies,
            None if self.open => {
                self.names.push(name.to_owned());
                (self.rows.entry(name.to_owned())).or_insert_with(|| vec![Copies::default(); width])
            }
            None => return,
        };
        if let Some(copies) = copies.get_mut(column) {
            copies.add(image);
        }
    }

    /// The names, in output order.
    fn order(&self) -> Vec<&String> {
        let mut names: Vec<&String> = self.names.iter().collect();
        if self.open {
            names.sort();
        }
        names
    }

    /// The names that do not pass in every target (a failed one included), in order.
    fn not_everywhere(&self, newest: bool) -> Vec<String> {
        (self.order().into_iter())
            .filter(|n| !self.everywhere(n, newest))
            .cloned()
            .collect()
    }

    fn everywhere(&self, name: &str, newest: bool) -> bool {
        let Some(copies) = self.rows.get(name) else {
            return false;
        };
        (copies.iter().zip(&self.failed)).all(|(c, failed)| !failed && c.passes(newest))
    }

    /// Do the ACTIVE images of the name, in every target, all have one size?
    fn same_size(&self, copies: &[Copies]) -> bool {
        let known = copies.iter().filter_map(|c| c.sizes);
        let (low, high) = known.fold((u64::MAX, 0), |(l, h), (low, high)| {
            (l.min(low), h.max(high))
        });
        low >= high
    }

    /// The headings and rows of the output.
    fn grid(&self, long: bool, newest: bool) -> (Vec<String>, Vec<GridRow>) {
        let mut headings = vec!["Name".to_owned()];
        for place in &self.places {
            let label = label(place);
            if long {
                headings.extend([label.clone(), format!("{label} Size")]);
                headings.push(format!("{label} Created"));
            } else {
                headings.push(label);
            }
        }
        headings.push("Same Size".to_owned());
        let none = Vec::new();
        let rows = (self.order().into_iter())
            .map(|name| {
                let copies = self.rows.get(name).unwrap_or(&none);
                self.row(name, copies, long, newest)
            })
            .collect();
        (headings, rows)
    }

    fn row(&self, name: &str, copies: &[Copies], long: bool, newest: bool) -> GridRow {
        let same = self.same_size(copies);
        let mut cells = vec![GridCell::new(name)];
        let mut targets = Map::new();
        for ((place, copies), failed) in self.places.iter().zip(copies).zip(&self.failed) {
            let newest = copies.newest.as_ref().filter(|_| !failed);
            let shown = if *failed {
                "failed".to_owned()
            } else {
                copies.shown()
            };
            cells.push(GridCell::status(shown));
            if long {
                cells.push(GridCell::new(newest.and_then(|n| n.size)));
                cells.push(GridCell::new(newest.and_then(|n| n.created.clone())));
            }
            let doc = if *failed {
                json!({"state": "failed", "count": null, "status": null, "id": null,
                       "size": null, "created": null})
            } else {
                copies.doc()
            };
            targets.insert(label(place), doc);
        }
        cells.push(GridCell::new(if same { "yes" } else { "differs" }));
        GridRow {
            cells,
            doc: json!({
                "name": name,
                "everywhere": self.everywhere(name, newest),
                "same_size": same,
                "targets": targets,
            }),
        }
    }
}

impl Sink for Found {
    fn page(
        &mut self,
        _: &mut Printer,
        place: Option<&Arc<Place>>,
        images: Vec<Image>,
    ) -> Result<()> {
        // One target's pages come without a place: it is the only column.
        let column = match place {
            Some(place) => self.places.iter().position(|p| *p == **place),
            None => Some(0),
        };
        if let Some(column) = column {
            images.iter().for_each(|image| self.add(column, image));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, status: &str, size: u64, created: &str) -> Image {
        serde_json::from_value(json!({"id": id, "name": "n", "status": status,
            "OS-EXT-IMG-SIZE:size": size, "created": created}))
        .unwrap()
    }

    #[test]
    fn a_cell_says_what_is_there_and_whether_it_passes() {
        let mut copies = Copies::default();
        assert_eq!(
            (copies.shown().as_str(), copies.passes(true)),
            ("missing", false)
        );
        copies.add(&image("b", "ACTIVE", 5, "2024-01-01T00:00:00Z"));
        assert_eq!(
            (copies.shown().as_str(), copies.passes(false)),
            ("ACTIVE", true)
        );
        // The newest by time, whatever the offset: 23:30-01:00 is after 00:00Z.
        copies.add(&image("a", "SAVING", 7, "2023-12-31T23:30:00-01:00"));
        assert_eq!(copies.shown(), "2 images (SAVING)");
        assert_eq!((copies.passes(false), copies.passes(true)), (false, false));
        copies.add(&image("c", "ACTIVE", 9, "2024-01-02T00:00:00Z"));
        assert_eq!(copies.shown(), "3 images (ACTIVE)");
        assert_eq!((copies.passes(false), copies.passes(true)), (false, true));
        assert_eq!(copies.sizes, Some((5, 9)));
    }
}
