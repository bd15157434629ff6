//! End-to-end tests of every output format and option: the real binary against the fake
//! cloud, asserting exact stdout. Names carry spaces, commas, quotes, newlines, unicode and
//! shell metacharacters; one image has no name and one a null metadata value.

use std::path::Path;
use std::process::Command as Process;

use serde_json::{Value, json};

use crate::common::{Env, FakeImage, missing_tool, seed, stdout_of, uuid};

const COMMA: &str = "comma, \"quote\" and 'apostrophe'";
const LINES: &str = "two\nlines ünïcødé ☃";
const EVIL: &str = "$(touch pwned) `touch pwned2`; echo $HOME \\ | > y";

/// Five images, listed newest first: 5 (no name), 4 EVIL, 3 LINES (SAVING), 2 COMMA, 1 plain.
fn awkward(env: &Env) {
    let mut plain = FakeImage::new(&uuid(1), "plain", 1);
    plain.size = Some(9);
    plain.min_disk = 1;
    plain.properties.insert("os_distro".into(), json!("cirros"));
    plain.properties.insert("kernel_id".into(), Value::Null);
    env.cloud.add(plain);
    let mut comma = FakeImage::new(&uuid(2), COMMA, 2);
    comma.size = Some(100);
    env.cloud.add(comma);
    let mut lines = FakeImage::new(&uuid(3), LINES, 3);
    lines.size = Some(10);
    lines.glance_status = "queued".into();
    env.cloud.add(lines);
    let mut evil = FakeImage::new(&uuid(4), EVIL, 4);
    evil.size = Some(1000);
    env.cloud.add(evil);
    let mut nameless = FakeImage::new(&uuid(5), "", 5);
    nameless.name = None;
    nameless.size = Some(5);
    env.cloud.add(nameless);
}

fn out(env: &Env, args: &[&str]) -> String {
    stdout_of(&mut env.cmd(args))
}

/// The ids of a `-f value -c id` listing.
fn ids(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "-f", "value", "-c", "id"];
    all.extend_from_slice(args);
    out(env, &all).lines().map(|l| l[24..].to_owned()).collect()
}

// ---- value --------------------------------------------------------------------------------

#[test]
fn list_value_is_fields_separated_by_a_space_without_header_or_quoting() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(&env, &["list", "-f", "value"]),
        format!(
            "{} ACTIVE\n{} {EVIL} ACTIVE\n{} {LINES} SAVING\n{} {COMMA} ACTIVE\n{} plain ACTIVE\n",
            // The null name is an empty field: two spaces.
            uuid(5) + " ",
            uuid(4),
            uuid(3),
            uuid(2),
            uuid(1)
        )
    );
    assert_eq!(
        out(&env, &["list", "-f", "value", "-c", "id"]),
        format!(
            "{}\n{}\n{}\n{}\n{}\n",
            uuid(5),
            uuid(4),
            uuid(3),
            uuid(2),
            uuid(1)
        )
    );
}

#[test]
fn value_metadata_is_sorted_compact_json_and_null_is_empty() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(
            &env,
            &[
                "list", "-f", "value", "-c", "metadata", "-c", "name", "-c", "size"
            ]
        )
        .lines()
        .last(),
        Some(r#"{"kernel_id":null,"os_distro":"cirros"} plain 9"#)
    );
    assert_eq!(
        out(
            &env,
            &[
                "show",
                &uuid(5),
                "-f",
                "value",
                "-c",
                "name",
                "-c",
                "Min Disk"
            ]
        ),
        "\n0\n"
    );
}

#[test]
fn show_value_prints_each_field_on_its_own_line() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(&env, &["show", &uuid(1), "-f", "value"]),
        format!(
            "{}\nplain\nACTIVE\n100\n1\n0\n9\n2024-01-01T00:01:00Z\n2024-01-01T00:01:00Z\n\
             {{\"kernel_id\":null,\"os_distro\":\"cirros\"}}\n",
            uuid(1)
        )
    );
}

// ---- csv ----------------------------------------------------------------------------------

