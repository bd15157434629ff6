//! The renderers end to end: each entry point in each format.

use super::*;

pub(super) fn image(id: &str, name: Option<&str>) -> Image {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": name, "status": "ACTIVE", "progress": 100, "minDisk": 1,
        "minRam": 64, "OS-EXT-IMG-SIZE:size": 1024, "created": "2024-01-01T00:00:00Z",
        "updated": null, "metadata": {"b": "2", "a": null}, "links": []
    }))
    .unwrap()
}

fn opts(format: Format, columns: &[&str]) -> OutputOpts {
    OutputOpts {
        columns: columns.iter().map(|s| s.to_string()).collect(),
        ..OutputOpts::new(format)
    }
}

/// A listing of `images` from one cloud, rendered whole.
fn render_list(images: &[Image], opts: &OutputOpts, term: &Terminal) -> Result<String> {
    let placed: Vec<_> = images.iter().map(|i| (None, i.clone())).collect();
    render_sorted(&placed, opts, term)
}

const PIPE: Terminal = Terminal {
    tty: false,
    width: None,
    stderr_width: None,
    colour: false,
};

#[test]
fn list_table_is_cliff_style() {
    let out = render_list(
        &[image("1", Some("cirros")), image("2", None)],
        &opts(Format::Table, &[]),
        &PIPE,
    )
    .unwrap();
    assert_eq!(
        out,
        "+----+--------+--------+\n\
         | ID | Name   | Status |\n\
         +----+--------+--------+\n\
         | 1  | cirros | ACTIVE |\n\
         | 2  |        | ACTIVE |\n\
         +----+--------+--------+\n"
    );
}

#[test]
fn columns_match_loosely_and_select_json_keys() {
    let out = render_list(
        &[image("1", Some("x"))],
        &opts(Format::Json, &["ID", "min_disk", "Min RAM", "size"]),
        &PIPE,
    )
    .unwrap();
    assert_eq!(
        out,
        "[\n  {\n    \"id\": \"1\",\n    \"minDisk\": 1,\n    \"minRam\": 64,\n    \"OS-EXT-IMG-SIZE:size\": 1024\n  }\n]\n"
    );
    let err = render_list(&[], &opts(Format::Json, &["nope"]), &PIPE).unwrap_err();
    assert_eq!(crate::app::report::exit_code(&err), 2);
    assert!(
        crate::app::report::hint(&err)
            .unwrap()
            .starts_with("valid columns: ID, Name, Status")
    );
}

