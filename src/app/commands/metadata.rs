//! `nova-images metadata list|get|set|replace|unset`: Nova's image-metadata API.
//!
//! Keys and values are checked as Nova checks them (`^[a-zA-Z0-9-_:. ]{1,255}$`, values of
//! at most 255 characters) before any request, so a typo never costs a round trip.

use std::collections::BTreeMap;

use crate::app::actions::resolve::{Choice, the_image};
use crate::app::failure::{Failure, ForImage, Result};
use crate::app::output::{self, Printer};
use crate::cli::{
    ChooseArgs, MapOutputArgs, MetadataArgs, MetadataCommand, MetadataSetArgs, MetadataUnsetArgs,
};
use crate::client::Images;
use crate::config::Env;
use crate::error::Error;
use crate::model::{Image, Metadata};

/// Nova's limits (`nova/api/validation/parameter_types.py`, `metadata`).
const MAX_KEY: usize = 255;
const MAX_VALUE: usize = 255;

pub(super) async fn run(
    args: MetadataArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    match args.command {
        MetadataCommand::List(a) => {
            let (nova, image) = open(a.image.as_deref(), &a.choose, conn, env, printer).await?;
            let map = nova
                .metadata(&image.id)
                .await
                .map_err(|e| e.for_image(&shown(&a.image, &image)))?;
            print(&map, &a.output, printer)
        }
        MetadataCommand::Get(a) => {
            let (image_arg, mut keys) = arguments(a.image, a.key.into_iter().collect(), &a.choose);
            let key = match (keys.pop(), keys.is_empty()) {
                (Some(key), true) => key,
                _ => return Err(only_keys("give one KEY")),
            };
            check_key(&key)?;
            let (nova, image) = open(image_arg.as_deref(), &a.choose, conn, env, printer).await?;
            let value = nova
                .metadata_get(&image.id, &key)
                .await
                .map_err(|e| for_key(e, &key).for_image(&shown(&image_arg, &image)))?;
            print(&Metadata::from([(key, value)]), &a.output, printer)
        }
        MetadataCommand::Set(a) => write(a, false, conn, env, printer).await,
        MetadataCommand::Replace(a) => write(a, true, conn, env, printer).await,
        MetadataCommand::Unset(a) => unset(a, conn, env, printer).await,
    }
}

/// Connects and resolves the image (`image`, or without it the one --match selects).
async fn open(
    image: Option<&str>,
    choose: &ChooseArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<(Images, Image)> {
    let nova = super::connect(conn, env, printer).await?;
    let choice = Choice::from_args(choose, printer.diag());
    let found = the_image(&nova, image, &choice).await?;
    Ok((nova, found))
}

/// The image argument and the rest. With --match there is no image argument, and clap,
/// which cannot know that, put the first key (or pair) in its place: every argument is a
/// key then.
fn arguments(
    image: Option<String>,
    rest: Vec<String>,
    choose: &ChooseArgs,
) -> (Option<String>, Vec<String>) {
    match (choose.select.pattern.is_some(), image) {
        (true, Some(first)) => (None, std::iter::once(first).chain(rest).collect()),
        (_, image) => (image, rest),
    }
}

/// With --match, the arguments are keys only.
fn only_keys(what: &str) -> Failure {
    Failure::usage(
        format!("with --match, {what} and no image argument"),
        Some("--match stands for the image, so every argument is a key (or KEY=VALUE)".into()),
    )
}

/// The image as errors name it: as given, or by its ID when --match found it.
fn shown(arg: &Option<String>, image: &Image) -> String {
    arg.clone().unwrap_or_else(|| image.id.clone())
}

fn print(map: &Metadata, args: &MapOutputArgs, printer: &mut Printer) -> Result<()> {
    let text = output::render_map(map, &args.output_opts(), &printer.terminal)?;
    printer.data(text.as_bytes())
}

/// `set` (POST, merge) or `replace` (PUT, all); prints the metadata the server returns.
async fn write(
    args: MetadataSetArgs,
    replace: bool,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let (image_arg, pairs) = arguments(args.image, args.pairs, &args.choose);
    if pairs.is_empty() {
        return Err(only_keys("give KEY=VALUE pairs"));
    }
    let pairs = parse_pairs(&pairs)?;
    let (nova, image) = open(image_arg.as_deref(), &args.choose, conn, env, printer).await?;
    let result = if replace {
        nova.metadata_replace(&image.id, &pairs).await
    } else {
        nova.metadata_set(&image.id, &pairs).await
    };
    let map = result.map_err(|e| e.for_image(&shown(&image_arg, &image)))?;
    print(&map, &args.output, printer)
}

/// `unset`: one DELETE per key, every key attempted, each failure reported on its own.
async fn unset(
    args: MetadataUnsetArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let (image_arg, given) = arguments(args.image, args.keys, &args.choose);
    if given.is_empty() {
        return Err(only_keys("give the KEYs to remove"));
    }
    let mut keys: Vec<&str> = Vec::new();
    for key in &given {
        check_key(key)?;
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    let (nova, image) = open(image_arg.as_deref(), &args.choose, conn, env, printer).await?;
    let name = shown(&image_arg, &image);
    let mut causes = Vec::new();
    for key in &keys {
        if let Err(e) = nova.metadata_delete(&image.id, key).await {
            let e = for_key(e, key).for_image(&name);
            printer.error(&e);
            causes.push(e);
        }
    }
    if causes.is_empty() {
        return Ok(());
    }
    Err(Failure::KeysFailed {
        image: name,
        failed: causes.len(),
        total: keys.len(),
        causes,
    })
}

/// An error about `key`, when it is the server's answer about that key, or the key cannot
/// be put in a URL.
fn for_key(e: Error, key: &str) -> Failure {
    match e {
        Error::Api(_) => Failure::MetadataKey {
            key: key.to_owned(),
            source: Box::new(e),
        },
        Error::Unaddressable { ref value } if value == key => Failure::MetadataKey {
            key: key.to_owned(),
            source: Box::new(e),
        },
        other => other.into(),
    }
}

/// `KEY=VALUE` arguments, split at the first `=` and checked; a later pair for the same key
/// wins.
fn parse_pairs(pairs: &[String]) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(Failure::usage(
                format!("{pair:?} is not KEY=VALUE"),
                Some("give each key and its value as KEY=VALUE, e.g. os_distro=ubuntu".into()),
            ));
        };
        check_key(key)?;
        let length = value.chars().count();
        if length > MAX_VALUE {
            return Err(Failure::usage(
                format!(
                    "the value of metadata key {key:?} is {length} characters long; Nova allows \
                     at most {MAX_VALUE}"
                ),
                None,
            ));
        }
        map.insert(key.to_owned(), value.to_owned());
    }
    Ok(map)
}

