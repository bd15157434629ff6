//! Image IDs or names, the way `openstack image show` takes them: the one place that turns
//! what the user typed into an image, for every command that takes an image.
//!
//! The argument is tried as an ID first (`GET /images/{arg}`); only on a 404 is it looked up
//! as an exact, case-sensitive name across all pages. So an image whose *name* is another
//! image's ID never hides that image: the ID wins, predictably.

use crate::app::failure::{Failure, ForImage, Result};
use crate::cli::PickArgs;
use crate::client::ComputeClient;
use crate::error::Error;
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

/// The image `id_or_name` means: the image with that ID (GET); on a 404, the one image
/// named exactly that ([`ComputeClient::images_named`], every page); with several, the one
/// `pick` chooses, or [`Error::Ambiguous`] listing them all (exit 6). Neither an ID nor a
/// name is [`Failure::NoSuchImage`] (exit 5), carrying the server's 404.
pub(crate) async fn resolve_image(
    nova: &ComputeClient,
    id_or_name: &str,
    pick: Option<Pick>,
) -> Result<Image> {
    if id_or_name.is_empty() {
        return Err(Failure::usage("the image ID or name is empty", None));
    }
    match nova.get(id_or_name).await {
        Ok(image) => Ok(image),
        Err(Error::Api(api)) if api.status == 404 => {
            let named = nova.images_named(id_or_name).await?;
            if named.is_empty() {
                return Err(Failure::NoSuchImage {
                    image: id_or_name.to_owned(),
                    api,
                });
            }
            choose(id_or_name, named, pick)
        }
        // `.` and `..` cannot be IDs in a URL, but they can be names.
        Err(Error::Unaddressable { .. }) => by_name(nova, id_or_name, pick).await,
        Err(e) => Err(e.for_image(id_or_name)),
    }
}

/// The image named exactly `name` (for `id-from-name`, which takes names only):
/// [`Error::NameNotFound`] for none, [`Error::Ambiguous`] for several unless `pick` chooses.
pub(crate) async fn by_name(nova: &ComputeClient, name: &str, pick: Option<Pick>) -> Result<Image> {
    let named = nova.images_named(name).await?;
    if named.is_empty() {
        return Err(Error::NameNotFound {
            name: name.to_owned(),
        }
        .into());
    }
    choose(name, named, pick)
}

/// One of the images carrying `name` (at least one).
pub(crate) fn choose(name: &str, mut images: Vec<Image>, pick: Option<Pick>) -> Result<Image> {
    let chosen = match pick {
        _ if images.len() == 1 => images.pop(),
        None => {
            return Err(Error::Ambiguous {
                name: name.to_owned(),
                candidates: images,
            }
            .into());
        }
        Some(Pick::Newest) => images.into_iter().max_by(Image::age_order),
        Some(Pick::Oldest) => images.into_iter().min_by(Image::age_order),
    };
    chosen.ok_or_else(|| {
        Error::NameNotFound {
            name: name.to_owned(),
        }
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, created: Option<&str>) -> Image {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": "dup", "status": "ACTIVE", "created": created
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

    #[test]
    fn newest_and_oldest_break_ties_by_id() {
        assert_eq!(choose("dup", ids(), Some(Pick::Newest)).unwrap().id, "c");
        assert_eq!(choose("dup", ids(), Some(Pick::Oldest)).unwrap().id, "d");
        let no_d: Vec<Image> = ids().into_iter().filter(|i| i.id != "d").collect();
        assert_eq!(choose("dup", no_d, Some(Pick::Oldest)).unwrap().id, "b");
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
        assert_eq!(choose("dup", images(), Some(Pick::Newest)).unwrap().id, "a");
        // The unreadable date is the oldest, never the newest.
        assert_eq!(choose("dup", images(), Some(Pick::Oldest)).unwrap().id, "c");
    }

    #[test]
    fn several_without_a_pick_are_ambiguous_and_one_needs_no_pick() {
        let err = choose("dup", ids(), None).unwrap_err();
        assert_eq!(crate::app::report::exit_code(&err), 6);
        assert!(
            err.to_string()
                .starts_with("4 images named \"dup\": b (ACTIVE, created")
        );
        let one = vec![image("only", None)];
        assert_eq!(choose("dup", one, None).unwrap().id, "only");
    }

    #[test]
    fn pick_follows_the_flags() {
        let args = |newest, oldest| PickArgs { newest, oldest };
        assert_eq!(Pick::from_args(&args(false, false)), None);
        assert_eq!(Pick::from_args(&args(true, false)), Some(Pick::Newest));
        assert_eq!(Pick::from_args(&args(false, true)), Some(Pick::Oldest));
    }
}
