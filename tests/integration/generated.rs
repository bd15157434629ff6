//! The shell completions under completions/ and the man pages under man/ are generated from
//! the clap definition (`nova_images::cli::command()`). This test regenerates them in process
//! and fails when a committed file is stale, missing or left over;
//! `NOVA_IMAGES_BLESS=1 cargo test --test integration generated::` rewrites them instead.
//!
//! The man-page sections clap cannot know (EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES, SEE
//! ALSO) are added here, so that the shipped binary carries no clap_mangen; their prose is
//! read from man/src/ (plain text, format in man/src/README).
//!
//! The scripts are also loaded by their shells (`bash -n`, `zsh -n`, `fish -n`,
//! `elvish -compileonly`) and the pages rendered by groff with every warning on. A tool that
//! is not installed fails the test under CI (`CI=true`); elsewhere the test says on stderr
//! what it skipped, and passes (`common::missing_tool`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command as Process, Stdio};

use clap_complete::aot::{Generator, Shell};
use clap_mangen::Man;
use roff::{Roff, bold, roman};

use crate::common;
use crate::common::missing_tool;

const BLESS: &str = "NOVA_IMAGES_BLESS";
const BIN: &str = "nova-images";
const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// Every completion script by file name (`nova-images.bash`, `_nova-images`, ...).
fn completions() -> BTreeMap<String, Vec<u8>> {
    SHELLS
        .iter()
        .map(|shell| (shell.file_name(BIN), script(*shell)))
        .collect()
}

fn script(shell: Shell) -> Vec<u8> {
    nova_images::cli::completion_script(shell)
}

/// The clap command as the man pages describe it: built, without the `help` subcommand.
fn built_command() -> clap::Command {
    let mut cmd = nova_images::cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// `nova-images.1` and one page per subcommand, nested ones too (`nova-images-list.1`,
/// `nova-images-metadata-set.1`, ...).
fn man_pages() -> BTreeMap<String, Vec<u8>> {
    let cmd = built_command();
    let mut pages = BTreeMap::from([(format!("{BIN}.1"), main_page(&cmd))]);
    subcommand_pages(&cmd, &format!("{BIN}(1)"), &mut pages);
    pages
}

fn subcommand_pages(
    parent: &clap::Command,
    parent_page: &str,
    pages: &mut BTreeMap<String, Vec<u8>>,
) {
    for sub in parent
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
    {
        let man = Man::new(sub.clone());
        let mut page = Vec::new();
        man.render(&mut page).unwrap();
        append(&mut page, &see_also(&[parent_page.to_owned()]));
        let name = man.get_filename();
        let this_page = format!("{}(1)", name.trim_end_matches(".1"));
        pages.insert(name, page);
        subcommand_pages(sub, &this_page, pages);
    }
}

fn main_page(cmd: &clap::Command) -> Vec<u8> {
    let man = Man::new(cmd.clone());
    let mut page = Roff::new().render().into_bytes();
    type Render = fn(&Man, &mut dyn Write) -> std::io::Result<()>;
    let sections: [Render; 6] = [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
        Man::render_subcommands_section,
    ];
    for render in sections {
        let mut section = Vec::new();
        render(&man, &mut section).unwrap();
        append_bytes(&mut page, &section);
    }
    // after_long_help is the exit-status table; it gets a real EXIT STATUS section instead of
    // clap_mangen's EXTRA.
    append(&mut page, &exit_status(cmd));
    append(&mut page, &environment(cmd));
    append(&mut page, &files());
    append(&mut page, &examples());
    let mut pages: Vec<String> = cmd
        .get_subcommands()
        .map(|s| format!("{BIN}-{}(1)", s.get_name()))
        .collect();
    pages.push("openstack(1)".into());
    append(&mut page, &see_also(&pages));
    let mut version = Vec::new();
    man.render_version_section(&mut version).unwrap();
    append_bytes(&mut page, &version);
    page
}

/// Each roff render starts with the same apostrophe preamble; one copy per page is enough.
fn append_bytes(page: &mut Vec<u8>, rendered: &[u8]) {
    let preamble = Roff::new().render();
    page.extend_from_slice(
        rendered
            .strip_prefix(preamble.as_bytes())
            .unwrap_or(rendered),
    );
}

fn append(page: &mut Vec<u8>, roff: &Roff) {
    append_bytes(page, roff.render().as_bytes());
}

/// `.TP` entries: a bold term and its description.
fn entries(roff: &mut Roff, items: &[(String, String)]) {
    for (term, text) in items {
        roff.control("TP", []);
        roff.text([bold(term)]);
        roff.text([roman(text)]);
    }
}

/// The codes of `src/cli.rs`'s EXIT_STATUS (the main command's after_long_help), so the page
/// follows the code.
fn exit_status(cmd: &clap::Command) -> Roff {
    let text = cmd
        .get_after_long_help()
        .expect("the main command's after_long_help lists the exit codes")
        .to_string();
    let codes: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| {
            let (code, meaning) = line.trim().split_once(char::is_whitespace)?;
            code.parse::<u8>()
                .ok()
                .map(|_| (code.to_owned(), meaning.trim().to_owned()))
        })
        .collect();
    assert!(
        codes.len() >= 8,
        "EXIT_STATUS in src/cli.rs no longer reads as `  CODE  meaning` lines: {text}"
    );
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    entries(&mut roff, &codes);
    roff
}

