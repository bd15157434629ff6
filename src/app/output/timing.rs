//! The `--timing` report.

use crate::diag::Diag;

use super::escape::cell_line;
use super::table::plain_table;

/// The `--timing` report: every HTTP call, the configuration load and the total, as a table
/// (or JSON when the command's output is JSON).
pub fn timing_report(diag: &Diag, json: bool) -> String {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let calls = diag.timings();
    let phases = diag.phases();
    let total = diag.elapsed();
    if json {
        let value = serde_json::json!({
            "calls": calls.iter().map(|t| serde_json::json!({
                "method": t.method, "url": t.url, "status": t.status,
                "ms": (ms(t.elapsed) * 10.0).round() / 10.0,
            })).collect::<Vec<_>>(),
            "phases": phases.iter().map(|(name, d)| serde_json::json!({
                "name": name, "ms": (ms(*d) * 10.0).round() / 10.0,
            })).collect::<Vec<_>>(),
            "total_ms": (ms(total) * 10.0).round() / 10.0,
        });
        return value.to_string();
    }
    let mut table = plain_table();
    table.set_header(["Method", "URL", "Status", "ms"]);
    for t in &calls {
        table.add_row([
            t.method.clone(),
            // A URL may come from a server's `next` link: escaped and capped as any cell.
            cell_line(&t.url),
            t.status.map_or_else(|| "-".into(), |s| s.to_string()),
            format!("{:.1}", ms(t.elapsed)),
        ]);
    }
    for (name, d) in &phases {
        table.add_row([
            String::new(),
            name.clone(),
            String::new(),
            format!("{:.1}", ms(*d)),
        ]);
    }
    table.add_row([
        String::new(),
        "total".into(),
        String::new(),
        format!("{:.1}", ms(total)),
    ]);
    table.to_string()
}
