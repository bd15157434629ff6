//! `--skip-in-use`: which servers were booted from an image, asked before it is deleted, and
//! the note that names them (`in use by 2 servers: web-1, web-2`).

use tokio::task::JoinSet;

use crate::app::failure::{Failure, Result};
use crate::client::{Images, SERVERS_ASKED};
use crate::model::ServerRef;

/// The note naming the servers booted from image `id`, or `None` when Nova names none.
pub(crate) async fn check(nova: &Images, id: &str, all_projects: bool) -> Result<Option<String>> {
    let servers = nova.servers_booted_from(id, all_projects).await?;
    Ok(note(&servers))
}

/// [`check`] for each of `ids`, `concurrency` at a time; the notes in the IDs' order. The
/// first failure ends it (the others are abandoned).
pub(crate) async fn check_all(
    nova: &Images,
    ids: Vec<String>,
    all_projects: bool,
    concurrency: usize,
) -> Result<Vec<Option<String>>> {
    let mut notes: Vec<Option<String>> = ids.iter().map(|_| None).collect();
    let mut tasks = JoinSet::new();
    let mut pending = ids.into_iter().enumerate();
    loop {
        while tasks.len() < concurrency.max(1) {
            let Some((index, id)) = pending.next() else {
                break;
            };
            let nova = nova.clone();
            tasks.spawn(async move { (index, check(&nova, &id, all_projects).await) });
        }
        let Some(joined) = tasks.join_next().await else {
            break;
        };
        let (index, note) = joined.map_err(|e| {
            Failure::io(
                "a servers query failed",
                std::io::Error::other(e.to_string()),
            )
        })?;
        if let Some(slot) = notes.get_mut(index) {
            *slot = note?;
        }
    }
    Ok(notes)
}

/// `in use by 1 server: web-1`, `in use by 2 servers: web-1, web-2`, or with as many as
/// were asked for, `in use by 5 or more servers: ...`; a server without a name by its ID.
pub(crate) fn note(servers: &[ServerRef]) -> Option<String> {
    if servers.is_empty() {
        return None;
    }
    let names: Vec<&str> = (servers.iter())
        .map(|s| match s.name.as_deref() {
            Some(name) if !name.trim().is_empty() => name,
            _ => s.id.as_str(),
        })
        .collect();
    let count = match servers.len() {
        1 => "1 server".to_owned(),
        n if n >= SERVERS_ASKED => format!("{n} or more servers"),
        n => format!("{n} servers"),
    };
    Some(format!("in use by {count}: {}", names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(id: &str, name: Option<&str>) -> ServerRef {
        ServerRef {
            id: id.into(),
            name: name.map(str::to_owned),
        }
    }

    #[test]
    fn the_note_names_the_servers() {
        assert_eq!(note(&[]), None);
        assert_eq!(
            note(&[server("s1", Some("web-1"))]).as_deref(),
            Some("in use by 1 server: web-1")
        );
        assert_eq!(
            note(&[server("s1", Some("web-1")), server("s2", Some(" "))]).as_deref(),
            Some("in use by 2 servers: web-1, s2")
        );
        let many: Vec<ServerRef> = (0..SERVERS_ASKED)
            .map(|n| server(&format!("s{n}"), Some(&format!("w{n}"))))
            .collect();
        assert_eq!(
            note(&many).as_deref(),
            Some("in use by 5 or more servers: w0, w1, w2, w3, w4")
        );
    }
}