/// The variables behind options (from clap's `env`, so new options appear by themselves),
/// then those the configuration and the output read directly (man/src/environment.txt).
fn environment(cmd: &clap::Command) -> Roff {
    let mut items: Vec<(String, String)> = Vec::new();
    let commands = std::iter::once(cmd).chain(cmd.get_subcommands());
    for arg in commands.flat_map(|c| c.get_arguments()) {
        let Some(var) = arg.get_env().and_then(|v| v.to_str()) else {
            continue;
        };
        if items.iter().any(|(name, _)| name == var) {
            continue;
        }
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let long = arg.get_long().unwrap_or_default();
        items.push((var.to_owned(), format!("The default of --{long}: {help}.")));
    }
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    let prose = prose("environment.txt");
    let (intro, direct) = prose
        .split_first()
        .filter(|(intro, _)| intro.body.is_empty())
        .expect("man/src/environment.txt starts with a paragraph");
    roff.text(inline(&intro.head));
    entries(&mut roff, &items);
    let direct: Vec<&Block> = direct
        .iter()
        .filter(|block| !items.iter().any(|(name, _)| *name == block.head))
        .collect();
    definitions(&mut roff, &direct, false);
    roff
}

fn files() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["FILES"]);
    let prose = prose("files.txt");
    definitions(&mut roff, &prose.iter().collect::<Vec<_>>(), true);
    roff
}

fn examples() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for example in prose("examples.txt") {
        assert!(
            !example.body.is_empty(),
            "man/src/examples.txt: no command for {:?}",
            example.head
        );
        roff.control("PP", []);
        roff.text(inline(&example.head));
        roff.control("RS", ["4"]);
        roff.control("nf", []);
        for line in &example.body {
            roff.text([roman(line)]);
        }
        roff.control("fi", []);
        roff.control("RE", []);
    }
    roff
}

/// A block of a man/src file (the format is in man/src/README): its unindented lines, joined,
/// and its lines indented by four spaces.
struct Block {
    head: String,
    body: Vec<String>,
}

/// The blocks of `man/src/<name>`.
fn prose(name: &str) -> Vec<Block> {
    let path = root().join("man/src").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut blocks = Vec::new();
    let mut lines = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .peekable();
    while lines.peek().is_some() {
        let block: Vec<&str> = lines
            .by_ref()
            .skip_while(|line| line.trim().is_empty())
            .take_while(|line| !line.trim().is_empty())
            .collect();
        if block.is_empty() {
            continue;
        }
        let (head, body): (Vec<&str>, Vec<&str>) =
            block.iter().partition(|line| !line.starts_with(' '));
        let body: Vec<String> = body
            .iter()
            .map(|line| {
                line.strip_prefix("    ")
                    .unwrap_or_else(|| panic!("man/src/{name}: indent by four spaces: {line:?}"))
                    .to_owned()
            })
            .collect();
        assert!(
            !head.is_empty(),
            "man/src/{name}: a block starts indented: {body:?}"
        );
        blocks.push(Block {
            head: head.join(" "),
            body,
        });
    }
    blocks
}

/// `text` with its `**bold**` parts in bold.
fn inline(text: &str) -> Vec<roff::Inline> {
    assert!(
        text.matches("**").count().is_multiple_of(2),
        "man/src: an unclosed ** in {text:?}"
    );
    text.split("**")
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { bold(part) } else { roman(part) })
        .collect()
}

