//! The one listing pipeline: targets -> pages in order -> a [`Sink`] (list's renderer,
//! prune's planner). The library's [`Selection`] decides what each page keeps; here are
//! the spinner, the completion-cache refresh and the handling of failed targets, the same
//! for every command and for one cloud or many.
//!
//! One target streams: each page is decoded and handed on while the next is on the wire.
//! Several targets are fetched `--concurrency` at a time, each on connections of its own
//! (closed when it is fetched) as raw pages into a spool of its own (a share of one memory
//! budget, then an unnamed temporary file), at most that many ahead of the one being handed
//! on, so memory and open files stay bounded whatever the number of targets; a page is
//! decoded once, when its turn comes.

use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::complete::Names;
use super::output::{Printer, Spool};
use super::progress::Progress;
use super::targets::{InOrder, Job, Target, panicked, target_error};
use crate::app::failure::{Failure, Result};
use crate::cli::FilterArgs;
use crate::client::{ListOpts, RawPage, Selection, Tally};
use crate::config::Env;
use crate::model::{Image, Place};

/// Raw pages of the targets waiting their turn, in memory at most (then in temporary
/// files), whatever their number.
const WAITING_MEMORY: usize = 16 * 1024 * 1024;

/// Where a listing's pages go.
pub(crate) trait Sink {
    /// One page's selected images (maybe none), found at `place` when the listing spans
    /// several targets.
    fn page(
        &mut self,
        printer: &mut Printer,
        place: Option<&Arc<Place>>,
        images: Vec<Image>,
    ) -> Result<()>;
}

/// How a listing runs.
pub(crate) struct Walk<'a> {
    pub selection: &'a Selection,
    /// Refresh the completion cache of each target that is its cloud's own region (only a
    /// full listing may).
    pub complete: Option<&'a Env>,
    /// The listing spans several targets: each page comes with its place, and a target
    /// that fails is reported and the rest go on.
    pub fanned: bool,
    /// Targets fetched at once.
    pub concurrency: usize,
}

/// The targets that failed (each already reported).
pub(crate) struct Walked {
    pub failed: Vec<Failure>,
}

impl Walk<'_> {
    /// Lists `targets` into `sink`. With one target (not fanned) its failure is the error.
    pub(crate) async fn run(
        &self,
        targets: Vec<Result<Target>>,
        printer: &mut Printer,
        sink: &mut dyn Sink,
    ) -> Result<Walked> {
        let mut seen = Seen::new();
        let mut failed = Vec::new();
        if !self.fanned {
            for target in targets {
                self.stream(&target?, &mut seen, printer, sink).await?;
            }
        } else {
            // The targets fetching, and the one being handed on, share the budget.
            let fetching = self.concurrency.clamp(1, targets.len().max(1));
            let budget = WAITING_MEMORY / (fetching + 1);
            // What each target is called, should its job end in a panic.
            let places: Vec<Option<Place>> = (targets.iter())
                .map(|t| t.as_ref().ok().map(|t| t.place.clone()))
                .collect();
            let selection = self.selection.clone();
            let jobs = (targets.into_iter()).map(move |t| fetch(t, selection.clone(), budget));
            let mut fetched = InOrder::new(jobs, self.concurrency);
            for place in places {
                let Some(result) = fetched.next().await else {
                    break;
                };
                let outcome = result.unwrap_or_else(|_| {
                    let place = place.unwrap_or_default();
                    Err(target_error(&place.cloud, place.region, panicked()))
                });
                if let Err(e) = match outcome {
                    Ok(done) => self.replay(done, &mut seen, printer, sink),
                    Err(e) => Err(e),
                } {
                    printer.error(&e);
                    failed.push(e);
                }
            }
        }
        seen.report(printer);
        Ok(Walked { failed })
    }

    /// One target's pages, each handed on as it arrives.
    async fn stream(
        &self,
        target: &Target,
        seen: &mut Seen,
        printer: &mut Printer,
        sink: &mut dyn Sink,
    ) -> Result<()> {
        let mut listing = self.selection.listing(&target.nova);
        let mut names = self.names_for(target);
        let place = self.fanned.then(|| Arc::new(target.place.clone()));
        while let Some(raw) = listing.next_raw().await? {
            let images = listing.keep(&raw)?;
            seen.page(&raw, &listing.tally(), printer);
            remember(&mut names, &images);
            sink.page(printer, place.as_ref(), images)?;
        }
        seen.add(listing.tally());
        self.refresh(target, names);
        Ok(())
    }

    /// A fetched target's pages, decoded and handed on in order.
    fn replay(
        &self,
        fetched: Fetched,
        seen: &mut Seen,
        printer: &mut Printer,
        sink: &mut dyn Sink,
    ) -> Result<()> {
        let Fetched { target, pages } = fetched;
        let failed = |e: Failure| target_error(&target.place.cloud, target.place.region.clone(), e);
        let mut names = self.names_for(&target);
        let place = Arc::new(target.place.clone());
        let mut tally = Tally::default();
        let mut reader = pages.reader().map_err(failed)?;
        while let Some(raw) = reader.next().map_err(failed)? {
            if self.selection.is_done(&tally) {
                break;
            }
            let images = self
                .selection
                .keep(raw.images().map_err(|e| failed(e.into()))?, &mut tally);
            seen.page(&raw, &seen.total.plus(&tally), printer);
            remember(&mut names, &images);
            sink.page(printer, Some(&place), images)?;
        }
        seen.add(tally);
        self.refresh(&target, names);
        Ok(())
    }

    /// The (ID, name) pairs to collect for the completion cache, when this target's is to
    /// be refreshed.
    fn names_for(&self, target: &Target) -> Option<Names> {
        (self.complete.is_some() && target.primary).then(Names::default)
    }

    /// After a target's last page: its completion cache, if it was collected.
    fn refresh(&self, target: &Target, names: Option<Names>) {
        if let (Some(env), Some(names)) = (self.complete, names) {
            crate::app::complete::remember(env, &target.place.cloud, names);
        }
    }
}