#[test]
fn list_csv_quotes_nonnumeric_fields_by_default() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(
            &env,
            &["list", "-f", "csv", "-c", "id", "-c", "name", "-c", "size"]
        ),
        format!(
            "\"ID\",\"Name\",\"Size\"\n\
             \"{}\",\"\",5\n\
             \"{}\",\"$(touch pwned) `touch pwned2`; echo $HOME \\ | > y\",1000\n\
             \"{}\",\"two\nlines ünïcødé ☃\",10\n\
             \"{}\",\"comma, \"\"quote\"\" and 'apostrophe'\",100\n\
             \"{}\",\"plain\",9\n",
            uuid(5),
            uuid(4),
            uuid(3),
            uuid(2),
            uuid(1)
        )
    );
}

#[test]
fn csv_quote_modes() {
    let env = Env::new();
    awkward(&env);
    let csv = |quote: &str, id: u32| {
        out(
            &env,
            &[
                "show",
                &uuid(id),
                "-f",
                "csv",
                "-c",
                "name",
                "-c",
                "size",
                "--quote",
                quote,
            ],
        )
    };
    assert_eq!(
        csv("all", 2),
        "\"Name\",\"Size\"\n\"comma, \"\"quote\"\" and 'apostrophe'\",\"100\"\n"
    );
    assert_eq!(
        csv("minimal", 2),
        "Name,Size\n\"comma, \"\"quote\"\" and 'apostrophe'\",100\n"
    );
    assert_eq!(csv("minimal", 1), "Name,Size\nplain,9\n");
    assert_eq!(
        csv("minimal", 3),
        "Name,Size\n\"two\nlines ünïcødé ☃\",10\n"
    );
    assert_eq!(csv("nonnumeric", 5), "\"Name\",\"Size\"\n\"\",5\n");
    assert_eq!(
        csv("none", 2),
        "Name,Size\ncomma\\, \\\"quote\\\" and 'apostrophe',100\n"
    );
    assert_eq!(
        csv("none", 4),
        "Name,Size\n$(touch pwned) `touch pwned2`; echo $HOME \\\\ | > y,1000\n"
    );
    assert_eq!(csv("none", 3), "Name,Size\ntwo\\\nlines ünïcødé ☃,10\n");
}

#[test]
fn show_csv_is_a_header_row_and_one_row_of_values() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(&env, &["show", &uuid(1), "-f", "csv"]),
        format!(
            "\"ID\",\"Name\",\"Status\",\"Progress\",\"Min Disk\",\"Min RAM\",\"Size\",\"Created\",\"Updated\",\"Metadata\"\n\
             \"{}\",\"plain\",\"ACTIVE\",100,1,0,9,\"2024-01-01T00:01:00Z\",\"2024-01-01T00:01:00Z\",\"{{\"\"kernel_id\"\":null,\"\"os_distro\"\":\"\"cirros\"\"}}\"\n",
            uuid(1)
        )
    );
}

/// What Python's csv module (the RFC 4180 reader cliff's users have) reads back.
fn python_csv(text: &str) -> Option<Vec<Vec<String>>> {
    let script = "import csv, json, sys\nprint(json.dumps(list(csv.reader(sys.stdin))))";
    let child = Process::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            missing_tool(
                "python3",
                "reading the CSV back with Python's csv module",
                &e,
            );
            return None;
        }
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[test]
fn csv_reads_back_as_the_same_fields_in_every_quoted_mode() {
    let env = Env::new();
    awkward(&env);
    let want = vec![
        vec!["Name".to_owned(), "Size".to_owned()],
        vec![String::new(), "5".into()],
        vec![EVIL.into(), "1000".into()],
        vec![LINES.into(), "10".into()],
        vec![COMMA.into(), "100".into()],
        vec!["plain".into(), "9".into()],
    ];
    for quote in ["all", "minimal", "nonnumeric"] {
        let csv = out(
            &env,
            &[
                "list", "-f", "csv", "-c", "name", "-c", "size", "--quote", quote,
            ],
        );
        let Some(rows) = python_csv(&csv) else { return };
        assert_eq!(rows, want, "--quote {quote}");
    }
}

// ---- shell --------------------------------------------------------------------------------

