//! Nova's images API gone, for real: a compute endpoint in front of the sandbox's real Nova
//! that asks for every request at microversion 2.36, where Nova's images routes answer 404
//! while the rest of the compute API (its version document) answers. nova-images refuses
//! to send 2.36 itself, so this stands in for a cloud whose Nova dropped the images API.
//! `--api auto` must then list through Glance, saying so once on stderr.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};

use super::both::{Run, comparable, nova_and_glance};
use super::*;

/// The microversion the endpoint asks for: the first without Nova's images API.
const GONE_AT: &str = "2.36";

/// Starts the endpoint in front of `nova` (`http://127.0.0.1:PORT`) and returns its compute
/// URL (`.../v2.1`). It serves until the test process ends.
fn nova_without_images(nova: &str) -> String {
    let upstream = nova.trim_start_matches("http://").to_owned();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v2.1", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let upstream = upstream.clone();
            std::thread::spawn(move || {
                // A connection that fails fails that request: the test sees it.
                let _ = relay(client, &upstream);
            });
        }
    });
    url
}

/// Relays one request to Nova at [`GONE_AT`] and Nova's answer back, then closes both.
fn relay(client: TcpStream, upstream: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = String::new();
    reader.read_line(&mut head)?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let name = line
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match name.as_str() {
            "content-length" => {
                length = line
                    .split(':')
                    .nth(1)
                    .unwrap_or("0")
                    .trim()
                    .parse()
                    .unwrap_or(0);
                head.push_str(&line);
            }
            // Ours instead: Nova's host, one request per connection, the microversion.
            "host"
            | "connection"
            | "keep-alive"
            | "x-openstack-nova-api-version"
            | "openstack-api-version" => {}
            _ => head.push_str(&line),
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    head.push_str(&format!(
        "Host: {upstream}\r\nConnection: close\r\nX-OpenStack-Nova-API-Version: {GONE_AT}\r\n\
         OpenStack-API-Version: compute {GONE_AT}\r\n\r\n"
    ));
    let mut nova = TcpStream::connect(upstream)?;
    nova.write_all(head.as_bytes())?;
    nova.write_all(&body)?;
    let mut client = client;
    std::io::copy(&mut nova, &mut client)?;
    client.shutdown(Shutdown::Both)
}

/// `nova-images --os-endpoint COMPUTE ARGS...`: its stdout, exit code and stderr.
fn run_at(sb: &Sandbox, compute: &str, args: &[&str]) -> Run {
    output(&mut sb.cmd(&[&["--os-endpoint", compute][..], args].concat()))
}

/// [`run_at`] in a HOME of its own: no token, and nothing a run before it remembered.
fn run_cold(sb: &Sandbox, compute: &str, args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb.state, home.path());
    cmd.args(["--os-cloud", "sandbox", "--os-endpoint", compute]);
    output(cmd.args(args))
}

fn output(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        code: out.status.code(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn auto_lists_through_glance_when_real_novas_images_routes_answer_404() {
    let sb = Sandbox::among_others();
    let (nova, _) = nova_and_glance(&sb.state);
    let compute = nova_without_images(&nova);
    // The endpoint is real Nova at 2.36: its images routes are gone, Nova itself is not.
    let refused = run_at(&sb, &compute, &["--api", "nova", "--retries", "0", "list"]);
    assert_eq!(
        (refused.code, refused.stdout.as_str()),
        (Some(1), ""),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("returned 404 Not Found"),
        "{}",
        refused.stderr
    );

    // auto lists what glance lists (the sample images by name: other images may come and
    // go meanwhile), with one line on stderr saying Glance answered after Nova's 404. Each
    // auto run starts cold, so each finds the 404 itself.
    for args in [
        &["list", "--name", "dup-name", "--long"][..],
        &["list", "--name", "dup-name", "-f", "json"],
        &["list", "--name", "cirros-active", "-f", "value"],
    ] {
        let glance = run_at(&sb, &compute, &[&["--api", "glance"][..], args].concat());
        assert_eq!(
            (glance.code, glance.stderr.as_str()),
            (Some(0), ""),
            "{args:?}"
        );
        let auto = run_cold(&sb, &compute, &[&["--api", "auto"][..], args].concat());
        assert_eq!(
            auto.code,
            Some(0),
            "{args:?}: auto failed:\n{}",
            auto.stderr
        );
        assert_eq!(
            comparable(args, &auto.stdout),
            comparable(args, &glance.stdout),
            "{args:?}"
        );
        let lines: Vec<&str> = auto.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "{args:?}: one line on stderr:\n{}",
            auto.stderr
        );
        let line = lines[0].to_lowercase();
        assert!(
            line.contains("glance") && line.contains("404"),
            "{}",
            lines[0]
        );
    }
    // The default is auto, too; here in the HOME of the runs before, where the choice may
    // be remembered.
    let default = run_at(
        &sb,
        &compute,
        &["list", "--name", "dup-name", "-f", "value"],
    );
    assert_eq!(default.code, Some(0), "{}", default.stderr);
    assert_eq!(default.stdout.lines().count(), 2, "{}", default.stdout);
}

#[test]
#[ignore = "needs the sandbox cloud: scripts/sandbox-cloud up && eval \"$(scripts/sandbox-cloud env)\""]
fn doctor_says_glance_serves_when_real_novas_images_routes_answer_404() {
    let sb = Sandbox::among_others();
    let (nova, glance) = nova_and_glance(&sb.state);
    let compute = nova_without_images(&nova);
    let run = run_at(&sb, &compute, &["doctor", "-f", "json"]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let checks = doc[0]["checks"].as_array().unwrap();
    let check = |name: &str| {
        let found = checks.iter().find(|c| c["name"] == name);
        found
            .unwrap_or_else(|| panic!("no {name} check: {doc}"))
            .clone()
    };
    // The compute API answers, Nova's images route does not (404), Glance does.
    assert_eq!(check("compute API")["ok"], true, "{doc}");
    let nova_images = check("Nova images");
    assert_eq!(nova_images["ok"], false, "{nova_images}");
    assert!(
        nova_images["detail"].as_str().unwrap().contains("404"),
        "{nova_images}"
    );
    let glance_images = check("Glance images");
    assert_eq!(glance_images["ok"], true, "{glance_images}");
    let asked = format!("GET {glance}/v2/images?limit=1: ");
    assert!(
        glance_images["detail"]
            .as_str()
            .unwrap()
            .starts_with(&asked),
        "{glance_images}"
    );
    // auto would use Glance: the chosen API serves, so doctor passes.
    let chosen = check("images API");
    let detail = chosen["detail"].as_str().unwrap();
    assert!(detail.starts_with("glance"), "{chosen}");
    assert!(
        detail.contains("404") && detail.contains("Glance answers"),
        "{chosen}"
    );
    assert_eq!(chosen["ok"], true, "{chosen}");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}
