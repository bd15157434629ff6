//! Nova's image-metadata API done on Glance: the metadata of an image is its non-base
//! properties, and every change is what `nova/api/openstack/compute/image_metadata.py` does:
//! read the image, change its properties, check the quota
//! (`common.check_img_metadata_properties_quota`), write them back
//! (`nova/image/glance.py` `update` with `purge_props`). The write is one JSON-Patch
//! `PATCH /v2/images/{id}` of just the keys that change.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::GlanceClient;
use super::view::properties;
use crate::error::{ApiError, Error, Result, Route};
use crate::model::Metadata;

/// Glance's JSON-Patch media type (`add` also replaces, as RFC 6902 says).
const JSON_PATCH: &str = "application/openstack-images-v2.1-json-patch";

/// Nova's `[quota] metadata_items` default: the most properties an image may have.
const METADATA_ITEMS: usize = 128;

/// Nova's limit on keys and values (`parameter_types.metadata`).
const MAX_LENGTH: usize = 255;

impl GlanceClient {
    /// The image's metadata, as Nova's `GET /images/{id}/metadata` gives it: its non-base
    /// properties, sorted by key.
    pub async fn metadata(&self, id: &str) -> Result<Metadata> {
        let (_, image) = self.glance_image(id, Route::Metadata).await?;
        Ok(sorted(properties(&image)))
    }

    /// The value of one key; a key the image does not have is Nova's 404 ("The resource
    /// could not be found.").
    pub async fn metadata_get(&self, id: &str, key: &str) -> Result<Value> {
        let (url, image) = self.glance_image(id, Route::MetadataKey).await?;
        properties(&image).remove(key).ok_or_else(|| {
            refused(
                "GET",
                &url,
                Route::MetadataKey,
                404,
                "The resource could not be found.",
            )
        })
    }

    /// Merges `metadata` into the image's (keys not given are kept) and returns the whole
    /// metadata afterwards, as Nova's `POST /images/{id}/metadata`. More than
    /// 128 keys in all (Nova's default quota) is Nova's 403 ("Image metadata limit exceeded").
    pub async fn metadata_set(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        let (url, image) = self.glance_image(id, Route::Metadata).await?;
        check(&url, metadata)?;
        let mut merged = properties(&image);
        let ops = changes(&merged, metadata);
        for (k, v) in metadata {
            merged.insert(k.clone(), json!(v));
        }
        check_quota(&url, merged.len())?;
        let written = self.patch(id, &url, &ops, Route::Metadata).await?;
        Ok(sorted(properties(&written)))
    }

