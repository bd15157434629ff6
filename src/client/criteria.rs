//! What only the client can select, since no server filters on it: [`Criteria`] (a
//! [`NamePattern`] on the name, [`Property`] conditions on the metadata, bounds on the
//! creation time), checked by the [`Selection`](super::Selection) on every image.

use std::fmt;
use std::ops::Range;
use std::time::Duration;

use crate::model::Image;
use crate::time::{Timestamp, before, parse_timestamp};

/// Is the text form of a metadata value (a string as it is, anything else as compact JSON)
/// `want`? A null has no text: it equals nothing, neither `null` nor the empty string.
pub(super) fn plain_text_is(value: &serde_json::Value, want: &str) -> bool {
    match value {
        serde_json::Value::String(s) => s == want,
        serde_json::Value::Null => false,
        // Not `*other == want`: serde_json compares a Value with a str only as a string,
        // and a number or boolean property must match its JSON text.
        other => {
            let text = other.to_string();
            text == want
        }
    }
}

/// What only the client can select, since no server filters on it: the name against a
/// pattern, metadata properties, and the creation time against age bounds. Every one given
/// must hold. An age bound selects only images whose `created` is readable; the others are
/// counted in [`Tally::undated`](super::Tally::undated).
///
/// ```
/// use std::time::Duration;
/// use nova_images::client::{Criteria, NamePattern, Property};
/// use nova_images::time::parse_timestamp;
/// let now = parse_timestamp("2024-06-08T00:00:00Z").unwrap();
/// let criteria = Criteria {
///     pattern: Some(NamePattern::new(r"^ubuntu-24\.04-").unwrap()),
///     properties: vec![Property::parse("os_distro=ubuntu").unwrap()],
///     ..Default::default()
/// }
/// .older_than(Duration::from_secs(7 * 86_400), now);
/// assert_eq!(
///     criteria.to_string(),
///     r#"whose name matches "^ubuntu-24\\.04-", with os_distro="ubuntu", created before 2024-06-01T00:00:00Z"#
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct Criteria {
    /// The name matches (an image without a name never does).
    pub pattern: Option<NamePattern>,
    /// Every one holds.
    pub properties: Vec<Property>,
    /// Created strictly before this instant.
    pub created_before: Option<Timestamp>,
    /// Created at this instant or later.
    pub created_since: Option<Timestamp>,
}

/// What [`Criteria`] decide about one image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Selected,
    Unselected,
    /// Selected by everything else, but an age bound cannot place it: its `created` is
    /// missing or unreadable.
    Undated,
}

impl Criteria {
    /// Only images created more than `age` before `now`. An age reaching before the earliest
    /// time there is selects none.
    pub fn older_than(mut self, age: Duration, now: Timestamp) -> Self {
        self.created_before = Some(before(now, age).unwrap_or(Timestamp::MIN));
        self
    }

    /// Only images created `age` before `now` or later: exactly the dated images
    /// [`Criteria::older_than`] leaves out.
    pub fn newer_than(mut self, age: Duration, now: Timestamp) -> Self {
        self.created_since = Some(before(now, age).unwrap_or(Timestamp::MIN));
        self
    }

    /// Does it select every image?
    pub fn is_empty(&self) -> bool {
        self.pattern.is_none()
            && self.properties.is_empty()
            && self.created_before.is_none()
            && self.created_since.is_none()
    }

    /// Does it select `image`?
    pub fn admits(&self, image: &Image) -> bool {
        self.verdict(image) == Verdict::Selected
    }

    pub(super) fn verdict(&self, image: &Image) -> Verdict {
        let named = (self.pattern.as_ref())
            .is_none_or(|p| (image.name.as_deref()).is_some_and(|name| p.is_match(name)));
        if !named || !self.properties.iter().all(|p| p.holds(&image.metadata)) {
            return Verdict::Unselected;
        }
        if self.created_before.is_none() && self.created_since.is_none() {
            return Verdict::Selected;
        }
        let Some(created) = image.created.as_deref().and_then(parse_timestamp) else {
            return Verdict::Undated;
        };
        let in_bounds = self.created_before.is_none_or(|at| created < at)
            && self.created_since.is_none_or(|at| created >= at);
        match in_bounds {
            true => Verdict::Selected,
            false => Verdict::Unselected,
        }
    }
}

