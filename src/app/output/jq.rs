//! `--jq EXPR`: a jq filter over the JSON a command writes, with the jaq crates, so that
//! scripts need no jq binary. Each result goes on its own line as gh writes them: a string
//! as it is, any other value as compact JSON.
//!
//! The input is the JSON text a command would print (`-f json`: one document; `-f jsonl`:
//! each line, as it comes), read back into jaq's values, so the filter sees exactly what
//! `-f json` shows. The expression is compiled (and jaq's standard library with it) only
//! when `--jq` is given, before any request: a syntax error is a usage error naming the
//! position.

use std::io::{BufRead, Write};

use jaq_core::load::{self, Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, compile, data};
use jaq_json::Val;

use crate::app::failure::{Failure, Result};

type Data = data::JustLut<Val>;

/// The most characters of a runtime error's message (jaq writes the values it is about).
const MAX_MESSAGE: usize = 240;

/// A compiled jq filter.
pub struct Filter {
    filter: jaq_core::Filter<Data>,
}

impl Filter {
    /// Compiles `expr` with jq's standard library; a syntax error or an undefined name is
    /// a usage error saying where.
    pub fn compile(expr: &str) -> Result<Filter> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let program = File {
            code: expr,
            path: (),
        };
        let modules = Loader::new(defs)
            .load(&arena, program)
            .map_err(|errors| invalid(expr, load_error(errors)))?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| invalid(expr, compile_error(errors)))?;
        Ok(Filter { filter })
    }

    /// Runs the filter on each JSON value in `json` (one document, or JSON Lines), writing
    /// every result to `out` as a line. On a runtime error the lines written before it are
    /// whole, and the error says what went wrong.
    pub fn run(&self, json: &[u8], out: &mut impl Write) -> Result<()> {
        for value in jaq_json::read::parse_many(json) {
            let value = value.map_err(|e| unreadable(&e.to_string()))?;
            if !self.run_value(value, out)? {
                break;
            }
        }
        Ok(())
    }

    /// [`Filter::run`] on JSON read from `reader` (a spooled listing), value by value.
    pub fn run_reader(&self, reader: impl BufRead, out: &mut impl Write) -> Result<()> {
        for value in jaq_json::read::read_many(reader) {
            let value = value.map_err(|e| unreadable(&e.to_string()))?;
            if !self.run_value(value, out)? {
                break;
            }
        }
        Ok(())
    }

    /// The filter's results for one input, each written as a line; false when the filter
    /// halted (`halt`: nothing more is to be written).
    fn run_value(&self, input: Val, out: &mut impl Write) -> Result<bool> {
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, input)) {
            let value = match result {
                Ok(value) => value,
                Err(exception) => return stopped(exception),
            };
            line(&value, out).map_err(|e| Failure::io("cannot write to stdout", e))?;
        }
        Ok(true)
    }
}

/// What an exception of the filter means: `halt` (or `halt(0)`) ends the output, any
/// other halt or error is the run's error. jaq's own `unwrap_valr` would exit the process.
fn stopped(exception: jaq_core::Exn<'_, Val>) -> Result<bool> {
    let message = match exception.get_err() {
        // The value in an error can be a whole listing: the line keeps its start.
        Ok(error) => shorten(&error.to_string(), MAX_MESSAGE),
        Err(exception) => match exception.get_halt() {
            Ok(0) => return Ok(false),
            Ok(code) => format!("halted with exit code {code}"),
            Err(_) => "the filter stopped unexpectedly".to_owned(),
        },
    };
    Err(Failure::Jq { message })
}

/// One result: a string as it is, anything else as compact JSON; then a line break.
fn line(value: &Val, out: &mut impl Write) -> std::io::Result<()> {
    match value {
        Val::TStr(text) | Val::BStr(text) => out.write_all(text)?,
        other => jaq_json::write::write(out, &jaq_json::write::Pp::default(), 0, other)?,
    }
    out.write_all(b"\n")
}

/// JSON of our own that jaq cannot read (never expected).
fn unreadable(error: &str) -> Failure {
    Failure::Jq {
        message: format!("cannot read the JSON to filter: {error}"),
    }
}

/// A usage error about the expression: what is wrong and where.
fn invalid(expr: &str, (what, found): (String, Option<&str>)) -> Failure {
    let place = found.and_then(|found| offset(expr, found)).map(|at| {
        let (line, column) = position(expr, at);
        let token = found.unwrap_or_default();
        let found = match token.chars().next() {
            None => " (at the end)".to_owned(),
            Some(_) => format!(" (found {:?})", shorten(token, 20)),
        };
        match expr.contains('\n') {
            true => format!(" at line {line}, column {column}{found}"),
            false => format!(" at column {column}{found}"),
        }
    });
    Failure::usage(
        format!(
            "invalid --jq expression: {what}{}",
            place.unwrap_or_default()
        ),
        Some("the jq language: https://jqlang.org/manual/".into()),
    )
}

/// The byte offset of `part` in `whole`, when it is a slice of it (jaq's errors point into
/// the expression that way).
fn offset(whole: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (start + part.len() <= whole.len()).then_some(start)
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
    (line, column)
}

/// `text` cut to at most `max` characters, with `…` after a cut.
fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    match chars.next() {
        Some(_) => head + "…",
        None => head,
    }
}

