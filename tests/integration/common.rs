//! Shared test support: the fake cloud, a clouds.yaml that points at it, and the hermetic
//! `nova-images` command (tests/integration/hermetic.rs, shared with tests/real_cloud.rs).

use std::io::Write;
use std::path::PathBuf;

use assert_cmd::Command;
pub use fake_cloud::{FakeCloud, FakeImage};

pub use crate::hermetic::{hermetic, stdout_of};

/// A fake cloud plus a temporary directory holding its clouds.yaml.
pub struct Env {
    pub cloud: FakeCloud,
    pub dir: tempfile::TempDir,
}

impl Env {
    /// A fake cloud and a clouds.yaml with clouds `demo` (member) and `admin`.
    pub fn new() -> Self {
        Self::with_cloud(FakeCloud::start())
    }

    pub fn with_cloud(cloud: FakeCloud) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("clouds.yaml"),
            clouds_yaml(&cloud.identity_url()),
        )
        .unwrap();
        Env { cloud, dir }
    }

    pub fn clouds_file(&self) -> PathBuf {
        self.dir.path().join("clouds.yaml")
    }

    /// `nova-images --os-cloud demo ARGS...`, hermetic.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_as("demo", args)
    }

    pub fn cmd_as(&self, cloud: &str, args: &[&str]) -> Command {
        let mut cmd = hermetic(self.dir.path());
        cmd.env("OS_CLIENT_CONFIG_FILE", self.clouds_file());
        cmd.arg("--os-cloud").arg(cloud).args(args);
        cmd
    }
}

pub fn clouds_yaml(auth_url: &str) -> String {
    format!(
        "clouds:
  demo:
    auth:
      auth_url: {auth_url}
      username: demo
      password: secret-demo-pw
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
  admin:
    auth:
      auth_url: {auth_url}/v3
      username: admin
      password: secret-admin-pw
      project_name: admin
    region_name: RegionOne
"
    )
}

/// `n` images `img-00`, `img-01`, ... with ids `00000000-0000-0000-0000-0000000000NN`,
/// the last one newest (so listings show them in reverse).
pub fn seed(env: &Env, n: u32) {
    for i in 0..n {
        env.cloud
            .add(FakeImage::new(&uuid(i), &format!("img-{i:02}"), i));
    }
}

pub fn uuid(i: u32) -> String {
    format!("00000000-0000-0000-0000-{i:012}")
}

/// Runs `nova-images --os-cloud demo ARGS...` (hermetic, as [`Env::cmd`]) with stdout and
/// stderr on a pseudo-terminal, through util-linux `script`: what a person sees (both
/// streams, with terminal control sequences) and the exit code. `None` when `script` is not
/// installed (see [`missing_tool`]: a failure under CI), so that the calling test can pass.
pub fn on_terminal(env: &Env, args: &[&str]) -> Option<(String, i32)> {
    typing(env, args, None)
}

/// [`on_terminal`], with `input` typed on the terminal once the program is likely asking.
pub fn typing(env: &Env, args: &[&str], input: Option<&str>) -> Option<(String, i32)> {
    use std::io::Write;
    use std::process::Stdio;
    let bin = assert_cmd::cargo::cargo_bin("nova-images");
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = format!("{} --os-cloud demo", quote(&bin.display().to_string()));
    for arg in args {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-q", "-e", "-c", &line, "/dev/null"]);
    for (key, _) in std::env::vars() {
        if key.starts_with("OS_")
            || key.starts_with("XDG_")
            || key.to_lowercase().ends_with("_proxy")
        {
            cmd.env_remove(key);
        }
    }
    let dir = env.dir.path();
    let child = cmd
        .env("OS_CLIENT_CONFIG_FILE", env.clouds_file())
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("XDG_CONFIG_DIRS", dir.join("xdg-site"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .current_dir(dir)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            missing_tool("util-linux `script`", "what a terminal shows", &e);
            return None;
        }
        Err(e) => panic!("cannot run script: {e}"),
    };
    if let Some(input) = input {
        // Typed once the question is likely on the screen, so that the screen reads in
        // order (the terminal keeps what is typed earlier until the program reads it).
        std::thread::sleep(std::time::Duration::from_millis(300));
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    ))
}

/// A check needs `tool`, which cannot be run. Under CI (`CI=true`), where every tool is
/// installed on purpose, that fails the test; elsewhere the check is skipped with a line on
/// the process's real stderr (libtest swallows `eprintln!` of a passing test) that says
/// which test skipped what, and why.
pub fn missing_tool(tool: &str, what: &str, error: &std::io::Error) {
    let test = std::thread::current().name().unwrap_or("?").to_owned();
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: {tool} cannot be run ({error}), so {what} is not checked; under CI=true that is a failure: install it"
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "skipped in {test}: {what} ({tool} cannot be run: {error})"
    );
}