/// Collects the IDs and names of `images` for the completion cache (at most its size).
fn remember(names: &mut Option<Names>, images: &[Image]) {
    if let Some(names) = names {
        for image in images {
            names.push(&image.id, image.name.as_deref());
        }
    }
}

/// The pages seen so far: the spinner, and the images the server should not have sent.
struct Seen {
    progress: Option<Progress>,
    total: Tally,
    pages: usize,
}

impl Seen {
    fn new() -> Self {
        Seen {
            progress: None,
            total: Tally::default(),
            pages: 0,
        }
    }

    /// A page arrived; `so_far` counts every page of the listing up to it. The spinner
    /// shows from the second page (or a first that has a next one).
    fn page(&mut self, raw: &RawPage, so_far: &Tally, printer: &Printer) {
        self.pages += 1;
        if raw.next.is_none() && self.pages == 1 {
            return;
        }
        let plural = if self.pages == 1 { "" } else { "s" };
        let text = format!(
            "fetched {} images, {} page{plural}",
            so_far.fetched, self.pages
        );
        self.progress
            .get_or_insert_with(|| Progress::spinner(printer))
            .update(&text, None);
    }

    fn add(&mut self, tally: Tally) {
        self.total = self.total.plus(&tally);
    }

    /// After the last page: the spinner goes; `-v` says how many images the server sent
    /// that its filters should have left out, and how many an age could not place.
    fn report(&mut self, printer: &Printer) {
        self.progress = None;
        if self.total.rejected > 0 {
            printer.diag().info(&format!(
                "left out {} images the server sent that do not match the filters",
                self.total.rejected
            ));
        }
        if self.total.undated > 0 {
            printer.diag().notice(&format!(
                "left out {} images whose creation time is missing or unreadable (an age \
                 cannot place them)",
                self.total.undated
            ));
        }
    }
}

/// A target's raw pages, fetched.
struct Fetched {
    target: Target,
    pages: PageSpool,
}

/// Fetches every page of `target` the selection asks for into a spool of `budget` bytes
/// in memory (then a temporary file); its failure is the target's.
fn fetch(target: Result<Target>, selection: Selection, budget: usize) -> Job<Result<Fetched>> {
    Box::pin(async move {
        let target = target?;
        let failed = |e: Failure| target_error(&target.place.cloud, target.place.region.clone(), e);
        let mut pages = PageSpool::new(budget);
        {
            // Its connections close with it, at the end of this block.
            let nova = target.lister().map_err(failed)?;
            let mut pager = selection.pager(&nova);
            while let Some(raw) = pager.next_raw().await.map_err(|e| failed(e.into()))? {
                pages.push(raw).map_err(failed)?;
            }
        }
        Ok(Fetched { target, pages })
    })
}

/// Raw pages kept in order: in memory up to a budget (each body in a buffer of its own
/// size), then every one in an unnamed temporary file.
struct PageSpool {
    memory: Vec<RawPage>,
    held: usize,
    budget: usize,
    file: Option<Spool>,
}

impl PageSpool {
    fn new(budget: usize) -> Self {
        PageSpool {
            memory: Vec::new(),
            held: 0,
            budget,
            file: None,
        }
    }

    fn push(&mut self, raw: RawPage) -> Result<()> {
        let size = raw.url().len() + raw.next.as_ref().map_or(0, String::len) + raw.body().len();
        if self.file.is_none() && self.held + size > self.budget {
            let mut file = Spool::with_limit(0);
            for page in self.memory.drain(..) {
                write_page(&mut file, &page)?;
            }
            self.held = 0;
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => write_page(file, &raw),
            None => {
                // A body read off the wire may sit in a buffer up to twice its size.
                let body = Bytes::copy_from_slice(raw.body());
                self.held += size;
                (self.memory).push(RawPage::kept(raw.url().to_owned(), raw.next, body));
                Ok(())
            }
        }
    }

