//! `--sort-column`: the order of a listing.

use std::cmp::Ordering;

use serde_json::Value;

use super::columns::Column;
use super::rows::text;
use crate::model::Image;
use crate::time::{Timestamp, age_order, parse_timestamp};

/// One image's value for one sort key.
enum Key {
    /// A column's raw value; null when absent.
    Value(Value),
    /// `created` or `updated`: an instant (`None` when absent or unreadable) and the
    /// image's ID, compared as every "newer/older" is ([`age_order`]), not as text: the
    /// same instant can be written with different offsets.
    Time(Option<Timestamp>, String),
}

impl Key {
    fn of(column: &Column, image: &Image) -> Key {
        let value = (column.field)(image);
        if !matches!(column.key, "created" | "updated") {
            return Key::Value(value);
        }
        let at = value.as_str().and_then(parse_timestamp);
        Key::Time(at, image.id.clone())
    }

    /// Absent, or a time that cannot be read: last in either direction.
    fn is_missing(&self) -> bool {
        match self {
            Key::Value(v) => v.is_null(),
            Key::Time(at, _) => at.is_none(),
        }
    }
}

/// Sorts by the `--sort-column` keys in turn; ties keep the server's order.
pub(super) fn sorted<'a, T>(
    items: &'a [T],
    image: impl Fn(&T) -> &Image,
    keys: &[&Column],
    descending: bool,
) -> Vec<&'a T> {
    // Each key is computed once, not once per comparison.
    let mut rows: Vec<(Vec<Key>, &T)> = items
        .iter()
        .map(|i| (keys.iter().map(|c| Key::of(c, image(i))).collect(), i))
        .collect();
    rows.sort_by(|(a, _), (b, _)| {
        a.iter()
            .zip(b)
            .map(|(a, b)| compare_for_sort(a, b, descending))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    rows.into_iter().map(|(_, i)| i).collect()
}

/// A missing value sorts last in either direction; the direction orders the rest.
fn compare_for_sort(a: &Key, b: &Key, descending: bool) -> Ordering {
    let present = match (a.is_missing(), b.is_missing()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (false, false) => match (a, b) {
            (Key::Time(x, i), Key::Time(y, j)) => age_order((*x, i), (*y, j)),
            (Key::Value(x), Key::Value(y)) => compare_values(x, y),
            // One column gives one kind of key.
            _ => Ordering::Equal,
        },
    };
    if descending {
        present.reverse()
    } else {
        present
    }
}

/// Numbers numerically, strings by code point; values of different kinds by kind.
fn compare_values(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) | Value::Object(_) => 4,
        }
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_u64(), y.as_u64()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => {
                let f = |n: &serde_json::Number| n.as_f64().unwrap_or(0.0);
                f(x).total_cmp(&f(y))
            }
        },
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ if rank(a) == rank(b) => text(a).cmp(&text(b)),
        _ => rank(a).cmp(&rank(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::columns::select;
    use super::super::tests::image;
    use super::*;

    fn sized(id: &str, name: Option<&str>, size: Option<u64>) -> Image {
        let mut i = image(id, name);
        i.size = size;
        i
    }

    fn ids(images: &[&Image]) -> Vec<String> {
        images.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn sorting_is_numeric_with_nulls_last_both_ways() {
        let images = [
            sized("a", Some("b"), Some(10)),
            sized("b", None, Some(9)),
            sized("c", Some("a"), None),
            sized("d", Some("b"), Some(100)),
        ];
        let size = select(&["size".into()], None).unwrap();
        assert_eq!(
            ids(&sorted(&images, |i| i, &size, false)),
            ["b", "a", "d", "c"]
        );
        assert_eq!(
            ids(&sorted(&images, |i| i, &size, true)),
            ["d", "a", "b", "c"]
        );
        let name_then_size = select(&["name".into(), "size".into()], None).unwrap();
        assert_eq!(
            ids(&sorted(&images, |i| i, &name_then_size, false)),
            ["c", "a", "d", "b"]
        );
        assert_eq!(
            ids(&sorted(&images, |i| i, &name_then_size, true)),
            ["d", "a", "c", "b"]
        );
        // Without keys the server's order stays.
        assert_eq!(
            ids(&sorted(&images, |i| i, &[], true)),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn values_of_different_kinds_compare_by_kind() {
        use serde_json::json;
        assert_eq!(compare_values(&json!(2), &json!("1")), Ordering::Less);
        assert_eq!(compare_values(&json!(-1), &json!(1.5)), Ordering::Less);
        assert_eq!(compare_values(&json!("B"), &json!("a")), Ordering::Less);
    }
}