#[test]
fn show_shell_prints_single_quoted_assignments() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(&env, &["show", &uuid(1), "-f", "shell"]),
        format!(
            "id='{}'\nname='plain'\nstatus='ACTIVE'\nprogress='100'\nmin_disk='1'\nmin_ram='0'\n\
             os_ext_img_size_size='9'\ncreated='2024-01-01T00:01:00Z'\nupdated='2024-01-01T00:01:00Z'\n\
             metadata='{{\"kernel_id\":null,\"os_distro\":\"cirros\"}}'\n",
            uuid(1)
        )
    );
    assert_eq!(
        out(
            &env,
            &[
                "show",
                &uuid(2),
                "-f",
                "shell",
                "-c",
                "name",
                "-c",
                "min_disk",
                "--prefix",
                "img_"
            ]
        ),
        "img_name='comma, \"quote\" and '\\''apostrophe'\\'''\nimg_min_disk='0'\n"
    );
    assert_eq!(
        out(
            &env,
            &[
                "show",
                &uuid(5),
                "-f",
                "shell",
                "-c",
                "name",
                "-c",
                "server",
                "-c",
                "OS-DCF:diskConfig"
            ]
        ),
        "name=''\nserver=''\nos_dcf_disk_config=''\n"
    );
}

/// `eval`s the shell output in `shell` and prints `$var`; None when the shell is absent.
fn eval_in(shell: &str, dir: &Path, script: &str, var: &str) -> Option<String> {
    let run = Process::new(shell)
        .current_dir(dir)
        .args([
            "-c",
            &format!("eval \"$1\"; printf %s \"${var}\""),
            "sh",
            script,
        ])
        .output();
    let output = match run {
        Ok(output) => output,
        Err(e) => {
            missing_tool(shell, "evaluating -f shell output", &e);
            return None;
        }
    };
    assert!(output.status.success(), "{shell}: {output:?}");
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn shell_output_evals_back_to_the_exact_name_and_runs_nothing() {
    let env = Env::new();
    awkward(&env);
    let scratch = tempfile::tempdir().unwrap();
    for (id, name) in [(1, "plain"), (2, COMMA), (3, LINES), (4, EVIL), (5, "")] {
        let script = out(
            &env,
            &["show", &uuid(id), "-f", "shell", "--prefix", "image_"],
        );
        for shell in ["bash", "sh", "zsh"] {
            if let Some(got) = eval_in(shell, scratch.path(), &script, "image_name") {
                assert_eq!(got, name, "{shell} eval of {script}");
            }
        }
        let metadata = eval_in("bash", scratch.path(), &script, "image_metadata");
        assert!(metadata.is_some_and(|m| m.starts_with('{')));
    }
    assert_eq!(
        std::fs::read_dir(scratch.path()).unwrap().count(),
        0,
        "eval ran a command"
    );
}

#[test]
fn shell_is_for_show_only_and_the_prefix_must_make_names() {
    let env = Env::new();
    awkward(&env);
    env.cmd(&["list", "-f", "shell"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "[possible values: table, json, yaml, value, csv, jsonl]",
        ));
    for bad in ["x-", "1x", "a b", "$(x)"] {
        env.cmd(&["show", &uuid(1), "-f", "shell", "--prefix", bad])
            .assert()
            .code(2);
    }
    assert!(env.cloud.nova_calls().is_empty());
}

// ---- json and yaml ------------------------------------------------------------------------

#[test]
fn json_noindent_is_one_line_and_list_is_always_an_array() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(
            &env,
            &[
                "list",
                "-f",
                "json",
                "--noindent",
                "-c",
                "id",
                "-c",
                "name",
                "--limit",
                "2"
            ]
        ),
        format!(
            "[{{\"id\":\"{}\",\"name\":null}},{{\"id\":\"{}\",\"name\":{}}}]\n",
            uuid(5),
            uuid(4),
            serde_json::to_string(EVIL).unwrap()
        )
    );
    assert_eq!(
        out(
            &env,
            &[
                "show",
                &uuid(1),
                "-f",
                "json",
                "--noindent",
                "-c",
                "metadata"
            ]
        ),
        "{\"metadata\":{\"os_distro\":\"cirros\",\"kernel_id\":null}}\n"
    );
    assert_eq!(
        out(
            &env,
            &["list", "-f", "json", "--noindent", "--name", "none such"]
        ),
        "[]\n"
    );
}