/// A key as Nova's schema allows it: `^[a-zA-Z0-9-_:. ]{1,255}$`.
fn check_key(key: &str) -> Result<()> {
    let rule = || {
        Some(format!(
            "a key is 1 to {MAX_KEY} letters (a-z, A-Z), digits, spaces and - _ : ."
        ))
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | ' ');
    if key.is_empty() {
        return Err(Failure::usage("a metadata key is empty", rule()));
    }
    let length = key.chars().count();
    if length > MAX_KEY {
        let start: String = key.chars().take(20).collect();
        return Err(Failure::usage(
            format!(
                "metadata key \"{}...\" is {length} characters long; Nova allows at most {MAX_KEY}",
                start.escape_debug()
            ),
            rule(),
        ));
    }
    if let Some(c) = key.chars().find(|c| !allowed(*c)) {
        return Err(Failure::usage(
            format!("metadata key {key:?} holds {c:?}, which Nova does not allow in keys"),
            rule(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_novas_pattern() {
        for good in [
            "os_distro",
            "hw:cpu_policy",
            "a",
            "A-b.c d_9:",
            "   ",
            &"k".repeat(255),
        ] {
            assert!(check_key(good).is_ok(), "{good:?}");
        }
        for bad in [
            "",
            "a/b",
            "ké",
            "tab\there",
            "new\nline",
            "a=b",
            "x?",
            &"k".repeat(256),
        ] {
            let err = check_key(bad).unwrap_err();
            assert_eq!(crate::app::report::exit_code(&err), 2, "{bad:?}");
        }
        assert_eq!(
            check_key("a/b").unwrap_err().to_string(),
            "metadata key \"a/b\" holds '/', which Nova does not allow in keys"
        );
        assert_eq!(
            check_key(&"k".repeat(300)).unwrap_err().to_string(),
            "metadata key \"kkkkkkkkkkkkkkkkkkkk...\" is 300 characters long; Nova allows at most 255"
        );
    }

    #[test]
    fn pairs_split_at_the_first_equals_and_values_are_limited() {
        let pairs =
            |args: &[&str]| parse_pairs(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let map = pairs(&["a=1", "b=x=y", "c=", "a=2"]).unwrap();
        assert_eq!(
            map,
            BTreeMap::from([
                ("a".to_owned(), "2".to_owned()),
                ("b".to_owned(), "x=y".to_owned()),
                ("c".to_owned(), String::new()),
            ])
        );
        assert_eq!(
            pairs(&["novalue"]).unwrap_err().to_string(),
            "\"novalue\" is not KEY=VALUE"
        );
        assert!(pairs(&[&format!("k={}", "é".repeat(255))]).is_ok());
        let err = pairs(&[&format!("k={}", "x".repeat(256))]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the value of metadata key \"k\" is 256 characters long; Nova allows at most 255"
        );
        assert_eq!(
            crate::app::report::exit_code(&pairs(&["=v"]).unwrap_err()),
            2
        );
    }
}
