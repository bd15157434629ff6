//! Image IDs or names, the way `openstack image show` takes them: the one place that turns
//! what the user typed into an image, for every command that takes an image.
//!
//! The argument is tried as an ID first (`GET /images/{arg}`); only on a 404 is it looked up
//! as an exact, case-sensitive name across all pages. So an image whose *name* is another
//! image's ID never hides that image: the ID wins, predictably. The filters checked here
//! (--property, --older-than, ...) narrow either: an image found by its ID that they do not
//! select is not found. Without an argument (--match), every page is searched.

use crate::app::failure::{Failure, ForImage, Result};
use crate::cli::{ChooseArgs, PickArgs};
use crate::client::{Criteria, Images, ListOpts, Selection};
use crate::diag::Diag;
use crate::error::{ApiError, Error};
use crate::model::Image;

/// Which of several images with one name to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    /// The latest `created` as an instant (ties: the highest ID): [`Image::age_order`].
    Newest,
    /// The earliest `created` (ties: the lowest ID); a missing or unreadable one is the
    /// earliest of all.
    Oldest,
}

impl Pick {
    /// `--newest` / `--oldest`, if either was given.
    pub(crate) fn from_args(args: &PickArgs) -> Option<Pick> {
        match (args.newest, args.oldest) {
            (true, _) => Some(Pick::Newest),
            (_, true) => Some(Pick::Oldest),
            _ => None,
        }
    }
}

/// How a command's image is chosen besides its argument: the filters checked here, and
/// which of several to take.
#[derive(Debug, Clone, Default)]
pub(crate) struct Choice {
    pub criteria: Criteria,
    pub pick: Option<Pick>,
    /// Where `-v` says how many images an age left out.
    pub diag: Diag,
}

impl Choice {
    /// The choice of the command line's options, ages counted back from now.
    pub(crate) fn from_args(args: &ChooseArgs, diag: &Diag) -> Choice {
        let now = crate::time::timestamp(std::time::SystemTime::now());
        Choice {
            criteria: args.select.criteria(args.older.older_than, now),
            pick: Pick::from_args(&args.pick),
            diag: diag.clone(),
        }
    }
}

/// The image a command works on: the one `arg` means (an ID or a name, see
/// [`resolve_image`]) or, without an argument, the one the choice's criteria select among
/// every image (--match).
pub(crate) async fn the_image(nova: &Images, arg: Option<&str>, choice: &Choice) -> Result<Image> {
    match arg {
        Some(arg) => resolve_image(nova, arg, choice).await,
        None => matching(nova, choice).await,
    }
}

/// The one image the choice's criteria select among every image (--match without an
/// argument): [`Failure::NoneSelected`] for none, [`Failure::SeveralSelected`] for several
/// unless the choice picks.
pub(crate) async fn matching(nova: &Images, choice: &Choice) -> Result<Image> {
    selected(nova, ListOpts::default(), String::new(), choice).await
}

/// The image `id_or_name` means: the image with that ID (GET); on a 404, the one image
/// named exactly that, every page; with several, the one `choice` picks, or
/// [`Error::Ambiguous`] listing them all (exit 6). Neither an ID nor a name is
/// [`Failure::NoSuchImage`] (exit 5), carrying the server's 404. With criteria, only an image
/// they select counts, found by ID or by name ([`Failure::NoneSelected`],
/// [`Failure::SeveralSelected`]).
pub(crate) async fn resolve_image(
    nova: &Images,
    id_or_name: &str,
    choice: &Choice,
) -> Result<Image> {
    if id_or_name.is_empty() {
        return Err(Failure::usage("the image ID or name is empty", None));
    }
    match nova.get(id_or_name).await {
        Ok(image) if choice.criteria.admits(&image) => Ok(image),
        Ok(image) => Err(Failure::NoneSelected {
            what: in_words(&format!("with ID {:?}", image.id), &choice.criteria),
        }),
        Err(Error::Api(api)) if api.status == 404 => {
            by_name_after(nova, id_or_name, choice, Some(api)).await
        }
        // `.` and `..` cannot be IDs in a URL, but they can be names.
        Err(Error::Unaddressable { .. }) => by_name(nova, id_or_name, choice).await,
        Err(e) => Err(e.for_image(id_or_name)),
    }
}