#[test]
fn yaml_is_a_sequence_for_list_and_a_mapping_for_show() {
    let env = Env::new();
    awkward(&env);
    assert_eq!(
        out(
            &env,
            &[
                "list", "-f", "yaml", "-c", "name", "-c", "min_disk", "--limit", "3"
            ]
        ),
        "- name: null\n  minDisk: 0\n\
         - name: $(touch pwned) `touch pwned2`; echo $HOME \\ | > y\n  minDisk: 0\n\
         - name: |-\n    two\n    lines ünïcødé ☃\n  minDisk: 0\n"
    );
    assert_eq!(
        out(&env, &["show", &uuid(2), "-f", "yaml", "-c", "Name"]),
        "name: comma, \"quote\" and 'apostrophe'\n"
    );
}

#[test]
fn the_same_column_names_work_in_every_format() {
    let env = Env::new();
    awkward(&env);
    for name in ["Min Disk", "min_disk", "minDisk", "MIN-DISK"] {
        let show = |format: &str| out(&env, &["show", &uuid(1), "-f", format, "-c", name]);
        assert_eq!(show("value"), "1\n");
        assert_eq!(show("csv"), "\"Min Disk\"\n1\n");
        assert_eq!(show("shell"), "min_disk='1'\n");
        assert_eq!(show("json"), "{\n  \"minDisk\": 1\n}\n");
        assert_eq!(show("yaml"), "minDisk: 1\n");
    }
}

// ---- sorting ------------------------------------------------------------------------------

