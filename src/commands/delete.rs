//! `nova-images delete`

use crate::cli::DeleteArgs;
use crate::config::Env;
use crate::error::{Error, Result, exit};
use crate::output::Printer;

pub(super) async fn run(
    args: DeleteArgs,
    conn: &super::Connection,
    env: &Env,
    printer: &mut Printer,
) -> Result<()> {
    let nova = super::connect(conn, env, printer).await?;
    let mut codes = Vec::new();
    for id in &args.images {
        if let Err(e) = nova.delete(id).await {
            let e = e.for_image(id);
            printer.note(&format!("nova-images: error: {e}"));
            if let Some(hint) = e.hint() {
                printer.note(&format!("hint: {hint}"));
            }
            codes.push(e.exit_code());
        }
    }
    match codes.first() {
        None => Ok(()),
        Some(&first) => Err(Error::Partial {
            failed: codes.len(),
            total: args.images.len(),
            verb: "deleted",
            // One kind of failure keeps its own code (all not found → 5); a mix is 1.
            code: if codes.iter().all(|&c| c == first) {
                first
            } else {
                exit::FAILURE
            },
        }),
    }
}