/// The image named exactly `name` (for `id-from-name`, which takes names only):
/// [`Error::NameNotFound`] for none, [`Error::Ambiguous`] for several unless the choice
/// picks.
pub(crate) async fn by_name(nova: &Images, name: &str, choice: &Choice) -> Result<Image> {
    by_name_after(nova, name, choice, None).await
}

/// [`by_name`], after `name` was tried as an ID and answered `id_404`: then none is
/// [`Failure::NoSuchImage`].
pub(crate) async fn by_name_after(
    nova: &Images,
    name: &str,
    choice: &Choice,
    id_404: Option<Box<ApiError>>,
) -> Result<Image> {
    let opts = ListOpts {
        name: Some(name.to_owned()),
        ..Default::default()
    };
    if !choice.criteria.is_empty() {
        return selected(nova, opts, format!("named {name:?}"), choice).await;
    }
    match search(nova, Selection::new(opts), choice).await? {
        Found::None => Err(match id_404 {
            Some(api) => Failure::NoSuchImage {
                image: name.to_owned(),
                api,
            },
            None => Error::NameNotFound {
                name: name.to_owned(),
            }
            .into(),
        }),
        Found::One(image) => Ok(*image),
        Found::Several(candidates) => Err(Error::Ambiguous {
            name: name.to_owned(),
            candidates,
        }
        .into()),
    }
}

/// The one image `opts` and the choice's criteria select; `named` says what `opts` asks
/// for, in words, for the errors.
async fn selected(nova: &Images, opts: ListOpts, named: String, choice: &Choice) -> Result<Image> {
    let selection = Selection::new(opts).with_criteria(choice.criteria.clone());
    let what = || in_words(&named, &choice.criteria);
    match search(nova, selection, choice).await? {
        Found::None => Err(Failure::NoneSelected { what: what() }),
        Found::One(image) => Ok(*image),
        Found::Several(candidates) => Err(Failure::SeveralSelected {
            what: what(),
            candidates,
        }),
    }
}