#[test]
fn sort_by_name_puts_the_null_name_last_in_both_directions() {
    let env = Env::new();
    awkward(&env);
    let ends = |v: Vec<String>| {
        v.into_iter()
            .map(|id| id[10..].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ends(ids(&env, &["--sort-column", "name"])),
        ["04", "02", "01", "03", "05"]
    );
    assert_eq!(
        ends(ids(&env, &["--sort-column", "Name", "--sort-descending"])),
        ["03", "01", "02", "04", "05"]
    );
    // The last of --sort-ascending/--sort-descending wins.
    assert_eq!(
        ends(ids(
            &env,
            &[
                "--sort-column",
                "name",
                "--sort-descending",
                "--sort-ascending"
            ]
        )),
        ["04", "02", "01", "03", "05"]
    );
}

#[test]
fn sort_by_size_is_numeric_and_applies_to_every_format() {
    let env = Env::new();
    awkward(&env);
    let ends = |v: Vec<String>| {
        v.into_iter()
            .map(|id| id[10..].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ends(ids(&env, &["--sort-column", "size"])),
        ["05", "01", "03", "02", "04"]
    );
    assert_eq!(
        ends(ids(
            &env,
            &["--sort-column", "OS-EXT-IMG-SIZE:size", "--sort-descending"]
        )),
        ["04", "02", "03", "01", "05"]
    );
    let json = out(
        &env,
        &["list", "-f", "json", "-c", "size", "--sort-column", "size"],
    );
    let sizes: Vec<u64> = serde_json::from_str::<Vec<Value>>(&json)
        .unwrap()
        .iter()
        .map(|v| v["OS-EXT-IMG-SIZE:size"].as_u64().unwrap())
        .collect();
    assert_eq!(sizes, [5, 9, 10, 100, 1000]);
}

#[test]
fn sort_by_several_columns_uses_the_first_as_primary_key() {
    let env = Env::new();
    awkward(&env);
    // Statuses: 03 is SAVING, the rest ACTIVE; ties broken by name, null last.
    assert_eq!(
        out(
            &env,
            &[
                "list",
                "-f",
                "csv",
                "--quote",
                "minimal",
                "-c",
                "status",
                "-c",
                "size",
                "--sort-column",
                "status",
                "--sort-column",
                "name",
                "--sort-descending"
            ]
        ),
        "Status,Size\nSAVING,10\nACTIVE,9\nACTIVE,100\nACTIVE,1000\nACTIVE,5\n"
    );
}

#[test]
fn sort_by_created_or_updated_is_by_time_whatever_the_offset() {
    let env = Env::new();
    // (image, time): as text "01:00-04:00" < "05:30Z" < "06:00Z" < "10:00+05:00" < "not...";
    // as instants 1 and 5 are both 05:00Z (a tie, so by ID), then 3, then 2; 4 is unreadable.
    for (i, at) in [
        (1, "2024-01-01T10:00:00+05:00"),
        (2, "2024-01-01T06:00:00Z"),
        (3, "2024-01-01T05:30:00Z"),
        (4, "not a date"),
        (5, "2024-01-01T01:00:00-04:00"),
    ] {
        let mut image = FakeImage::new(&uuid(i), &format!("img-{i}"), i);
        image.created = at.into();
        image.updated = at.into();
        env.cloud.add(image);
    }
    let ends = |v: Vec<String>| {
        v.into_iter()
            .map(|id| id[10..].to_owned())
            .collect::<Vec<_>>()
    };
    for column in ["created", "Updated"] {
        assert_eq!(
            ends(ids(&env, &["--sort-column", column])),
            ["01", "05", "03", "02", "04"],
            "{column}"
        );
        // Newest first; the unreadable time still last.
        assert_eq!(
            ends(ids(&env, &["--sort-column", column, "--sort-descending"])),
            ["02", "03", "05", "01", "04"],
            "{column}"
        );
    }
}

#[test]
fn an_unknown_sort_column_is_a_usage_error_before_any_request() {
    let env = Env::new();
    awkward(&env);
    env.cmd(&["list", "--sort-column", "colour"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown column \"colour\""));
    assert!(env.cloud.nova_calls().is_empty());
}

// ---- tables -------------------------------------------------------------------------------

fn wide(env: &Env) {
    let name = "a-long-image-name-that-would-never-fit-in-a-narrow-terminal-window";
    env.cloud.add(FakeImage::new(&uuid(1), name, 1));
}

const UNWRAPPED: &str = "\
+--------------------------------------+--------------------------------------------------------------------+--------+
| ID                                   | Name                                                               | Status |
+--------------------------------------+--------------------------------------------------------------------+--------+
| 00000000-0000-0000-0000-000000000001 | a-long-image-name-that-would-never-fit-in-a-narrow-terminal-window | ACTIVE |
+--------------------------------------+--------------------------------------------------------------------+--------+
";

/// 60 columns: the ID column never wraps, the name does.
const FIT_60: &str = "\
+--------------------------------------+----------+--------+
| ID                                   | Name     | Status |
+--------------------------------------+----------+--------+
| 00000000-0000-0000-0000-000000000001 | a-long-i | ACTIVE |
|                                      | mage-nam |        |
|                                      | e-that-w |        |
|                                      | ould-nev |        |
|                                      | er-fit-i |        |
|                                      | n-a-narr |        |
|                                      | ow-termi |        |
|                                      | nal-wind |        |
|                                      | ow       |        |
+--------------------------------------+----------+--------+
";

#[test]
fn piped_tables_never_wrap() {
    let env = Env::new();
    wide(&env);
    assert_eq!(out(&env, &["list"]), UNWRAPPED);
    // --fit-width fits stderr's terminal; the test's stderr is a pipe, so nothing changes.
    assert_eq!(out(&env, &["list", "--fit-width"]), UNWRAPPED);
    assert_eq!(
        stdout_of(env.cmd(&["list"]).env("CLIFF_FIT_WIDTH", "1")),
        UNWRAPPED
    );
}

#[test]
fn max_width_wraps_even_when_piped_and_beats_the_environment() {
    let env = Env::new();
    wide(&env);
    assert_eq!(out(&env, &["list", "--max-width", "60"]), FIT_60);
    assert_eq!(
        stdout_of(env.cmd(&["list"]).env("CLIFF_MAX_TERM_WIDTH", "60")),
        FIT_60
    );
    assert_eq!(
        stdout_of(
            env.cmd(&["list", "--max-width", "0"])
                .env("CLIFF_MAX_TERM_WIDTH", "60")
        ),
        UNWRAPPED
    );
    assert_eq!(out(&env, &["list", "--max-width", "-1"]), UNWRAPPED);
    env.cmd(&["list"])
        .env("CLIFF_FIT_WIDTH", "sometimes")
        .assert()
        .code(2);
}

#[test]
fn on_a_terminal_tables_fit_its_width_and_sizes_are_for_people() {
    let env = Env::new();
    wide(&env);
    let term = |args: &[&str]| stdout_of(env.cmd(args).env("NOVA_IMAGES_TERM_WIDTH", "60"));
    assert_eq!(term(&["list"]), FIT_60);
    let mut big = FakeImage::new(&uuid(2), "big", 2);
    big.size = Some(1_288_490_189);
    env.cloud.add(big);
    assert_eq!(
        term(&["list", "-c", "name", "-c", "size", "--name", "big"]),
        "+------+---------+\n| Name | Size    |\n+------+---------+\n| big  | 1.2 GiB |\n+------+---------+\n"
    );
    // Scripts' formats keep raw values on a terminal too.
    assert_eq!(
        term(&["list", "-f", "value", "-c", "size", "--name", "big"]),
        "1288490189\n"
    );
    assert_eq!(
        out(&env, &["show", &uuid(2), "-f", "value", "-c", "size"]),
        "1288490189\n"
    );
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let env = Env::new();
    awkward(&env);
    let mut error = FakeImage::new(&uuid(6), "broken", 6);
    error.glance_status = "killed".into();
    env.cloud.add(error);
    let args = ["list", "-c", "status", "--sort-column", "status"];
    // The killed image is not listed (Glance hides it); `show` below has its ERROR.
    let plain = "+--------+\n| Status |\n+--------+\n| ACTIVE |\n| ACTIVE |\n| ACTIVE |\n\
                 | ACTIVE |\n| SAVING |\n+--------+\n";
    // hermetic() sets NO_COLOR=1.
    assert_eq!(
        stdout_of(env.cmd(&args).env("NOVA_IMAGES_TERM_WIDTH", "80")),
        plain
    );
    // Piped: no colour even without NO_COLOR.
    assert_eq!(stdout_of(env.cmd(&args).env_remove("NO_COLOR")), plain);
    let green = "| \u{1b}[38;5;10mACTIVE\u{1b}[39m |\n";
    let coloured = format!(
        "+--------+\n| \u{1b}[1mStatus\u{1b}[0m |\n+--------+\n{green}{green}{green}{green}\
         | \u{1b}[38;5;11mSAVING\u{1b}[39m |\n+--------+\n"
    );
    for no_color in [None, Some("")] {
        let mut cmd = env.cmd(&args);
        cmd.env("NOVA_IMAGES_TERM_WIDTH", "80");
        match no_color {
            None => cmd.env_remove("NO_COLOR"),
            Some(v) => cmd.env("NO_COLOR", v),
        };
        assert_eq!(stdout_of(&mut cmd), coloured);
    }
    let show = env
        .cmd(&["show", &uuid(3), "-c", "status"])
        .env("NOVA_IMAGES_TERM_WIDTH", "80")
        .env_remove("NO_COLOR")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(show).unwrap(),
        "+--------+--------+\n\
         | \u{1b}[1mField\u{1b}[0m  | \u{1b}[1mValue\u{1b}[0m  |\n\
         +--------+--------+\n\
         | Status | \u{1b}[38;5;11mSAVING\u{1b}[39m |\n\
         +--------+--------+\n"
    );
    let killed = env
        .cmd(&["show", &uuid(6), "-c", "status"])
        .env("NOVA_IMAGES_TERM_WIDTH", "80")
        .env_remove("NO_COLOR")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(killed).unwrap(),
        "+--------+-------+\n\
         | \u{1b}[1mField\u{1b}[0m  | \u{1b}[1mValue\u{1b}[0m |\n\
         +--------+-------+\n\
         | Status | \u{1b}[38;5;9mERROR\u{1b}[39m |\n\
         +--------+-------+\n"
    );
}