/// Entries (`.TP`: a bold term and its description) and paragraphs, in order; the first
/// paragraph needs no `.PP` when it opens the section (`at_start`).
fn definitions(roff: &mut Roff, blocks: &[&Block], mut at_start: bool) {
    for block in blocks {
        if block.body.is_empty() {
            if !at_start {
                roff.control("PP", []);
            }
            roff.text(inline(&block.head));
        } else {
            roff.control("TP", []);
            roff.text([bold(&block.head)]);
            roff.text(inline(&block.body.join(" ")));
        }
        at_start = false;
    }
}

fn see_also(pages: &[String]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        let (name, section) = page.split_once('(').unwrap_or((page, ""));
        line.push(bold(name));
        line.push(roman(format!("({section}"))); // keeps `(1)` upright
    }
    roff.text(line);
    roff
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `dir` with `wanted` (or rewrites it when NOVA_IMAGES_BLESS=1): every generated
/// file must be there and current, and nothing else may be.
fn check_dir(dir: &str, wanted: &BTreeMap<String, Vec<u8>>) {
    let path = root().join(dir);
    let bless = std::env::var(BLESS).is_ok_and(|v| v == "1");
    let fix =
        format!("run `{BLESS}=1 cargo test --test integration generated::` and commit the result");
    let mut problems = Vec::new();
    if bless {
        std::fs::create_dir_all(&path).unwrap();
    }
    for (name, content) in wanted {
        let file = path.join(name);
        match std::fs::read(&file) {
            Ok(old) if old == *content => {}
            _ if bless => std::fs::write(&file, content).unwrap(),
            Ok(_) => problems.push(format!("{dir}/{name} is stale")),
            Err(_) => problems.push(format!("{dir}/{name} is missing")),
        }
    }
    for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
        // Directories are sources (man/src), not generated.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !wanted.contains_key(&name) {
            if bless {
                std::fs::remove_file(entry.path()).unwrap();
            } else {
                problems.push(format!(
                    "{dir}/{name} is not generated any more (no such command or shell)"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nThe clap definition in src/cli.rs changed: {fix}.",
        problems.join("\n")
    );
}

#[test]
fn completions_are_current() {
    check_dir("completions", &completions());
}

#[test]
fn man_pages_are_current() {
    check_dir("man", &man_pages());
}

#[test]
fn the_completion_command_prints_the_same_scripts_without_any_configuration() {
    let dir = tempfile::tempdir().unwrap();
    for shell in SHELLS {
        let name = shell.to_string();
        // No clouds.yaml anywhere and an unknown cloud: nothing is read, nothing is asked.
        let out = common::hermetic(dir.path())
            .env("OS_CLOUD", "nowhere")
            .env("OS_AUTH_URL", "http://192.0.2.1:1/v3")
            .args(["completion", &name])
            .assert()
            .success()
            .stderr("")
            .get_output()
            .stdout
            .clone();
        assert_eq!(out, script(shell), "{name}");
    }
    common::hermetic(dir.path())
        .args(["completion", "tcsh"])
        .assert()
        .code(2);
}

/// Runs `program args... FILE` on `content` in a temporary file; None when not installed.
fn run_on(program: &str, args: &[&str], content: &[u8]) -> Option<std::process::Output> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("script");
    std::fs::write(&file, content).unwrap();
    match Process::new(program).args(args).arg(&file).output() {
        Ok(output) => Some(output),
        Err(e) => {
            missing_tool(program, "loading a generated completion script", &e);
            None
        }
    }
}

fn assert_loads(program: &str, args: &[&str], shell: Shell) {
    if let Some(output) = run_on(program, args, &script(shell)) {
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{program} {args:?} rejects the {shell} script: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn bash_completion_parses_and_registers() {
    assert_loads("bash", &["-n"], Shell::Bash);
    let script = script(Shell::Bash);
    if let Some(output) = run_on(
        "bash",
        &["-c", "source \"$0\" && complete -p nova-images"],
        &script,
    ) {
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("nova-images"),
            "{output:?}"
        );
    }
}

/// What bash offers for the last of `words` (the word being completed, maybe empty).
fn bash_complete(words: &[&str]) -> Option<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source \"$0\"; COMP_WORDS=({}); COMP_CWORD={}; \
         _nova__images nova-images '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let output = run_on("bash", &["-c", &program], &script(Shell::Bash))?;
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn bash_completes_subcommands_options_and_values() {
    let Some(formats) = bash_complete(&["nova-images", "list", "-f", ""]) else {
        return;
    };
    assert_eq!(formats, "table\njson\nyaml\nvalue\ncsv\njsonl\n");
    assert_eq!(
        bash_complete(&["nova-images", "show", "x", "--format", ""]).unwrap(),
        "table\njson\nyaml\nvalue\ncsv\nshell\njsonl\n"
    );
    assert_eq!(
        bash_complete(&["nova-images", "list", "--sort-d"]).unwrap(),
        "--sort-descending\n"
    );
    assert_eq!(
        bash_complete(&["nova-images", "id-from-name", "--os-clo"]).unwrap(),
        "--os-cloud\n"
    );
    let shells = bash_complete(&["nova-images", "completion", ""]).unwrap();
    assert!(
        shells.ends_with("\nbash\nelvish\nfish\npowershell\nzsh\n"),
        "{shells}"
    );
}

#[test]
fn zsh_completion_parses() {
    assert_loads("zsh", &["-n"], Shell::Zsh);
}

#[test]
fn fish_completion_parses_and_completes() {
    assert_loads("fish", &["--no-execute"], Shell::Fish);
    let complete = |line: &str| {
        let program = format!("source $argv[1]; complete --do-complete '{line}'");
        let output = run_on("fish", &["-c", &program], &script(Shell::Fish))?;
        assert!(output.status.success(), "{output:?}");
        Some(String::from_utf8(output.stdout).unwrap())
    };
    let Some(formats) = complete("nova-images list -f ") else {
        return;
    };
    let names: Vec<&str> = formats
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, ["csv", "json", "jsonl", "table", "value", "yaml"]);
    let show = complete("nova-images show x -f ").unwrap();
    assert!(show.lines().any(|l| l.starts_with("shell\t")), "{show}");
}

#[test]
fn elvish_completion_compiles() {
    // The edit: module exists only in an interactive elvish: stand-ins for its two names
    // let the rest of the script compile.
    let script = String::from_utf8(script(Shell::Elvish)).unwrap();
    let standalone = format!(
        "var completer = [&]\nfn complex-candidate {{|text &display=''| }}\n{}",
        script
            .replace("edit:completion:arg-completer", "completer")
            .replace("edit:complex-candidate", "complex-candidate")
    );
    assert!(!standalone.contains("edit:"), "{standalone}");
    if let Some(output) = run_on("elvish", &["-compileonly"], standalone.as_bytes()) {
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "elvish rejects the script: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn powershell_completion_is_generated() {
    // PowerShell is not packaged by Debian, so the script cannot be loaded here.
    eprintln!("skipped: pwsh is not installable from Debian packages; only generated");
    assert!(String::from_utf8(script(Shell::PowerShell)).is_ok_and(|s| s.contains(BIN)));
}

/// Renders a page with groff, every warning on; Some(stderr) when groff ran.
fn groff_warnings(page: &[u8]) -> Option<String> {
    let child = Process::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            missing_tool(
                "groff (apt-get install groff-base)",
                "the man pages' rendering",
                &e,
            );
            return None;
        }
    };
    child.stdin.take().unwrap().write_all(page).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn every_man_page_renders_without_warnings() {
    for (name, page) in man_pages() {
        // Without groff, one skip (or failure) says so for all the pages.
        let Some(warnings) = groff_warnings(&page) else {
            break;
        };
        assert_eq!(warnings, "", "groff warns about man/{name}");
    }
}

#[test]
fn the_main_page_documents_exit_codes_environment_files_and_examples() {
    let page = String::from_utf8(man_pages()[&format!("{BIN}.1")].clone()).unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    for var in [
        "OS_CLOUD",
        "OS_AUTH_URL",
        "OS_PASSWORD",
        "NO_COLOR",
        "CLIFF_MAX_TERM_WIDTH",
        "CLIFF_FIT_WIDTH",
        "OS_CLIENT_CONFIG_FILE",
        "OS_CLIENT_SECURE_FILE",
        "OS_CLOUD_NAME",
        "XDG_CONFIG_HOME",
        "XDG_CONFIG_DIRS",
    ] {
        assert!(page.contains(&format!("\\fB{var}")), "{var} missing");
    }
    // Every variable an option reads is listed.
    let cmd = built_command();
    for arg in cmd.get_arguments() {
        if let Some(var) = arg.get_env().and_then(|v| v.to_str()) {
            assert!(page.contains(&format!("\\fB{var}\\fR")), "{var} missing");
        }
    }
    assert!(page.contains("\\fB130\\fR"));
    assert!(!page.contains(".SH EXTRA"));
    assert_eq!(page.matches(&Roff::new().render()).count(), 1);
}

#[test]
fn no_page_for_the_help_subcommand() {
    assert!(!man_pages().contains_key(&format!("{BIN}-help.1")));
}