/// The criteria in words, for messages: `whose name matches "^ci-", with os_distro="ubuntu",
/// created before 2024-06-01T00:00:00Z` (empty when there are none).
impl fmt::Display for Criteria {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(p) = &self.pattern {
            parts.push(format!("whose name matches {:?}", p.as_str()));
        }
        for p in &self.properties {
            parts.push(format!("with {p}"));
        }
        let second = |at: &Timestamp| at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
        if let Some(at) = &self.created_before {
            parts.push(format!("created before {}", second(at)));
        }
        if let Some(at) = &self.created_since {
            parts.push(format!("created at or after {}", second(at)));
        }
        f.write_str(&parts.join(", "))
    }
}

/// A pattern an image's name must match: a regular expression (the `regex` crate's syntax)
/// searched for anywhere in the name, as grep does; `^` and `$` anchor it.
#[derive(Debug, Clone)]
pub struct NamePattern {
    regex: regex::Regex,
}

/// A pattern that is not a regular expression, or too big to compile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pattern:?} is not a usable regular expression: {why}")]
pub struct BadPattern {
    /// The pattern as given.
    pub pattern: String,
    /// What is wrong, and where, on one line.
    pub why: String,
}

impl NamePattern {
    /// Compiles `pattern`; a mistake is told on one line with its position (the character,
    /// counted from 1).
    pub fn new(pattern: &str) -> std::result::Result<Self, BadPattern> {
        let bad = |why: String| BadPattern {
            pattern: pattern.to_owned(),
            why,
        };
        // Parsed first for an error that carries the position (regex's own is several
        // lines, drawn with a caret).
        if let Err(e) = regex_syntax::Parser::new().parse(pattern) {
            return Err(bad(syntax_error(pattern, &e)));
        }
        match regex::Regex::new(pattern) {
            Ok(regex) => Ok(NamePattern { regex }),
            Err(regex::Error::CompiledTooBig(limit)) => Err(bad(format!(
                "it compiles to more than the limit of {limit} bytes"
            ))),
            Err(e) => Err(bad(e.to_string().lines().last().unwrap_or("").to_owned())),
        }
    }

    /// The pattern as given.
    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }

    /// Does `name` contain a match?
    pub fn is_match(&self, name: &str) -> bool {
        self.regex.is_match(name)
    }

    /// Where in `name` its group key is, for grouping names by a pattern: the first
    /// capture group of the first match, or the whole match when the pattern has no group;
    /// an empty range when that group takes no part in the match (as `\1` is empty in
    /// sed). `None`: the name does not match.
    ///
    /// ```
    /// use nova_images::client::NamePattern;
    /// let key = |pattern: &str, name: &'static str| {
    ///     let range = NamePattern::new(pattern).unwrap().group_key(name)?;
    ///     name.get(range)
    /// };
    /// assert_eq!(key(r"^(ci-build)-\d{8}", "ci-build-20240601-2"), Some("ci-build"));
    /// assert_eq!(key(r"\d{8}", "nightly-20240601"), Some("20240601"));
    /// assert_eq!(key(r"^(x)?y", "y"), Some(""));
    /// assert_eq!(key(r"^ci-", "base"), None);
    /// ```
    pub fn group_key(&self, name: &str) -> Option<Range<usize>> {
        let mut groups = self.regex.capture_locations();
        let whole = self.regex.captures_read(&mut groups, name)?;
        if groups.len() < 2 {
            return Some(whole.range());
        }
        Some(match groups.get(1) {
            Some((start, end)) => start..end,
            None => whole.start()..whole.start(),
        })
    }
}

/// A syntax error in a few words with the character it starts at, e.g. `unclosed group at
/// character 3`.
fn syntax_error(pattern: &str, error: &regex_syntax::Error) -> String {
    let (kind, offset) = match error {
        regex_syntax::Error::Parse(e) => (e.kind().to_string(), e.span().start.offset),
        regex_syntax::Error::Translate(e) => (e.kind().to_string(), e.span().start.offset),
        other => return other.to_string().lines().last().unwrap_or("").to_owned(),
    };
    let at = pattern.get(..offset).map_or(0, |head| head.chars().count()) + 1;
    format!("{kind} at character {at}")
}

/// A condition on one metadata property: the key is present (whatever its value, null
/// included), or its value's plain text is exactly the one given (a string as it is, a
/// number or boolean as JSON writes it; a null equals no value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The key, exactly (case-sensitive).
    pub key: String,
    /// The value, exactly; `None`: the key is present.
    pub value: Option<String>,
}

/// A property condition without a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} names no property: give KEY or KEY=VALUE (split at the first '=')")]
pub struct BadProperty {
    /// The text as given.
    pub given: String,
}