#[test]
fn empty_list_is_an_empty_array_or_nothing() {
    for (format, want) in [
        (Format::Json, "[]\n"),
        (Format::Yaml, "[]\n"),
        (Format::Table, ""),
        (Format::Value, ""),
        (Format::Csv, "\"ID\",\"Name\",\"Status\"\n"),
    ] {
        assert_eq!(render_list(&[], &opts(format, &[]), &PIPE).unwrap(), want);
    }
    let empty = OutputOpts {
        print_empty: true,
        ..opts(Format::Table, &[])
    };
    assert_eq!(
        render_list(&[], &empty, &PIPE).unwrap(),
        "+----+------+--------+\n\
         | ID | Name | Status |\n\
         +----+------+--------+\n\
         +----+------+--------+\n"
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let out = render_list(
        &[image("1", Some("evil\u{1b}[2J\r\nname"))],
        &opts(Format::Table, &["name"]),
        &PIPE,
    )
    .unwrap();
    assert!(out.contains("| evil\\u{1b}[2J\\r\\nname |"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\r'));
}

#[test]
fn record_tables_keep_their_own_lines_and_escape_the_values() {
    let fields: Map<String, Value> = serde_json::from_value(serde_json::json!({
        "auth": {"url": "u\nforged", "a": null, "nested": {"y": 1, "x": "2"}},
        "name": "n\r",
    }))
    .unwrap();
    assert_eq!(
        render_record(&fields, RecordFormat::Table).unwrap(),
        "+-------+---------------+\n\
         | Field | Value         |\n\
         +-------+---------------+\n\
         | auth  | a=            |\n\
         |       | nested=x=2    |\n\
         |       | y=1           |\n\
         |       | url=u\\nforged |\n\
         | name  | n\\r           |\n\
         +-------+---------------+\n"
    );
}

#[test]
fn show_table_lists_metadata_sorted() {
    let out = render_show(
        &image("1", Some("x")),
        &opts(Format::Table, &["id", "metadata"]),
        &PIPE,
    )
    .unwrap();
    assert_eq!(
        out,
        "+----------+--------+\n\
         | Field    | Value  |\n\
         +----------+--------+\n\
         | ID       | 1      |\n\
         | Metadata | a=null |\n\
         |          | b=2    |\n\
         +----------+--------+\n"
    );
}

#[test]
fn a_map_renders_as_shell_variables() {
    let map = [("os_distro".to_owned(), "alpine".into())].into();
    let opts = OutputOpts::new(Format::Shell);
    assert_eq!(
        render_map(&map, &opts, &Terminal::default()).unwrap(),
        "os_distro='alpine'\n"
    );
}

#[test]
fn maps_render_in_key_order_in_every_format() {
    let map: Metadata = [
        ("os_distro".to_owned(), Value::from("alpine")),
        ("a key".to_owned(), Value::from("x, \"y\"")),
        ("hw:cpu_policy".to_owned(), Value::from("it's")),
        ("kernel_id".to_owned(), Value::Null),
    ]
    .into();
    let render = |format| render_map(&map, &opts(format, &[]), &PIPE).unwrap();
    assert_eq!(
        render(Format::Table),
        "+---------------+--------+\n\
         | Key           | Value  |\n\
         +---------------+--------+\n\
         | a key         | x, \"y\" |\n\
         | hw:cpu_policy | it's   |\n\
         | kernel_id     | null   |\n\
         | os_distro     | alpine |\n\
         +---------------+--------+\n"
    );
    assert_eq!(
        render(Format::Json),
        "{\n  \"a key\": \"x, \\\"y\\\"\",\n  \"hw:cpu_policy\": \"it's\",\n  \
         \"kernel_id\": null,\n  \"os_distro\": \"alpine\"\n}\n"
    );
    assert_eq!(
        render(Format::Yaml),
        "a key: x, \"y\"\nhw:cpu_policy: it's\nkernel_id: null\nos_distro: alpine\n"
    );
    assert_eq!(render(Format::Value), "x, \"y\"\nit's\n\nalpine\n");
    assert_eq!(
        render(Format::Csv),
        "\"Key\",\"Value\"\n\"a key\",\"x, \"\"y\"\"\"\n\"hw:cpu_policy\",\"it's\"\n\
         \"kernel_id\",\"\"\n\"os_distro\",\"alpine\"\n"
    );
    assert_eq!(
        render(Format::Shell),
        "a_key='x, \"y\"'\nhw_cpu_policy='it'\\''s'\nkernel_id=''\nos_distro='alpine'\n"
    );
    let empty = Metadata::new();
    assert_eq!(
        render_map(&empty, &opts(Format::Json, &[]), &PIPE).unwrap(),
        "{}\n"
    );
    assert_eq!(
        render_map(&empty, &opts(Format::Table, &[]), &PIPE).unwrap(),
        "+-----+-------+\n| Key | Value |\n+-----+-------+\n+-----+-------+\n"
    );
}

/// Everything `rows` renders, read back.
fn field_rows(
    headers: &[&str],
    rows: &[Vec<(&str, Option<&str>)>],
    format: RecordFormat,
) -> String {
    let mut render = FieldRows::new(headers, format).unwrap();
    for row in rows {
        render.row(row).unwrap();
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut render.finish().unwrap(), &mut text).unwrap();
    text
}

#[test]
fn field_rows_are_the_bytes_of_render_rows() {
    let long = "n".repeat(300);
    let rows: Vec<Vec<(&str, Option<&str>)>> = vec![
        vec![
            ("cloud", Some("a")),
            ("region", None),
            ("name", Some("ci")),
            ("result", None),
        ],
        vec![
            ("cloud", Some("b")),
            ("region", Some("R1")),
            ("name", Some("x\n| fake | row |")),
            ("result", Some("failed: \"quoted\"\u{1b}[2J")),
        ],
        vec![
            ("cloud", Some("")),
            ("region", Some("日本")),
            ("name", Some(&long)),
            ("result", Some("deleted")),
        ],
    ];
    let headers = ["Cloud", "Region", "Name", "Result"];
    for format in [RecordFormat::Table, RecordFormat::Json, RecordFormat::Yaml] {
        for n in 0..=rows.len() {
            let maps: Vec<Map<String, Value>> = (rows[..n].iter())
                .map(|row| {
                    (row.iter())
                        .map(|(k, v)| ((*k).to_owned(), v.map_or(Value::Null, Value::from)))
                        .collect()
                })
                .collect();
            let whole = render_rows(&headers, &maps, format).unwrap();
            assert_eq!(
                field_rows(&headers, &rows[..n], format),
                whole,
                "{format:?} {n}"
            );
        }
    }
}