    fn reader(self) -> Result<PageReader> {
        Ok(match self.file {
            None => PageReader::Memory(self.memory.into_iter()),
            Some(file) => PageReader::File(file.into_reader()?),
        })
    }
}

/// The page's URL, its next link (empty for none) and its body, each length-prefixed: read
/// back, the page needs no second look for its link.
fn write_page(file: &mut Spool, raw: &RawPage) -> Result<()> {
    let next = raw.next.as_deref().unwrap_or_default();
    for part in [raw.url().as_bytes(), next.as_bytes(), raw.body()] {
        file.push_bytes(&(part.len() as u64).to_le_bytes())?;
        file.push_bytes(part)?;
    }
    Ok(())
}

/// The pages of a [`PageSpool`], one at a time.
enum PageReader {
    Memory(std::vec::IntoIter<RawPage>),
    File(Box<dyn Read>),
}

impl PageReader {
    fn next(&mut self) -> Result<Option<RawPage>> {
        let reader = match self {
            PageReader::Memory(pages) => return Ok(pages.next()),
            PageReader::File(reader) => reader,
        };
        let read_error = |e| Failure::io("cannot read a kept page back", e);
        let Some(url) = chunk(reader, true).map_err(read_error)? else {
            return Ok(None);
        };
        let text = |bytes: Vec<u8>| {
            String::from_utf8(bytes)
                .map_err(|e| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
        };
        let missing = || read_error(std::io::ErrorKind::UnexpectedEof.into());
        let next = chunk(reader, false)
            .map_err(read_error)?
            .ok_or_else(missing)?;
        let body = chunk(reader, false)
            .map_err(read_error)?
            .ok_or_else(missing)?;
        let next = Some(text(next)?).filter(|n| !n.is_empty());
        Ok(Some(RawPage::kept(text(url)?, next, Bytes::from(body))))
    }
}

/// The next length-prefixed part of `reader`; `None` at the end, where `at_start` allows one.
fn chunk(reader: &mut dyn Read, at_start: bool) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match reader.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if at_start && e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    }
    let len = u64::from_le_bytes(len);
    let mut buf = Vec::new();
    reader.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(buf))
}

/// The selection of `filters` and `older_than` (list's; prune's own means something else)
/// in pages of `page_size` (as `list` and `prune` select), starting after `marker`; ages
/// count back from now.
pub(crate) fn selection(
    filters: &FilterArgs,
    older_than: Option<Duration>,
    page_size: u32,
    marker: Option<String>,
) -> Selection {
    let now = crate::time::timestamp(SystemTime::now());
    Selection::new(ListOpts {
        changes_since: filters.changes_since.clone(),
        limit: Some(page_size),
        marker,
        name: filters.name.clone(),
        server: filters.server.clone(),
        status: filters.status.clone(),
        image_type: filters.image_type.clone(),
        min_ram: filters.min_ram,
        min_disk: filters.min_disk,
    })
    .with_criteria(filters.select.criteria(older_than, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(i: usize, body: &str) -> RawPage {
        let next = (i < 2).then(|| format!("http://nova/images/detail?marker={i}"));
        RawPage::kept(
            format!("http://nova/{i}"),
            next,
            Bytes::from(body.to_owned()),
        )
    }

    fn read_back(spool: PageSpool) -> Vec<(String, Option<String>, Vec<u8>)> {
        let mut reader = spool.reader().unwrap();
        let mut pages = Vec::new();
        while let Some(raw) = reader.next().unwrap() {
            pages.push((raw.url().to_owned(), raw.next.clone(), raw.body().to_vec()));
        }
        pages
    }

    #[test]
    fn pages_wait_in_memory_within_the_budget_and_in_a_file_beyond_it() {
        let pages = [
            page(0, "{\"images\": []}"),
            page(1, &"x".repeat(100)),
            page(2, ""),
        ];
        let expected: Vec<_> = (pages.iter())
            .map(|p| (p.url().to_owned(), p.next.clone(), p.body().to_vec()))
            .collect();
        for (budget, in_file) in [(1 << 20, false), (100, true), (0, true)] {
            let mut spool = PageSpool::new(budget);
            for page in pages.clone() {
                spool.push(page).unwrap();
            }
            assert_eq!(spool.file.is_some(), in_file, "{budget}");
            assert_eq!(spool.memory.is_empty(), in_file, "{budget}");
            assert_eq!(read_back(spool), expected, "{budget}");
        }
    }
}
