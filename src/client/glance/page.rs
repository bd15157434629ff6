//! A page of Glance's `GET /v2/images` as a [`RawPage`](crate::client::RawPage) carries it:
//! Glance's body as it came, given out as bytes behind a short frame naming where its
//! images' links point, so that the page can be kept anywhere and read back; its `next` link
//! read from the end of the body before anything else; its images decoded once, straight
//! into Nova's view ([`super::view::nova_view`]).

use std::sync::Arc;

use bytes::{BufMut, Bytes, BytesMut};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::query::next_url;
use super::view::{Glance, LinkBase, nova_view};
use crate::error::{Error, Result};
use crate::http::decode_body;
use crate::model::{Count, Image, last_key, object_from, opens_with_images};

/// The first line of a framed page. It starts with a NUL byte, which no JSON body can
/// (JSON allows no control character outside strings, nor before its first value), so a
/// page in Nova's shape is never taken for one (a body that starts so is no page at all).
const MAGIC: &[u8] = b"\0nova-images glance page 1\n";

/// What a page of Glance's is read with: where its images' links point.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub links: Arc<LinkBase>,
}

/// Glance's `body` behind its frame: the magic line, the image API's base URL, the compute
/// endpoint's (empty for none), each on a line of its own (a URL holds no line feed).
pub(crate) fn frame(links: &LinkBase, body: &[u8]) -> Bytes {
    let compute = links.compute.as_ref().map_or("", Url::as_str);
    let head = MAGIC.len() + links.images.as_str().len() + compute.len() + 2;
    let mut framed = BytesMut::with_capacity(head + body.len());
    framed.put_slice(MAGIC);
    framed.put_slice(links.images.as_str().as_bytes());
    framed.put_u8(b'\n');
    framed.put_slice(compute.as_bytes());
    framed.put_u8(b'\n');
    framed.put_slice(body);
    framed.freeze()
}

/// The frame of `bytes` and Glance's body behind it (no copy), or `None` when they are not
/// a framed page (a page in Nova's shape).
pub(crate) fn unframe(bytes: &Bytes) -> Option<(Frame, Bytes)> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let mut lines = rest.splitn(3, |&b| b == b'\n');
    let images = lines.next()?;
    let compute = lines.next()?;
    lines.next()?;
    let url = |text: &[u8]| Url::parse(std::str::from_utf8(text).ok()?).ok();
    let links = LinkBase {
        images: url(images)?,
        compute: if compute.is_empty() {
            None
        } else {
            Some(url(compute)?)
        },
    };
    let body_at = MAGIC.len() + images.len() + compute.len() + 2;
    let frame = Frame {
        links: Arc::new(links),
    };
    Some((frame, bytes.slice(body_at..)))
}

/// What the pager needs of a Glance page before its images are decoded.
pub(crate) struct Facts {
    /// The page holds no image.
    pub empty: bool,
    /// How many it holds, when asked for (`counted`).
    pub count: Option<usize>,
    /// Glance's `next` link, absolute (see [`next_url`]).
    pub next: Option<String>,
}

/// The facts of Glance's `body`, fetched from `url` under `endpoint`. Glance writes
/// `{"images": [...], "first": ..., "schema": ..., "next": ...}` in that order
/// (`glance/api/v2/images.py` `ResponseSerializer.index`), so unless the images are to be
/// `counted` the next link is read from the end of the body ([`object_from`]) and the
/// images are not touched; any other layout is skimmed whole, its images skipped unread.
pub(crate) fn facts(url: &str, body: &[u8], endpoint: &Url, counted: bool) -> Result<Facts> {
    let absolute = |next: Option<Value>| match next {
        Some(Value::String(next)) => Some(next_url(endpoint, &next)),
        _ => None,
    };
    if !counted && let Some(empty) = opens_with_images(body) {
        // No `"next"` anywhere: no next link. Else the last one, if it is the outermost
        // object's key.
        let end = match last_key(body, b"\"next\"") {
            None => Some(None),
            Some(at) => object_from::<Tail>(body, at).map(|tail| tail.next),
        };
        if let Some(next) = end {
            return Ok(Facts {
                empty,
                count: None,
                next: absolute(next),
            });
        }
    }
    let skimmed: Skimmed = decode_body("GET", url, body)?;
    Ok(Facts {
        empty: skimmed.images.0 == 0,
        count: Some(skimmed.images.0),
        next: absolute(skimmed.next),
    })
}

