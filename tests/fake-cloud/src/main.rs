//! The fake cloud standalone, for scripts/bench.
//!
//! `fake-cloud IMAGES LATENCY_MS [SHAPE [REGIONS]]` seeds IMAGES images, adds LATENCY_MS to
//! every response (a remote cloud), prints its base URL on stdout and serves until stdin
//! closes. SHAPE is `nova` (the default: images shaped like a real cloud's, about 1.4 KB
//! each) or `light` (the test suite's minimal images). REGIONS more regions go in the
//! catalog (`Region-0001`, ..., each its compute endpoint on a port of its own, all listing
//! the same images; default none).

use std::io::Read;
use std::time::Duration;

use fake_cloud::{FakeCloud, FakeImage};

fn main() {
    let mut args = std::env::args().skip(1);
    let images: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let latency: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let make = match args.next().as_deref() {
        Some("light") => FakeImage::new,
        _ => FakeImage::nova_shaped,
    };
    let regions: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let cloud = FakeCloud::start();
    cloud.set_nova_delay(Duration::from_millis(latency));
    cloud.set_identity_delay(Duration::from_millis(latency));
    cloud.add_regions((1..=regions).map(|r| format!("Region-{r:04}")));
    for i in 0..images {
        cloud.add(make(
            &format!("00000000-0000-4000-8000-{i:012}"),
            &format!("image-{i:05}"),
            i,
        ));
    }
    println!("{}", cloud.base_url());
    // Serve until the parent closes our stdin; keep the request log from growing forever.
    let watcher = std::thread::spawn(|| {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
    });
    while !watcher.is_finished() {
        cloud.clear_requests();
        std::thread::sleep(Duration::from_millis(200));
    }
}
