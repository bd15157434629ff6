//! Times and durations, one rule each: how a server's timestamp is read, which of two images
//! is the newer, which numbers of seconds a timeout, wait or interval may be, and how an
//! age (`30d`: `--older-than`, `--newer-than`) is written.
//!
//! Dates go through [`jiff`] rather than calendar arithmetic of our own: it reads RFC 3339
//! with offsets and rejects out-of-range fields (`2024-02-30`, `25:61:61`), so that a
//! server's nonsense is an unreadable time, never a time that sorts somewhere.
//!
//! ```
//! use nova_images::time::{parse_timestamp, seconds};
//! let a = parse_timestamp("2024-01-01T01:00:00+01:00");
//! assert_eq!(a, parse_timestamp("2024-01-01T00:00:00Z"));
//! assert_eq!(parse_timestamp("2024-02-30T25:61:61Z"), None);
//! assert_eq!(seconds("2.5").unwrap().as_millis(), 2500);
//! assert!(seconds("-1").is_err() && seconds("nan").is_err() && seconds("1e300").is_err());
//! ```

use std::cmp::Ordering;
use std::time::{Duration, SystemTime};

pub use jiff::Timestamp;

/// A timestamp as OpenStack writes one (`created`, `updated`, Keystone's `expires_at`):
/// RFC 3339, `2024-01-01T00:00:00Z`, with optional fractional seconds and a `Z` or `±HH:MM`
/// offset; without an offset it is UTC (as Nova and Keystone mean it). `None` for anything
/// else, out-of-range fields (month 13, February 30, hour 25) included.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    if let Ok(at) = text.parse::<Timestamp>() {
        return Some(at);
    }
    // No offset at all: the exact shape only, so that a malformed offset is never read as
    // UTC.
    let civil = jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f", text)
        .and_then(|t| t.to_datetime())
        .ok()?;
    jiff::tz::Offset::UTC.to_timestamp(civil).ok()
}

/// The one "older / newer" order of images: by creation time, then by ID (text order), so
/// every pick is the same on every run. A missing or unreadable time sorts as the oldest of
/// all. `Ordering::Less` means `a` is the older; `max_by` picks the newest.
pub fn age_order(a: (Option<Timestamp>, &str), b: (Option<Timestamp>, &str)) -> Ordering {
    a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1))
}

/// `now`, as a [`Timestamp`] (the epoch for a clock set before 1970 or past jiff's range).
pub fn timestamp(now: SystemTime) -> Timestamp {
    Timestamp::try_from(now).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `at - age`, or `None` when that is before the earliest time there is (nothing is older).
pub fn before(at: Timestamp, age: Duration) -> Option<Timestamp> {
    let age = jiff::SignedDuration::try_from(age).ok()?;
    at.checked_sub(age).ok()
}

/// The longest timeout, wait or interval accepted: a week. Longer is surely a mistake (a
/// unit slip), and every `Instant` or `Duration` computed from it stays far from overflow.
pub const MAX_SECONDS: u64 = 7 * 24 * 3600;

/// A value that is not an accepted number of seconds (see [`seconds`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{given} is not a number of seconds: give one above 0 and at most {MAX_SECONDS} (a week), \
     e.g. 30 or 2.5"
)]
pub struct BadSeconds {
    /// The value as given (quoted when it was text).
    pub given: String,
}

/// A timeout, wait or interval in seconds: a decimal number (`30`, `2.5`, `1e3`), finite,
/// above 0 and at most [`MAX_SECONDS`]. The one parser of every such option, clouds.yaml's
/// `api_timeout` and its `OS_*` variables.
pub fn seconds(text: &str) -> Result<Duration, BadSeconds> {
    let bad = || BadSeconds {
        given: format!("{text:?}"),
    };
    let value: f64 = text.parse().map_err(|_| bad())?;
    seconds_value(value).map_err(|_| bad())
}