#[test]
fn print_empty_prints_the_header_of_an_empty_list() {
    let env = Env::new();
    seed(&env, 1);
    assert_eq!(out(&env, &["list", "--name", "none such"]), "");
    assert_eq!(
        out(
            &env,
            &["list", "--name", "none such", "--print-empty", "--long"]
        ),
        "+----+------+--------+----------+----------+---------+------+---------+---------+\n\
         | ID | Name | Status | Progress | Min Disk | Min RAM | Size | Created | Updated |\n\
         +----+------+--------+----------+----------+---------+------+---------+---------+\n\
         +----+------+--------+----------+----------+---------+------+---------+---------+\n"
    );
    assert_eq!(
        out(&env, &["list", "--name", "none such", "-f", "csv"]),
        "\"ID\",\"Name\",\"Status\"\n"
    );
    assert_eq!(
        out(&env, &["list", "--name", "none such", "-f", "value"]),
        ""
    );
}

#[test]
fn tables_escape_control_characters_but_value_and_csv_stay_raw() {
    let env = Env::new();
    env.cloud
        .add(FakeImage::new(&uuid(1), "bell\u{7} esc\u{1b}[31m", 1));
    assert_eq!(
        out(&env, &["list", "-c", "name"]),
        "+-------------------------+\n\
         | Name                    |\n\
         +-------------------------+\n\
         | bell\\u{7} esc\\u{1b}[31m |\n\
         +-------------------------+\n"
    );
    assert_eq!(
        out(&env, &["list", "-f", "value", "-c", "name"]),
        "bell\u{7} esc\u{1b}[31m\n"
    );
}