/// The first load (lex or parse) error: what was expected, and the text it found.
fn load_error(errors: load::Errors<&str, ()>) -> (String, Option<&str>) {
    let first = errors.into_iter().next().map(|(_, error)| error);
    match first {
        Some(load::Error::Lex(errors)) => match errors.into_iter().next() {
            Some((expected, found)) => (format!("expected {}", lexed(&expected)), Some(found)),
            None => ("cannot read it".into(), None),
        },
        Some(load::Error::Parse(errors)) => match errors.into_iter().next() {
            Some((expected, found)) => (format!("expected {}", expected.as_str()), Some(found)),
            None => ("cannot read it".into(), None),
        },
        Some(load::Error::Io(errors)) => match errors.into_iter().next() {
            Some((path, _)) => ("modules cannot be loaded".into(), Some(path)),
            None => ("modules cannot be loaded".into(), None),
        },
        None => ("cannot read it".into(), None),
    }
}

/// What the lexer expected, in words (jaq's own `as_str` panics on an unknown delimiter).
fn lexed(expected: &load::lex::Expect<&str>) -> String {
    use load::lex::Expect;
    match expected {
        Expect::Digit => "a digit".into(),
        Expect::Ident => "an identifier".into(),
        Expect::Delim("(") => "a closing parenthesis".into(),
        Expect::Delim("[") => "a closing bracket".into(),
        Expect::Delim("{") => "a closing brace".into(),
        Expect::Delim("\"") => "a closing quote".into(),
        Expect::Delim(open) => format!("the end of {open}"),
        Expect::Escape => "a string escape sequence".into(),
        Expect::Unicode => "a 4-digit hexadecimal code point".into(),
        Expect::Token => "a token".into(),
        _ => "something else".into(),
    }
}

/// The first name the compiler did not know.
fn compile_error(errors: compile::Errors<&str, ()>) -> (String, Option<&str>) {
    let first = (errors.into_iter()).flat_map(|(_, errors)| errors).next();
    match first {
        Some((name, compile::Undefined::Filter(arity))) => {
            (format!("undefined filter {name}/{arity}"), Some(name))
        }
        Some((name, undefined)) => (
            format!("undefined {} {name}", undefined.as_str()),
            Some(name),
        ),
        None => ("cannot compile it".into(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(expr: &str, json: &str) -> (String, Option<String>) {
        let filter = Filter::compile(expr).unwrap();
        let mut out = Vec::new();
        let result = filter.run(json.as_bytes(), &mut out);
        (
            String::from_utf8(out).unwrap(),
            result.err().map(|e| e.to_string()),
        )
    }

    fn syntax(expr: &str) -> String {
        match Filter::compile(expr) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{expr} compiled"),
        }
    }

    #[test]
    fn strings_are_raw_other_values_compact_json_one_per_line() {
        let json = r#"[{"id": "a", "n": 1, "p": {"k": [true, null]}}, {"id": "b\nc", "n": 2.5}]"#;
        assert_eq!(run(".[] | .id", json).0, "a\nb\nc\n");
        assert_eq!(run(".[0].p", json).0, "{\"k\":[true,null]}\n");
        assert_eq!(run("length, .[].n", json).0, "2\n1\n2.5\n");
        assert_eq!(run("empty", json).0, "");
        assert_eq!(run(".", "[]").0, "[]\n");
    }

    #[test]
    fn json_lines_are_each_an_input() {
        let lines = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n";
        assert_eq!(run(".id", lines).0, "a\nb\n");
        let filter = Filter::compile("{id}").unwrap();
        let mut out = Vec::new();
        filter
            .run_reader(std::io::Cursor::new(lines), &mut out)
            .unwrap();
        assert_eq!(out, b"{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
    }

    #[test]
    fn a_runtime_error_follows_the_whole_lines_before_it() {
        let (out, error) = run(".[] | .name | .x", r#"[{"name": {"x": 1}}, {"name": "s"}]"#);
        assert_eq!(out, "1\n");
        assert_eq!(error.as_deref(), Some(r#"--jq: cannot index "s" with "x""#));
        let (_, error) = run(r#"error("a\nb")"#, "null");
        assert_eq!(error.as_deref(), Some(r#"--jq: "a\nb""#));
        let long = format!("[{}]", vec!["\"xxxxxxxxxx\""; 100].join(","));
        let (_, error) = run(".x", &long);
        let error = error.unwrap_or_default();
        assert!(
            error.starts_with("--jq: cannot index [\"xxxxxxxxxx\","),
            "{error}"
        );
        assert!(
            error.ends_with("…") && error.chars().count() == 6 + MAX_MESSAGE + 1,
            "{error}"
        );
    }

    #[test]
    fn halt_ends_the_output_and_a_halt_with_a_code_is_an_error() {
        assert_eq!(
            run(".[] | if . == 2 then halt else . end", "[1,2,3]\n[4]"),
            ("1\n".into(), None)
        );
        let (out, error) = run("1, halt_error(3)", "null");
        assert_eq!(out, "1\n");
        assert_eq!(error.as_deref(), Some("--jq: halted with exit code 3"));
    }

    #[test]
    fn syntax_errors_say_where() {
        assert_eq!(
            syntax(".[] | select(.status ==)"),
            "invalid --jq expression: expected term at column 24 (found \")\")"
        );
        assert_eq!(
            syntax(".[] |"),
            "invalid --jq expression: expected term at column 6 (at the end)"
        );
        assert_eq!(
            syntax("[.a"),
            "invalid --jq expression: expected a closing bracket at column 4 (at the end)"
        );
        assert_eq!(
            syntax(".a |\n nosuch(1)"),
            "invalid --jq expression: undefined filter nosuch/1 at line 2, column 2 (found \"nosuch\")"
        );
        assert_eq!(
            syntax("$nope"),
            "invalid --jq expression: undefined variable $nope at column 1 (found \"$nope\")"
        );
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("é.a", 2), (1, 2));
        assert_eq!(position("a\nbc", 3), (2, 2));
        assert_eq!(offset("abc", "x"), None);
    }
}