    /// Replaces all of the image's metadata with `metadata` (keys not given are removed)
    /// and returns it, as Nova's `PUT /images/{id}/metadata`.
    pub async fn metadata_replace(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Metadata> {
        let (url, image) = self.glance_image(id, Route::Metadata).await?;
        check(&url, metadata)?;
        check_quota(&url, metadata.len())?;
        let current = properties(&image);
        let mut ops: Vec<Value> = (current.keys())
            .filter(|k| !metadata.contains_key(*k))
            .map(|k| json!({"op": "remove", "path": pointer(k)}))
            .collect();
        ops.extend(changes(&current, metadata));
        self.patch(id, &url, &ops, Route::Metadata).await?;
        Ok(metadata
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect())
    }

    /// Removes one key; a key the image does not have is Nova's 404 ("Invalid metadata
    /// key").
    pub async fn metadata_delete(&self, id: &str, key: &str) -> Result<()> {
        let (url, image) = self.glance_image(id, Route::MetadataKey).await?;
        if !properties(&image).contains_key(key) {
            return Err(refused(
                "DELETE",
                &url,
                Route::MetadataKey,
                404,
                "Invalid metadata key",
            ));
        }
        let ops = [json!({"op": "remove", "path": pointer(key)})];
        self.patch(id, &url, &ops, Route::MetadataKey).await?;
        Ok(())
    }

    /// One JSON-Patch of the image at `url` (nothing is sent for no change); the image
    /// afterwards.
    async fn patch(
        &self,
        id: &str,
        url: &str,
        ops: &[Value],
        route: Route,
    ) -> Result<Map<String, Value>> {
        if ops.is_empty() {
            let image = self
                .send_json(reqwest::Method::GET, url, None, route, None)
                .await?;
            return image.decode("GET", url);
        }
        let body = Value::Array(ops.to_vec());
        self.send_json(
            reqwest::Method::PATCH,
            url,
            Some(&body),
            route,
            Some(JSON_PATCH),
        )
        .await
        .map_err(|e| super::as_nova_says(e, id))?
        .decode("PATCH", url)
    }
}

/// The patch operations that give each key of `wanted` its value: `replace` a key the image
/// has (with another value), `add` one it lacks, as glanceclient writes them.
fn changes(current: &Map<String, Value>, wanted: &BTreeMap<String, String>) -> Vec<Value> {
    wanted
        .iter()
        .filter(|(k, v)| current.get(*k) != Some(&json!(v)))
        .map(|(k, v)| {
            let op = if current.contains_key(k) {
                "replace"
            } else {
                "add"
            };
            json!({"op": op, "path": pointer(k), "value": v})
        })
        .collect()
}

/// A property's JSON pointer (`~` and `/` escaped, as RFC 6901 says).
fn pointer(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn sorted(properties: Map<String, Value>) -> Metadata {
    properties.into_iter().collect()
}

/// Nova's schema of a metadata body (`parameter_types.metadata`): keys of 1 to 255 letters,
/// digits, spaces and `- _ : .`, values of at most 255 characters. Else Nova's 400.
fn check(url: &str, metadata: &BTreeMap<String, String>) -> Result<()> {
    for (key, value) in metadata {
        let key_ok = (1..=MAX_LENGTH).contains(&key.chars().count())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:. ".contains(c));
        if !key_ok {
            let message = format!(
                "metadata key {key:?} is not 1 to {MAX_LENGTH} letters, digits, spaces or - _ : ."
            );
            return Err(refused("PATCH", url, Route::Metadata, 400, &message));
        }
        if value.chars().count() > MAX_LENGTH {
            let message =
                format!("the value of metadata key {key:?} is longer than {MAX_LENGTH} characters");
            return Err(refused("PATCH", url, Route::Metadata, 400, &message));
        }
    }
    Ok(())
}

/// Nova's quota check: at most [`METADATA_ITEMS`] properties, else its 403.
fn check_quota(url: &str, items: usize) -> Result<()> {
    if items > METADATA_ITEMS {
        return Err(refused(
            "PATCH",
            url,
            Route::Metadata,
            403,
            "Image metadata limit exceeded",
        ));
    }
    Ok(())
}

/// Nova's answer to a change it refuses, for the image at `url`: the same status and
/// message, so that whoever handles the Nova path's refusals handles these alike.
fn refused(method: &str, url: &str, route: Route, status: u16, message: &str) -> Error {
    Error::Api(Box::new(ApiError {
        method: method.to_owned(),
        url: url.to_owned(),
        status,
        message: Some(message.to_owned()),
        request_id: None,
        retried: false,
        route,
        microversion: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_changed_keys_are_patched() {
        let current: Map<String, Value> =
            serde_json::from_value(json!({"a": "1", "b": "2"})).unwrap();
        assert_eq!(
            changes(&current, &pairs(&[("a", "1"), ("b", "3"), ("c/~", "4")])),
            [
                json!({"op": "replace", "path": "/b", "value": "3"}),
                json!({"op": "add", "path": "/c~1~0", "value": "4"}),
            ]
        );
    }

    #[test]
    fn keys_values_and_the_quota_are_checked_as_nova_checks_them() {
        let url = "http://g/v2/images/a";
        assert!(check(url, &pairs(&[("hw:cpu policy.x-y_z", "v")])).is_ok());
        let long = "k".repeat(256);
        for bad in [("", "v"), ("a/b", "v"), ("é", "v"), (long.as_str(), "v")] {
            let Err(Error::Api(api)) = check(url, &pairs(&[bad])) else {
                panic!("{bad:?} was accepted");
            };
            assert_eq!(api.status, 400);
        }
        assert!(check(url, &pairs(&[("k", &"é".repeat(255))])).is_ok());
        assert!(check(url, &pairs(&[("k", &"v".repeat(256))])).is_err());
        assert!(check_quota(url, 128).is_ok());
        let Err(Error::Api(api)) = check_quota(url, 129) else {
            panic!("129 items were accepted");
        };
        assert!(api.is_metadata_quota());
    }
}