/// The images of Glance's `body`, fetched from `url`, as Nova shows them: the first `keep`
/// of them (all for `None`), each decoded once.
pub(crate) fn images(
    url: &str,
    body: &[u8],
    links: &LinkBase,
    keep: Option<usize>,
) -> Result<Vec<Image>> {
    let page: Listed = decode_body("GET", url, body)?;
    let keep = keep.unwrap_or(usize::MAX);
    (page.images.into_iter().take(keep))
        .map(|image| {
            nova_view(image, links).map_err(|why| Error::Decode {
                method: "GET".into(),
                url: url.to_owned(),
                message: why,
            })
        })
        .collect()
}

/// The top-level keys of a page from its `next` on, `next` alone read.
#[derive(Deserialize)]
struct Tail {
    #[serde(default)]
    next: Option<Value>,
}

/// A page's images counted, unread, and its `next` link.
#[derive(Deserialize)]
struct Skimmed {
    images: Count,
    #[serde(default)]
    next: Option<Value>,
}

/// A page's images, as Nova's view reads them.
#[derive(Deserialize)]
struct Listed {
    images: Vec<Glance>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a server sends, or a spool gives back, reading it never panics.
        #[test]
        fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let endpoint = Url::parse("http://h/v2/").unwrap();
            let _ = facts("u", &bytes, &endpoint, false);
            let _ = facts("u", &bytes, &endpoint, true);
            let _ = images("u", &bytes, &links(None), Some(1));
            let mut framed = MAGIC.to_vec();
            framed.extend_from_slice(&bytes);
            for bytes in [Bytes::from(bytes), Bytes::from(framed)] {
                if let Some((frame, body)) = unframe(&bytes) {
                    let _ = images("u", &body, &frame.links, None);
                }
            }
        }
    }

    fn links(compute: Option<&str>) -> LinkBase {
        LinkBase {
            images: Url::parse("http://h:9292/v2/").unwrap(),
            compute: compute.map(|c| Url::parse(c).unwrap()),
        }
    }

    #[test]
    fn a_framed_page_reads_back_with_its_link_bases_and_body() {
        for compute in [None, Some("http://h:8774/v2.1/p/")] {
            let framed = frame(&links(compute), b"{\"images\": []}");
            let (read, body) = unframe(&framed).unwrap();
            assert_eq!(read.links.images, links(compute).images);
            assert_eq!(read.links.compute, links(compute).compute);
            assert_eq!(&body[..], b"{\"images\": []}");
        }
        for nova in [
            &b"{\"images\": []}"[..],
            b"",
            b"\0nova-images glance page 1\nnot a url\n\n{}",
            b"\0nova-images glance page 1\nhttp://h/v2/\n",
        ] {
            assert!(unframe(&Bytes::from_static(nova)).is_none(), "{nova:?}");
        }
    }

    #[test]
    fn the_next_link_is_read_from_the_end_or_by_skimming() {
        let endpoint = Url::parse("http://h/image/v2/").unwrap();
        let at = |body: &str, counted| {
            let facts = facts("u", body.as_bytes(), &endpoint, counted).unwrap();
            (facts.empty, facts.count, facts.next)
        };
        let next = Some("http://h/image/v2/images?marker=b".to_owned());
        let page = r#"{"images": [{"id": "a", "next": "x"}, {"id": "b"}], "first": "/v2/images", "schema": "/v2/schemas/images", "next": "/v2/images?marker=b"}"#;
        assert_eq!(at(page, false), (false, None, next.clone()));
        assert_eq!(at(page, true), (false, Some(2), next.clone()));
        // The last image's own `next` property is not the page's.
        let last =
            r#"{"images": [{"id": "a", "next": "/v2/images?marker=z"}], "first": "/v2/images"}"#;
        assert_eq!(at(last, false), (false, Some(1), None));
        let last = r#"{"images": [{"id": "a", "name": "next"}], "first": "/v2/images"}"#;
        assert_eq!(at(last, false), (false, Some(1), None));
        let last = r#"{"images": [{"id": "a"}], "first": "/v2/images"}"#;
        assert_eq!(at(last, false), (false, None, None));
        let first = r#"{"next": "/v2/images?marker=b", "images": [{"id": "b"}]}"#;
        assert_eq!(at(first, false), (false, Some(1), next));
        assert_eq!(
            at(r#"{"images": [], "first": "/v2/images"}"#, false),
            (true, None, None)
        );
        assert_eq!(at(r#"{"images": [{"id": "a"}], "next": 5}"#, false).2, None);
        assert!(facts("u", b"{\"images\": 5}", &endpoint, false).is_err());
    }
}