/// [`seconds`] for a number already read (a YAML number).
pub fn seconds_value(value: f64) -> Result<Duration, BadSeconds> {
    // NaN fails both comparisons; infinities and 1e300 fail the bound; so `from_secs_f64`
    // below cannot panic.
    if value > 0.0 && value <= MAX_SECONDS as f64 {
        Ok(Duration::from_secs_f64(value))
    } else {
        // Debug, not Display: 1e300 stays short.
        Err(BadSeconds {
            given: format!("{value:?}"),
        })
    }
}

/// The longest age accepted: 100,000,000,000 seconds (about 3,000 years), so that it can be
/// subtracted from any time.
pub const MAX_AGE_SECONDS: u64 = 100_000_000_000;

/// The units of an age, in seconds.
const AGE_UNITS: [(&str, u64); 5] = [
    ("s", 1),
    ("m", 60),
    ("h", 3_600),
    ("d", 86_400),
    ("w", 604_800),
];

/// A value that is not an age (see [`age`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{given} is not an age: a positive whole number and a unit (s, m, h, d or w), e.g. 90s, \
     45m, 12h, 30d or 2w"
)]
pub struct BadAge {
    /// The value as given, quoted.
    pub given: String,
}

/// An age (how long ago, as `--older-than` and `--newer-than` take one): a positive whole number of ASCII
/// digits and a unit, `s`, `m`, `h`, `d` or `w` (`90s`, `12h`, `30d`, `2w`), at most
/// [`MAX_AGE_SECONDS`]. Nothing else: no sign, fraction, space or upper case.
///
/// ```
/// use nova_images::time::age;
/// assert_eq!(age("2w").unwrap().as_secs(), 1_209_600);
/// assert!(age("30").is_err() && age("1.5d").is_err() && age("0d").is_err());
/// ```
pub fn age(text: &str) -> Result<Duration, BadAge> {
    let bad = || BadAge {
        given: format!("{text:?}"),
    };
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    let (_, unit) = (AGE_UNITS.iter())
        .find(|(name, _)| *name == unit)
        .ok_or_else(bad)?;
    match number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(*unit))
    {
        Some(seconds) if seconds > 0 && seconds <= MAX_AGE_SECONDS => {
            Ok(Duration::from_secs(seconds))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        parse_timestamp(text).unwrap()
    }

    #[test]
    fn timestamps_are_instants_whatever_the_offset() {
        let base = at("2024-01-01T00:00:00Z");
        assert_eq!(base.as_second(), 1_704_067_200);
        for same in [
            "2024-01-01T01:00:00+01:00",
            "2024-01-01T00:00:00+00:00",
            "2023-12-31T19:30:00-04:30",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.000000Z",
            "2024-01-01T00:00:00.000",
        ] {
            assert_eq!(at(same), base, "{same}");
        }
        // Fractions count: half a second later is later.
        assert!(at("2024-01-01T00:00:00.5Z") > base);
        assert!(at("2024-01-01T00:00:00.5+00:00") > at("2024-01-01T00:00:00.25Z"));
        assert_eq!(at("2000-02-29T12:00:00Z").as_second(), 951_825_600);
        assert_eq!(at("2026-11-27T14:40:09.000000Z").as_second(), 1_795_790_409);
    }

    #[test]
    fn out_of_range_or_malformed_timestamps_are_unreadable() {
        for bad in [
            "2024-02-30T25:61:61Z",
            "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T25:00:00Z",
            "2024-01-01T00:61:00Z",
            "2024-01-01T00:00:61Z",
            "2024-02-30T00:00:00",
            "2024-01-01T00:00:00+2:00",
            "2024-01-01T00:00:00+26:00",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00Zjunk",
            "2024-01-01T00:00:00Z+00:00",
            "99999999999999999-01-01T00:00:00Z",
            "2024-01-01T99999999999999999:00:00Z",
            "2024-01-01T00:00:00ü",
            "yesterday",
            "",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_order_is_by_time_then_id_and_unreadable_is_oldest() {
        let one = Some(at("2024-01-01T00:00:00Z"));
        let same = Some(at("2024-01-01T01:00:00+01:00"));
        let later = Some(at("2023-12-31T23:30:00-01:00")); // 00:30Z, text-wise "older"
        assert_eq!(age_order((one, "a"), (same, "b")), Ordering::Less);
        assert_eq!(age_order((same, "b"), (one, "a")), Ordering::Greater);
        assert_eq!(age_order((one, "a"), (same, "a")), Ordering::Equal);
        assert_eq!(age_order((later, "a"), (one, "z")), Ordering::Greater);
        assert_eq!(age_order((None, "z"), (one, "a")), Ordering::Less);
        assert_eq!(age_order((None, "a"), (None, "b")), Ordering::Less);
    }

    #[test]
    fn ages_are_subtracted_without_overflow() {
        let now = at("2024-01-01T00:00:00Z");
        assert_eq!(
            before(now, Duration::from_secs(3600)),
            Some(at("2023-12-31T23:00:00Z"))
        );
        assert_eq!(before(now, Duration::from_secs(u64::MAX)), None);
        assert_eq!(before(Timestamp::MIN, Duration::from_secs(1)), None);
        assert_eq!(timestamp(SystemTime::UNIX_EPOCH), Timestamp::UNIX_EPOCH);
    }

    #[test]
    fn seconds_are_finite_positive_and_at_most_a_week() {
        for (text, millis) in [
            ("30", 30_000),
            ("2.5", 2_500),
            ("0.05", 50),
            ("1e3", 1_000_000),
            ("604800", 604_800_000),
        ] {
            assert_eq!(seconds(text).map(|d| d.as_millis()), Ok(millis), "{text}");
        }
        for bad in [
            "", "abc", "-1", "0", "-0", "nan", "NaN", "inf", "-inf", "1e300", "604800.5", " 5",
            "5s", "1,5",
        ] {
            let err = seconds(bad).unwrap_err();
            assert_eq!(err.given, format!("{bad:?}"));
        }
        assert_eq!(
            seconds("-1").unwrap_err().to_string(),
            "\"-1\" is not a number of seconds: give one above 0 and at most 604800 (a week), \
             e.g. 30 or 2.5"
        );
        for bad in [f64::NAN, f64::INFINITY, -1.0, 0.0, 1e300] {
            assert!(seconds_value(bad).is_err(), "{bad}");
        }
        assert_eq!(seconds_value(f64::NAN).unwrap_err().given, "NaN");
        assert_eq!(seconds_value(1e300).unwrap_err().given, "1e300");
        assert_eq!(seconds_value(7.0), Ok(Duration::from_secs(7)));
    }

    #[test]
    fn ages_have_a_whole_number_and_a_unit() {
        for (given, seconds) in [
            ("90s", 90),
            ("45m", 2_700),
            ("12h", 43_200),
            ("30d", 2_592_000),
            ("2w", 1_209_600),
            ("007d", 604_800),
            ("100000000000s", MAX_AGE_SECONDS),
        ] {
            assert_eq!(age(given), Ok(Duration::from_secs(seconds)), "{given}");
        }
        for bad in [
            "",
            "30",
            "d",
            "0d",
            "-1d",
            "1.5d",
            "30 d",
            " 30d",
            "30D",
            "30days",
            "1y",
            "+3d",
            "٣d",
            "99999999999999999999w",
            "200000w",
            "100000000001s",
        ] {
            assert_eq!(age(bad).unwrap_err().given, format!("{bad:?}"), "{bad}");
        }
        assert_eq!(
            age("30").unwrap_err().to_string(),
            "\"30\" is not an age: a positive whole number and a unit (s, m, h, d or w), e.g. \
             90s, 45m, 12h, 30d or 2w"
        );
    }
}