impl Property {
    /// `KEY` (present) or `KEY=VALUE`, split at the first `=`; the key must not be empty.
    pub fn parse(text: &str) -> std::result::Result<Self, BadProperty> {
        let (key, value) = match text.split_once('=') {
            Some((key, value)) => (key, Some(value.to_owned())),
            None => (text, None),
        };
        if key.is_empty() {
            return Err(BadProperty {
                given: text.to_owned(),
            });
        }
        Ok(Property {
            key: key.to_owned(),
            value,
        })
    }

    /// Does `metadata` (an image's properties) meet it?
    pub fn holds(&self, metadata: &serde_json::Value) -> bool {
        match (metadata.get(&self.key), &self.value) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(value), Some(want)) => plain_text_is(value, want),
        }
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(value) => write!(f, "{}={value:?}", self.key),
            None => write!(f, "property {}", self.key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(json: serde_json::Value) -> Image {
        serde_json::from_value(json).unwrap()
    }

    fn at(text: &str) -> Timestamp {
        parse_timestamp(text).unwrap()
    }

    fn named(id: &str, name: Option<&str>, created: Option<&str>) -> Image {
        image(serde_json::json!({"id": id, "name": name, "created": created, "status": "ACTIVE"}))
    }

    #[test]
    fn a_pattern_is_searched_anywhere_in_the_name() {
        let criteria = |p: &str| Criteria {
            pattern: Some(NamePattern::new(p).unwrap()),
            ..Default::default()
        };
        let ubuntu = named("1", Some("ubuntu-24.04-20240601"), None);
        assert!(criteria("24\\.04").admits(&ubuntu));
        assert!(criteria("^ubuntu-").admits(&ubuntu));
        assert!(criteria("").admits(&ubuntu));
        assert!(!criteria("^24").admits(&ubuntu));
        assert!(!criteria("UBUNTU").admits(&ubuntu));
        assert!(criteria("(?i)UBUNTU").admits(&ubuntu));
        // No name: nothing to match, not even the empty pattern.
        assert!(!criteria("").admits(&named("2", None, None)));
        assert!(criteria("^$").admits(&named("3", Some(""), None)));
    }

    #[test]
    fn a_group_key_is_the_first_group_or_the_whole_match() {
        let key = |pattern: &str, name: &str| -> Option<String> {
            let range = NamePattern::new(pattern).unwrap().group_key(name)?;
            Some(name[range].to_owned())
        };
        let build = r"^(ci-build)-\d{8}";
        assert_eq!(
            key(build, "ci-build-20240601-3").as_deref(),
            Some("ci-build")
        );
        assert_eq!(key(build, "ci-build-2024").as_deref(), None);
        // The first group counts, by its opening parenthesis, named or not.
        assert_eq!(key(r"((a)(b))c", "xabc").as_deref(), Some("ab"));
        assert_eq!(
            key(r"(?P<os>\w+)-(\d+)", "ü-ubuntu-24").as_deref(),
            Some("ubuntu")
        );
        // No group: the whole (first, leftmost) match.
        assert_eq!(key(r"\d+", "a-12-34").as_deref(), Some("12"));
        assert_eq!(key("", "anything").as_deref(), Some(""));
        // Non-capturing groups are no group; an unused group is empty.
        assert_eq!(key(r"(?:ab)+", "ababc").as_deref(), Some("abab"));
        assert_eq!(key(r"^(x)?y(z)?", "yz").as_deref(), Some(""));
        // Offsets are bytes of the name, on character boundaries.
        assert_eq!(key(r"-(名前)-", "ü-名前-1").as_deref(), Some("名前"));
    }

    #[test]
    fn a_bad_pattern_says_what_and_where_on_one_line() {
        for (pattern, why) in [
            ("a(b", "unclosed group at character 2"),
            (
                "[z-a]",
                "invalid character class range, the start must be <= the end at character 2",
            ),
            ("üü)", "unopened group at character 3"),
            (
                "a{2,1}",
                "invalid repetition count range, the start must be <= the end at character 2",
            ),
            ("\\p{Nope}", "Unicode property not found at character 1"),
        ] {
            let err = NamePattern::new(pattern).unwrap_err();
            assert_eq!(err.why, why, "{pattern}");
            assert_eq!(err.pattern, pattern);
            assert!(!err.to_string().contains('\n'), "{err}");
        }
        assert_eq!(
            NamePattern::new("a(b").unwrap_err().to_string(),
            "\"a(b\" is not a usable regular expression: unclosed group at character 2"
        );
        let huge = NamePattern::new("\\w{1000}{1000}").unwrap_err();
        assert!(
            huge.why
                .starts_with("it compiles to more than the limit of"),
            "{huge}"
        );
    }

    #[test]
    fn properties_compare_plain_text_and_a_key_alone_is_presence() {
        let metadata = serde_json::json!({
            "os_distro": "ubuntu", "hw_cpu_cores": 4, "secure": true, "ratio": 1.5,
            "gone": null, "list": [1, "a"], "empty": ""
        });
        let holds = |text: &str| Property::parse(text).unwrap().holds(&metadata);
        for yes in [
            "os_distro=ubuntu",
            "os_distro",
            "hw_cpu_cores=4",
            "secure=true",
            "ratio=1.5",
            "list=[1,\"a\"]",
            "empty=",
            "empty",
            "gone",
        ] {
            assert!(holds(yes), "{yes}");
        }
        for no in [
            "os_distro=Ubuntu",
            "os_distro=ubuntu ",
            "hw_cpu_cores=04",
            "hw_cpu_cores=\"4\"",
            "secure=True",
            "gone=null",
            "gone=",
            "missing",
            "missing=",
            "OS_DISTRO",
        ] {
            assert!(!holds(no), "{no}");
        }
        // Metadata that is not an object has no keys.
        assert!(
            !Property::parse("a")
                .unwrap()
                .holds(&serde_json::json!(null))
        );
        assert_eq!(
            Property::parse("k=v=w").unwrap(),
            Property {
                key: "k".into(),
                value: Some("v=w".into())
            }
        );
        assert_eq!(Property::parse("k").unwrap().value, None);
        for bad in ["", "=v", "="] {
            assert_eq!(Property::parse(bad).unwrap_err().given, bad);
        }
    }

    #[test]
    fn age_bounds_split_dated_images_and_count_the_undated() {
        let now = at("2024-06-08T00:00:00Z");
        let week = Duration::from_secs(7 * 86_400);
        let old = named("old", Some("a"), Some("2024-05-31T23:59:59Z"));
        let edge = named("edge", Some("a"), Some("2024-06-01T02:00:00+02:00"));
        let new = named("new", Some("a"), Some("2024-06-07T00:00:00Z"));
        let undated = named("u1", Some("a"), Some("2024-02-30T00:00:00Z"));
        let missing = named("u2", Some("a"), None);
        let older = Criteria::default().older_than(week, now);
        let newer = Criteria::default().newer_than(week, now);
        assert_eq!(
            [&old, &edge, &new].map(|i| (older.admits(i), newer.admits(i))),
            [(true, false), (false, true), (false, true)]
        );
        for criteria in [&older, &newer] {
            assert_eq!(criteria.verdict(&undated), Verdict::Undated);
            assert_eq!(criteria.verdict(&missing), Verdict::Undated);
        }
        // Undated only counts what nothing else left out.
        let other = named("u3", Some("b"), None);
        let both = Criteria {
            pattern: Some(NamePattern::new("^a$").unwrap()),
            ..older.clone()
        };
        assert_eq!(both.verdict(&other), Verdict::Unselected);
        // No age bound: a missing date does not matter.
        assert!(Criteria::default().admits(&missing));
        // Longer ago than time goes back: nothing is older, everything dated is newer.
        let forever = Duration::from_secs(u64::MAX);
        assert!(!Criteria::default().older_than(forever, now).admits(&old));
        assert!(Criteria::default().newer_than(forever, now).admits(&old));
    }

    #[test]
    fn criteria_are_told_in_words() {
        let now = at("2024-06-08T12:30:00.5Z");
        let criteria = Criteria {
            pattern: Some(NamePattern::new("^ci-\"x\"").unwrap()),
            properties: vec![
                Property::parse("os_distro=ubuntu").unwrap(),
                Property::parse("hw_rng_model").unwrap(),
            ],
            ..Default::default()
        }
        .older_than(Duration::from_secs(3600), now)
        .newer_than(Duration::from_secs(86_400), now);
        assert_eq!(
            criteria.to_string(),
            "whose name matches \"^ci-\\\"x\\\"\", with os_distro=\"ubuntu\", with property \
             hw_rng_model, created before 2024-06-08T11:30:00Z, created at or after \
             2024-06-07T12:30:00Z"
        );
        assert_eq!(Criteria::default().to_string(), "");
        assert!(Criteria::default().is_empty() && !criteria.is_empty());
    }
}