/// `named` and the criteria, in words: `named "x", with os_distro="ubuntu"`.
fn in_words(named: &str, criteria: &Criteria) -> String {
    let criteria = criteria.to_string();
    [named, &criteria]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a search for one image found.
#[derive(Debug)]
enum Found {
    None,
    One(Box<Image>),
    /// Every candidate, in the listing's order (compact: see [`Candidates`]).
    Several(Vec<Image>),
}

/// Every page of `selection`, kept in bounded memory by [`Candidates`]; `-v` says how many
/// images an age left out for having no readable creation time.
async fn search(nova: &Images, selection: Selection, choice: &Choice) -> Result<Found> {
    let mut listing = selection.listing(nova);
    let mut found = Candidates::new(choice.pick);
    while let Some(page) = listing.next_page().await? {
        for image in page {
            found.add(image);
        }
    }
    let undated = listing.tally().undated;
    if undated > 0 {
        choice.diag.notice(&format!(
            "left out {undated} images whose creation time is missing or unreadable (an age \
             cannot place them)"
        ));
    }
    Ok(found.finish())
}

/// The images a search found so far, in bounded memory: with a pick only the best one;
/// without, the first whole (it may be the only one) and the others compact, for the
/// message that lists them.
struct Candidates {
    pick: Option<Pick>,
    first: Option<Image>,
    others: Vec<Image>,
}

impl Candidates {
    fn new(pick: Option<Pick>) -> Self {
        Candidates {
            pick,
            first: None,
            others: Vec::new(),
        }
    }

    fn add(&mut self, image: Image) {
        let Some(first) = &self.first else {
            self.first = Some(image);
            return;
        };
        // The one order of --newest/--oldest; a tie (the same image sent twice) keeps the
        // one found first.
        let better = match self.pick {
            None => {
                self.others.push(compact(image));
                return;
            }
            Some(Pick::Newest) => Image::age_order(&image, first).is_gt(),
            Some(Pick::Oldest) => Image::age_order(&image, first).is_lt(),
        };
        if better {
            self.first = Some(image);
        }
    }

    fn finish(self) -> Found {
        match (self.first, self.others.is_empty()) {
            (None, _) => Found::None,
            (Some(image), true) => Found::One(Box::new(image)),
            (Some(first), false) => {
                let mut all = vec![compact(first)];
                all.extend(self.others);
                Found::Several(all)
            }
        }
    }
}

/// What the exit-6 message shows of an image and nothing more (a name matching thousands
/// of images must not hold them whole).
fn compact(image: Image) -> Image {
    Image {
        metadata: serde_json::Value::Null,
        server: None,
        links: Vec::new(),
        extra: serde_json::Map::new(),
        updated: None,
        disk_config: None,
        ..image
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, created: Option<&str>) -> Image {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": "dup", "status": "ACTIVE", "created": created,
            "metadata": {"os_distro": "ubuntu"}, "links": [{"href": "http://x", "rel": "self"}]
        }))
        .unwrap()
    }

    fn ids() -> Vec<Image> {
        vec![
            image("b", Some("2024-01-01T00:01:00Z")),
            image("c", Some("2024-01-01T00:02:00Z")),
            image("a", Some("2024-01-01T00:02:00Z")),
            image("d", None),
        ]
    }

    fn choose(images: Vec<Image>, pick: Option<Pick>) -> Found {
        let mut found = Candidates::new(pick);
        for image in images {
            found.add(image);
        }
        found.finish()
    }

    fn chosen(images: Vec<Image>, pick: Option<Pick>) -> String {
        match choose(images, pick) {
            Found::One(image) => image.id,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn newest_and_oldest_break_ties_by_id() {
        assert_eq!(chosen(ids(), Some(Pick::Newest)), "c");
        assert_eq!(chosen(ids(), Some(Pick::Oldest)), "d");
        let no_d: Vec<Image> = ids().into_iter().filter(|i| i.id != "d").collect();
        assert_eq!(chosen(no_d, Some(Pick::Oldest)), "b");
        // Whatever order the pages come in.
        let mut reversed = ids();
        reversed.reverse();
        assert_eq!(chosen(reversed.clone(), Some(Pick::Newest)), "c");
        assert_eq!(chosen(reversed, Some(Pick::Oldest)), "d");
    }

    #[test]
    fn newest_is_the_latest_instant_not_the_largest_text() {
        // Text order says b (…T02 > …T01); as instants a (00:30Z) is later than b (00:00Z).
        let images = || {
            vec![
                image("a", Some("2024-01-01T01:30:00+01:00")),
                image("b", Some("2024-01-01T02:00:00+02:00")),
                image("c", Some("2024-02-30T25:61:61Z")),
            ]
        };
        assert_eq!(chosen(images(), Some(Pick::Newest)), "a");
        // The unreadable date is the oldest, never the newest.
        assert_eq!(chosen(images(), Some(Pick::Oldest)), "c");
    }

    #[test]
    fn several_without_a_pick_are_listed_compact_and_one_needs_no_pick() {
        let Found::Several(all) = choose(ids(), None) else {
            panic!("not several");
        };
        assert_eq!(
            all.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ["b", "c", "a", "d"]
        );
        assert!(
            all.iter()
                .all(|i| i.metadata.is_null() && i.links.is_empty())
        );
        assert_eq!(all[0].created.as_deref(), Some("2024-01-01T00:01:00Z"));
        let err: Failure = Error::Ambiguous {
            name: "dup".into(),
            candidates: all,
        }
        .into();
        assert_eq!(crate::app::report::exit_code(&err), 6);
        assert!(
            err.to_string()
                .starts_with("4 images named \"dup\": b (ACTIVE, created")
        );
        // The only one is whole.
        match choose(vec![image("only", None)], None) {
            Found::One(one) => assert_eq!(one.metadata["os_distro"], "ubuntu"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(choose(Vec::new(), None), Found::None));
    }

    #[test]
    fn the_selection_is_told_in_words() {
        let criteria = Criteria {
            properties: vec![crate::client::Property::parse("os_distro=ubuntu").unwrap()],
            ..Default::default()
        };
        assert_eq!(
            in_words("named \"x\"", &criteria),
            "named \"x\", with os_distro=\"ubuntu\""
        );
        assert_eq!(in_words("", &criteria), "with os_distro=\"ubuntu\"");
        let err = Failure::NoneSelected {
            what: in_words("", &criteria),
        };
        assert_eq!(err.to_string(), "no image with os_distro=\"ubuntu\"");
        assert_eq!(crate::app::report::exit_code(&err), 5);
    }

    #[test]
    fn pick_follows_the_flags() {
        let args = |newest, oldest| PickArgs { newest, oldest };
        assert_eq!(Pick::from_args(&args(false, false)), None);
        assert_eq!(Pick::from_args(&args(true, false)), Some(Pick::Newest));
        assert_eq!(Pick::from_args(&args(false, true)), Some(Pick::Oldest));
    }
}
