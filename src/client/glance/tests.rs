//! The Glance client against the fake cloud (tests/fake-cloud), which serves Nova's proxy
//! and Glance's v2 API over the same images: what the two paths give must be equal, links
//! aside, over several pages and every filter.

use std::collections::BTreeMap;
use std::sync::Arc;

use fake_cloud::{DEMO_PROJECT, FakeCloud, FakeImage};
use serde_json::json;

use crate::auth::NoStore;
use crate::client::{
    ComputeClient, Connected, GlanceClient, ListOpts, RawPage, Selection, connect,
};
use crate::config::{Env, Overrides, resolve};
use crate::error::Error;
use crate::http::Http;
use crate::model::Image;

/// The demo user of `cloud`, connected through the catalog (the envvars cloud).
async fn connected(cloud: &FakeCloud, extra: &[(&str, &str)]) -> Connected {
    let dir = tempfile::tempdir().unwrap();
    let mut vars: BTreeMap<String, String> = [
        ("OS_AUTH_URL", cloud.identity_url()),
        ("OS_USERNAME", "demo".into()),
        ("OS_PASSWORD", "secret-demo-pw".into()),
        ("OS_PROJECT_NAME", "demo".into()),
        ("OS_USER_DOMAIN_NAME", "Default".into()),
        ("OS_PROJECT_DOMAIN_NAME", "Default".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let env = Env {
        vars,
        cwd: dir.path().to_owned(),
        home: Some(dir.path().to_owned()),
    };
    let config = resolve(&env, &Overrides::default()).unwrap();
    let http = Http::new(&config.http_options()).unwrap();
    connect(http, &config, Arc::new(NoStore)).await.unwrap()
}

/// Images of every kind the view treats differently: properties of real clouds' shapes,
/// snapshots (`server`, `OS-DCF:diskConfig`), each Glance status, no size, no name, JSON
/// properties, a private image of the demo project and one of another project.
fn seed(cloud: &FakeCloud) {
    for n in 0..9u32 {
        let mut image = FakeImage::nova_shaped(
            &format!("a0000000-0000-4000-8000-{n:012}"),
            &format!("image-{}", n % 4),
            n,
        );
        image.glance_status = ["active", "queued", "saving", "deactivated"][n as usize % 4].into();
        cloud.add(image);
    }
    let mut odd = FakeImage::new("b0000000-0000-4000-8000-000000000001", "odd", 20);
    odd.name = None;
    odd.size = None;
    odd.min_ram = 64;
    odd.properties = serde_json::from_value(json!({
        "block_device_mapping": "[{\"boot_index\": 0, \"source_type\": \"snapshot\"}]",
        "mappings": "[]", "kernel_id": null, "auto_disk_config": "False"
    }))
    .unwrap();
    cloud.add(odd);
    let mut private = FakeImage::new("b0000000-0000-4000-8000-000000000002", "mine", 21);
    private.owner = DEMO_PROJECT.into();
    private.public = false;
    cloud.add(private);
    let mut hidden = FakeImage::new("b0000000-0000-4000-8000-000000000003", "theirs", 22);
    hidden.public = false;
    cloud.add(hidden);
}

/// `image` without its `links`, the one field the paths show differently.
fn unlinked(mut image: Image) -> Image {
    image.links.clear();
    image
}

/// Every image `opts` selects through `api`, page by page.
async fn listed<'a>(api: impl Into<crate::client::Api<'a>>, opts: &ListOpts) -> Vec<Image> {
    let mut listing = Selection::new(opts.clone()).listing(api);
    let mut images = Vec::new();
    while let Some(page) = listing.next_page().await.unwrap() {
        images.extend(page.into_iter().map(unlinked));
    }
    images
}

async fn both(cloud: &FakeCloud) -> (ComputeClient, GlanceClient) {
    let connected = connected(cloud, &[]).await;
    (
        connected.client().unwrap(),
        connected.glance().await.unwrap(),
    )
}

#[tokio::test]
async fn the_image_endpoint_is_discovered_from_the_catalog() {
    let cloud = FakeCloud::start();
    let (_, glance) = both(&cloud).await;
    assert_eq!(
        glance.endpoint().as_str(),
        format!("{}/image/v2/", cloud.base_url())
    );
    assert_eq!(cloud.glance_calls(), ["GET /image/"]);
}

#[tokio::test]
async fn image_endpoint_override_beats_the_catalog() {
    let cloud = FakeCloud::start();
    let versioned = format!("{}/image/v2", cloud.base_url());
    let connected = connected(&cloud, &[("OS_IMAGE_ENDPOINT_OVERRIDE", &versioned)]).await;
    let glance = connected.glance().await.unwrap();
    assert_eq!(glance.endpoint().as_str(), format!("{versioned}/"));
    // A versioned endpoint is used as it is: no discovery.
    assert!(cloud.glance_calls().is_empty());
    let bad = connected_with_version(&cloud, "1").await;
    assert!(matches!(bad, Err(Error::Config { .. })));
}

async fn connected_with_version(cloud: &FakeCloud, version: &str) -> crate::Result<GlanceClient> {
    let dir = tempfile::tempdir().unwrap();
    let env = Env {
        vars: [
            ("OS_AUTH_URL", cloud.identity_url()),
            ("OS_USERNAME", "demo".into()),
            ("OS_PASSWORD", "secret-demo-pw".into()),
            ("OS_PROJECT_NAME", "demo".into()),
            ("OS_IMAGE_API_VERSION", version.into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
        cwd: dir.path().to_owned(),
        home: None,
    };
    let config = resolve(&env, &Overrides::default())?;
    let http = Http::new(&config.http_options())?;
    connect(http, &config, Arc::new(NoStore))
        .await?
        .glance()
        .await
}

#[tokio::test]
async fn the_same_images_through_nova_and_glance_over_pages_and_every_filter() {
    let cloud = FakeCloud::start();
    seed(&cloud);
    let (nova, glance) = both(&cloud).await;
    let server = "5e2f0c1a-7b3d-4c8e-9f10-000000000004";
    let filters = [
        ListOpts::default(),
        ListOpts {
            name: Some("image-1".into()),
            ..Default::default()
        },
        ListOpts {
            status: Some("ACTIVE".into()),
            ..Default::default()
        },
        ListOpts {
            status: Some("SAVING".into()),
            ..Default::default()
        },
        ListOpts {
            status: Some("queued".into()),
            ..Default::default()
        },
        ListOpts {
            status: Some("UNKNOWN".into()),
            ..Default::default()
        },
        ListOpts {
            changes_since: Some("2024-01-01T00:05:00Z".into()),
            ..Default::default()
        },
        ListOpts {
            server: Some(server.into()),
            ..Default::default()
        },
        ListOpts {
            server: Some(format!("http://nova/v2.1/servers/{server}")),
            ..Default::default()
        },
        ListOpts {
            image_type: Some("snapshot".into()),
            ..Default::default()
        },
        ListOpts {
            min_ram: Some(64),
            ..Default::default()
        },
        ListOpts {
            min_disk: Some(10),
            ..Default::default()
        },
        ListOpts {
            marker: Some("a0000000-0000-4000-8000-000000000005".into()),
            ..Default::default()
        },
    ];
    for filter in filters {
        for page in [None, Some(2), Some(3)] {
            let opts = ListOpts {
                limit: page,
                ..filter.clone()
            };
            let through_nova = listed(&nova, &opts).await;
            let through_glance = listed(&glance, &opts).await;
            assert!(!through_nova.is_empty(), "{opts:?} selects nothing");
            assert_eq!(through_glance, through_nova, "{opts:?}");
        }
    }
    // Every image the demo user sees, and the views' special cases among them.
    let all = listed(&glance, &ListOpts::default()).await;
    assert_eq!(all.len(), 11);
    let snapshot = all.iter().find(|i| i.server.is_some()).unwrap();
    assert_eq!(snapshot.disk_config.as_deref(), Some("AUTO"));
    let odd = all.iter().find(|i| i.name.is_none()).unwrap();
    assert_eq!(odd.size, Some(0));
    assert_eq!(odd.metadata["block_device_mapping"][0]["boot_index"], 0);
}

#[tokio::test]
async fn pages_are_glances_with_the_next_one_asked_for_by_its_link() {
    let cloud = FakeCloud::start();
    seed(&cloud);
    let (_, glance) = both(&cloud).await;
    cloud.clear_requests();
    let opts = ListOpts {
        status: Some("ACTIVE".into()),
        limit: Some(2),
        ..Default::default()
    };
    let images = glance.list(&opts).all().await.unwrap();
    assert_eq!(images.len(), 5);
    let calls = cloud.glance_calls();
    assert_eq!(
        calls,
        [
            "GET /image/v2/images?limit=2&status=active",
            "GET /image/v2/images?limit=2&status=active&marker=b0000000-0000-4000-8000-000000000001",
            "GET /image/v2/images?limit=2&status=active&marker=a0000000-0000-4000-8000-000000000004",
        ]
    );
    cloud.clear_requests();
    glance.list(&ListOpts::default()).all().await.unwrap();
    assert_eq!(cloud.glance_calls(), ["GET /image/v2/images?limit=1000"]);
}

/// A page of Glance's is Glance's own body, not re-encoded in Nova's shape: kept as bytes
/// and read back elsewhere (a fan-out's spool), it gives the same images, links included;
/// a cap on the images still holds.
#[tokio::test]
async fn glance_pages_stay_glances_bodies_and_read_back_alike() {
    let cloud = FakeCloud::start();
    seed(&cloud);
    let (nova, glance) = both(&cloud).await;
    let opts = ListOpts {
        limit: Some(3),
        ..Default::default()
    };
    let mut pager = glance.list(&opts);
    let (mut pages, mut images) = (0, Vec::new());
    while let Some(raw) = pager.next_raw().await.unwrap() {
        let body = String::from_utf8_lossy(raw.body()).into_owned();
        assert!(body.contains(r#""schema": "/v2/schemas/images""#), "{body}");
        assert!(!body.contains("images_links"), "{body}");
        let kept = RawPage::kept(
            raw.url().to_owned(),
            raw.next.clone(),
            bytes::Bytes::copy_from_slice(raw.body()),
        );
        assert_eq!(kept.next, raw.next);
        assert_eq!(kept.images().unwrap(), raw.images().unwrap());
        images.extend(raw.images().unwrap().into_iter().map(unlinked));
        pages += 1;
    }
    assert!(pages > 2, "{pages}");
    let through_nova: Vec<Image> = (nova.list_detail(&opts).all().await.unwrap())
        .into_iter()
        .map(unlinked)
        .collect();
    assert_eq!(images, through_nova);
    let first = glance.list(&opts).max_images(4).all().await.unwrap();
    let first: Vec<Image> = first.into_iter().map(unlinked).collect();
    assert_eq!(first, through_nova[..4]);
}

#[tokio::test]
async fn next_links_that_leave_the_endpoint_or_repeat_are_refused() {
    let cloud = FakeCloud::start();
    seed(&cloud);
    let (_, glance) = both(&cloud).await;
    let opts = ListOpts {
        limit: Some(2),
        ..Default::default()
    };
    cloud.set_next_link("http://elsewhere.example/v2/images?marker=x");
    let err = glance.list(&opts).all().await.unwrap_err().to_string();
    assert!(err.contains("outside the image endpoint"), "{err}");
    cloud.set_next_link("/v2/images?limit=2&marker=a0000000-0000-4000-8000-000000000008");
    let err = glance.list(&opts).all().await.unwrap_err().to_string();
    assert!(err.contains("repeats an earlier page"), "{err}");
}

#[tokio::test]
async fn get_delete_and_names_give_novas_answers() {
    let cloud = FakeCloud::start();
    seed(&cloud);
    let (nova, glance) = both(&cloud).await;
    for id in cloud.image_ids() {
        match (nova.get(&id).await, glance.get(&id).await) {
            (Ok(n), Ok(g)) => assert_eq!(unlinked(g), unlinked(n)),
            (Err(n), Err(g)) => {
                let (Error::Api(n), Error::Api(g)) = (n, g) else {
                    panic!("not API errors");
                };
                assert_eq!((g.status, &g.message), (n.status, &n.message));
                assert_eq!(g.message.as_deref(), Some("Image not found."));
            }
            (n, g) => panic!("{id}: Nova {n:?}, Glance {g:?}"),
        }
    }
    assert_eq!(
        glance.id_from_name("mine").await.unwrap(),
        nova.id_from_name("mine").await.unwrap()
    );
    assert!(matches!(
        glance.id_from_name("image-1").await,
        Err(Error::Ambiguous { candidates, .. }) if candidates.len() == 2
    ));
    assert!(matches!(
        glance.id_from_name("none such").await,
        Err(Error::NameNotFound { .. })
    ));
    let mine = "b0000000-0000-4000-8000-000000000002";
    glance.delete(mine).await.unwrap();
    assert!(!cloud.image_ids().contains(&mine.to_owned()));
    let refusal = |r: crate::Result<()>| match r {
        Err(Error::Api(api)) => (api.status, api.message),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refusal(glance.delete(mine).await),
        refusal(nova.delete(mine).await)
    );
    // Public images of another project: Glance forbids, as Nova does, in Nova's words.
    let theirs = "a0000000-0000-4000-8000-000000000000";
    let refused = refusal(glance.delete(theirs).await);
    assert_eq!(refused, refusal(nova.delete(theirs).await));
    assert_eq!(refused.0, 403);
}

#[tokio::test]
async fn metadata_operations_are_novas_on_glance_properties() {
    let cloud = FakeCloud::start();
    let id = "b0000000-0000-4000-8000-000000000002";
    let mut mine = FakeImage::new(id, "mine", 1);
    mine.owner = DEMO_PROJECT.into();
    mine.properties = serde_json::from_value(json!({"os_distro": "cirros", "keep": "k"})).unwrap();
    cloud.add(mine);
    let (nova, glance) = both(&cloud).await;
    let pairs = |items: &[(&str, &str)]| -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        glance.metadata(id).await.unwrap(),
        nova.metadata(id).await.unwrap()
    );
    assert_eq!(
        glance.metadata_get(id, "os_distro").await.unwrap(),
        "cirros"
    );
    let set = glance
        .metadata_set(id, &pairs(&[("os_distro", "alpine"), ("new", "n")]))
        .await
        .unwrap();
    assert_eq!(set, nova.metadata(id).await.unwrap());
    assert_eq!(
        serde_json::to_value(&set).unwrap(),
        json!({"keep": "k", "new": "n", "os_distro": "alpine"})
    );
    let replaced = glance
        .metadata_replace(id, &pairs(&[("only", "o"), ("new", "n2")]))
        .await
        .unwrap();
    assert_eq!(replaced, nova.metadata(id).await.unwrap());
    assert_eq!(
        serde_json::to_value(&replaced).unwrap(),
        json!({"new": "n2", "only": "o"})
    );
    glance.metadata_delete(id, "only").await.unwrap();
    assert_eq!(
        serde_json::to_value(nova.metadata(id).await.unwrap()).unwrap(),
        json!({"new": "n2"})
    );
    // Nova's refusals, with its statuses and messages.
    let api = |r: crate::Result<()>| match r {
        Err(Error::Api(api)) => (api.status, api.message.unwrap_or_default()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        api(glance.metadata_delete(id, "only").await),
        (404, "Invalid metadata key".into())
    );
    assert_eq!(
        api(glance.metadata_get(id, "only").await.map(drop)),
        (404, "The resource could not be found.".into())
    );
    cloud.clear_requests();
    let many: BTreeMap<String, String> = (0..128).map(|i| (format!("k{i}"), "v".into())).collect();
    let quota = glance.metadata_set(id, &many).await.map(drop);
    assert_eq!(api(quota), (403, "Image metadata limit exceeded".into()));
    assert!(cloud.glance_calls().iter().all(|c| c.starts_with("GET ")));
    assert!(glance.metadata_replace(id, &many).await.is_ok());
    assert_eq!(nova.metadata(id).await.unwrap().len(), 128);
    let long = glance
        .metadata_set(id, &pairs(&[("k0", &"v".repeat(256))]))
        .await;
    assert_eq!(api(long.map(drop)).0, 400);
    // Another project's image: Glance's 403.
    let theirs = "b0000000-0000-4000-8000-000000000003";
    cloud.add(FakeImage::new(theirs, "theirs", 2));
    let refused = api(glance
        .metadata_set(theirs, &pairs(&[("a", "b")]))
        .await
        .map(drop));
    assert_eq!(
        refused,
        api(nova
            .metadata_set(theirs, &pairs(&[("a", "b")]))
            .await
            .map(drop))
    );
    assert_eq!(
        refused,
        (403, format!("Not authorized for image {theirs}."))
    );
    let missing = "00000000-0000-0000-0000-00000000dead";
    assert_eq!(
        api(glance.metadata(missing).await.map(drop)),
        api(nova.metadata(missing).await.map(drop))
    );
}
