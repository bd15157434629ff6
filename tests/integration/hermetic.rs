//! The `nova-images` binary, isolated from the caller's environment. Shared by the hermetic
//! suite and, through `#[path]`, tests/real_cloud.rs.

use assert_cmd::Command;

/// The binary with no inherited OS_* variables, HOME and XDG dirs in `dir`, cwd `dir`.
pub fn hermetic(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("nova-images").unwrap();
    for (key, _) in std::env::vars() {
        if key.starts_with("OS_")
            || key.starts_with("XDG_")
            || key.ends_with("_PROXY")
            || key.ends_with("_proxy")
        {
            cmd.env_remove(key);
        }
    }
    cmd.env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("XDG_CONFIG_DIRS", dir.join("xdg-site"))
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .current_dir(dir);
    cmd
}

/// Stdout of a successful run, as a string.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}