#[test]
fn jsonl_is_one_json_object_per_line_with_the_keys_of_json() {
    let env = Env::new();
    awkward(&env);
    for extra in [
        &[][..],
        &["-c", "id", "-c", "Name"],
        &["--limit", "2"],
        &["--status", "SAVING"],
    ] {
        let args: Vec<&str> = ["list", "-f", "json"]
            .iter()
            .copied()
            .chain(extra.iter().copied())
            .collect();
        let json: Vec<Value> = serde_json::from_str(&stdout_of(&mut env.cmd(&args))).unwrap();
        let args: Vec<&str> = ["list", "-f", "jsonl"]
            .iter()
            .copied()
            .chain(extra.iter().copied())
            .collect();
        let lines = stdout_of(&mut env.cmd(&args));
        let parsed: Vec<Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(parsed, json, "{extra:?}");
        assert_eq!(lines.lines().count(), json.len());
        assert!(lines.ends_with('\n') || lines.is_empty());
    }
    let one = stdout_of(&mut env.cmd(&["show", &uuid(1), "-f", "jsonl"]));
    assert_eq!(one.lines().count(), 1);
    assert_eq!(
        serde_json::from_str::<Value>(&one).unwrap()["name"],
        "plain"
    );
}

#[test]
fn jsonl_streams_and_a_failed_page_leaves_only_whole_lines() {
    let env = Env::new();
    seed(&env, 5);
    env.cloud.inject(fake_cloud::Fault::pass("/compute/"));
    env.cloud.inject(fake_cloud::Fault::status(
        "/compute/",
        500,
        r#"{"computeFault": {"code": 500, "message": "boom"}}"#,
    ));
    let out = env
        .cmd(&["--retries", "0", "list", "--page-size", "2", "-f", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, [uuid(4), uuid(3)], "the first page, whole");
    assert!(stdout.ends_with('\n'));
}

#[test]
fn a_listing_larger_than_the_memory_spool_is_complete_in_every_format() {
    let env = Env::new();
    for i in 0..6000 {
        let mut image = FakeImage::new(&uuid(i), &format!("image-{i:05}-{}", "x".repeat(400)), i);
        image
            .properties
            .insert("note".into(), json!("y".repeat(300)));
        env.cloud.add(image);
    }
    let json: Vec<Value> =
        serde_json::from_str(&stdout_of(&mut env.cmd(&["list", "-f", "json", "--long"]))).unwrap();
    assert_eq!(json.len(), 6000);
    assert_eq!(json[0]["id"], uuid(5999));
    assert_eq!(json[5999]["id"], uuid(0));
    let table = stdout_of(&mut env.cmd(&["list", "--long"]));
    assert_eq!(table.lines().count(), 6000 + 4);
    let widths: Vec<usize> = table.lines().map(|l| l.chars().count()).collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "every line as wide as the borders"
    );
    let csv = stdout_of(&mut env.cmd(&["list", "-f", "csv"]));
    assert_eq!(csv.lines().count(), 6001);
}
