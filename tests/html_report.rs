//! The HTML report (`--format html`): its content checked against the JSON output of the same
//! run, its escaping of untrusted text, and, when Chromium is installed, the page as a browser
//! sees it after its script ran (no script error, counts on the page equal to the JSON's).

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn html(args: &[&str]) -> String {
    let mut a = args.to_vec();
    a.extend(["--format", "html"]);
    stdout(&cefrlint(&a))
}

/// The opening tag of the first element whose tag contains `marker` (`id="js-check"`).
fn tag<'a>(dom: &'a str, marker: &str) -> &'a str {
    let at = dom
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in the page"));
    let start = dom[..at].rfind('<').expect("tag start");
    let end = at + dom[at..].find('>').expect("tag end");
    &dom[start..=end]
}

/// The value of attribute `name` in an opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// The number shown in a summary tile (`data-stat="findings"`).
fn stat(page: &str, key: &str) -> u64 {
    let marker = format!("data-stat=\"{key}\"><b>");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {key} tile"))
        + marker.len();
    let end = at + page[at..].find('<').unwrap();
    page[at..end].parse().unwrap()
}

/// Counts of (declared, estimated) level pairs among the JSON output's items.
fn level_pairs(v: &serde_json::Value) -> BTreeMap<(String, String), u64> {
    let mut m = BTreeMap::new();
    for i in v["items"].as_array().unwrap() {
        if let (Some(d), Some(e)) = (i["declared_level"].as_str(), i["estimated_level"].as_str()) {
            *m.entry((d.to_string(), e.to_string())).or_default() += 1;
        }
    }
    m
}

/// What every rendering of a run must show, as the JSON output of that run counts it.
fn assert_matches_json(page: &str, v: &serde_json::Value) {
    let s = &v["summary"];
    for key in ["files", "items", "findings"] {
        assert_eq!(stat(page, key), s[key].as_u64().unwrap(), "{key}");
    }
    for sev in ["error", "warning", "info"] {
        assert_eq!(
            stat(page, sev),
            s["by_severity"][sev].as_u64().unwrap(),
            "{sev}"
        );
    }
    assert_eq!(
        page.matches("<article class=\"finding ").count() as u64,
        s["findings"].as_u64().unwrap()
    );
    for (code, n) in s["by_rule"].as_object().unwrap() {
        let row = format!("<tr data-rule=\"{code}\">");
        let at = page.find(&row).unwrap_or_else(|| panic!("no row {code}")) + row.len();
        let cell = "<td class=\"n\">";
        let from = at + page[at..].find(cell).unwrap() + cell.len();
        let to = from + page[from..].find('<').unwrap();
        assert_eq!(page[from..to].parse::<u64>().unwrap(), n.as_u64().unwrap());
    }
    // The matrix: every pair counted, and nothing else.
    let pairs = level_pairs(v);
    let mut total = 0;
    for d in ["A1", "A2", "B1", "B2", "C1", "C2"] {
        for e in ["A1", "A2", "B1", "B2", "C1", "C2"] {
            let t = tag(
                page,
                &format!("data-declared=\"{d}\" data-estimated=\"{e}\""),
            );
            let at = page.find(t).unwrap() + t.len();
            let n: u64 = page[at..at + page[at..].find('<').unwrap()]
                .parse()
                .unwrap();
            assert_eq!(
                n,
                pairs.get(&(d.into(), e.into())).copied().unwrap_or(0),
                "{d} {e}"
            );
            total += n;
        }
    }
    let in_matrix = tag(page, "data-stat=\"in-matrix\"");
    let at = page.find(in_matrix).unwrap() + in_matrix.len();
    assert_eq!(
        page[at..at + page[at..].find('<').unwrap()]
            .parse::<u64>()
            .unwrap(),
        total
    );
    // Every finding's place is shown as file:line:column.
    for f in findings(v) {
        let loc = format!(
            "{}:{}:{}",
            f["file"].as_str().unwrap(),
            f["line"],
            f["column"]
        );
        assert!(page.contains(&loc), "{loc} not in the page");
    }
}

#[test]
fn html_report_counts_match_the_json_output() {
    let page = html(&["check", "corpora"]);
    let (v, _) = json(&["check", "corpora"]);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\""));
    assert!(page.trim_end().ends_with("</html>"));
    assert_matches_json(&page, &v);
    // What every finding points at, and every word or structure of its evidence, is marked
    // in its source line.
    let mut checked = 0;
    for f in findings(&v) {
        let text = pointed_text(f);
        if f["line"] == f["end_line"] && !text.is_empty() {
            let mark = format!("<mark>{}</mark>", esc(&text));
            assert!(page.contains(&mark), "{mark} not in the page");
            checked += 1;
        }
        for e in f["evidence"].as_array().unwrap() {
            if e["line"].is_u64() && e["line"] == e["end_line"] {
                let mark = format!("<mark>{}</mark>", esc(e["text"].as_str().unwrap()));
                assert!(page.contains(&mark), "{mark} not in the page");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

/// Text as HTML (written here again, not taken from the code under test).
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn html_report_in_french() {
    let page = html(&["--locale", "fr", "check", "corpora/fr"]);
    let (v, _) = json(&["--locale", "fr", "check", "corpora/fr"]);
    assert!(page.contains("<html lang=\"fr\""));
    assert!(page.contains("Rapport CECRL"));
    assert!(page.contains("Signalements par fichier"));
    assert_matches_json(&page, &v);
    // Messages in French, as in the JSON output.
    let m = findings(&v)[0]["message"].as_str().unwrap();
    let first = m.split('`').next().unwrap();
    assert!(page.contains(&first.replace('\'', "&#39;")), "{first}");
}

#[test]
fn html_report_is_deterministic_whatever_the_thread_count() {
    let one = html(&["check", "corpora", "--jobs", "1"]);
    let four = html(&["check", "corpora", "--jobs", "4"]);
    assert!(one == four, "the pages differ with --jobs 1 and 4");
}

#[test]
fn untrusted_markup_is_shown_escaped() {
    let page = html(&["check", "tests/fixtures/html/markup.yaml"]);
    // Three scripts, all cefrlint's: the error recorder, the data, the filters.
    assert_eq!(page.matches("<script").count(), 3, "{page}");
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<b>t1</b>"));
    // The text line, with the C1 word marked, markup escaped.
    assert!(page.contains(
        "&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt; Dogs are <mark>ubiquitous</mark> in our street."
    ));
    // The lesson id in the bars and the item id of the findings.
    assert!(page.contains("&lt;script&gt;alert(&#39;lesson id&#39;)&lt;/script&gt;"));
    assert!(page.contains("<code>&lt;b&gt;t1&lt;/b&gt;</code>"));
}

#[test]
fn paths_that_cannot_be_read_are_listed() {
    let o = cefrlint(&[
        "check",
        "no/such/folder",
        "corpora/en/clean",
        "--format",
        "html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let page = stdout(&o);
    let errors = page
        .split("<ul class=\"errors\">")
        .nth(1)
        .expect("the list");
    assert!(errors
        .split("</ul>")
        .next()
        .unwrap()
        .contains("no/such/folder"));
    assert_eq!(stat(&page, "unreadable"), 1);
    assert!(page.contains("<code>no/such/folder</code> <code>corpora/en/clean</code>"));
}

#[test]
fn output_option_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let o = cefrlint(&[
        "check",
        "corpora/en/clean",
        "--format",
        "html",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, html(&["check", "corpora/en/clean"]));
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Chromium, when installed (`CHROMIUM` names another binary).
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on a local page with `extra` arguments; returns its stdout.
fn run_chromium(bin: &Path, page: impl AsRef<Path>, extra: &[String]) -> String {
    let page = page.as_ref();
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

fn check_in_browser(bin: &Path, locale: &str, paths: &str, shown: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("report-{locale}.html"));
    let o = cefrlint(
        &[
            "--locale", locale, "check", paths, "--format", "html", "--output",
        ]
        .iter()
        .copied()
        .chain([file.to_str().unwrap()])
        .collect::<Vec<_>>(),
    );
    assert!(o.status.code().is_some_and(|c| c < 2));
    let (v, _) = json(&["--locale", locale, "check", paths]);
    let dom = run_chromium(bin, &file, &["--dump-dom".to_string()]);
    let root = tag(&dom, "<html");
    assert_eq!(attr(root, "lang"), Some(locale));
    assert_eq!(attr(root, "data-errors"), Some(""), "script errors");
    assert_eq!(
        attr(root, "data-ready"),
        Some("1"),
        "the script did not finish"
    );
    // What the script counted on the page agrees with the embedded summary and the JSON.
    let check = tag(&dom, "id=\"js-check\"");
    assert_eq!(attr(check, "data-consistent"), Some("1"), "{check}");
    let s = &v["summary"];
    assert_eq!(
        attr(check, "data-findings").map(|n| n.parse::<u64>().unwrap()),
        s["findings"].as_u64()
    );
    for sev in ["error", "warning", "info"] {
        let n = s["by_severity"][sev].as_u64().unwrap();
        if n > 0 {
            assert_eq!(
                attr(check, &format!("data-{sev}")),
                Some(n.to_string().as_str())
            );
        }
    }
    // The filters are shown, with every finding.
    assert!(!tag(&dom, "id=\"filters\"").contains(" hidden"));
    let n = s["findings"].to_string();
    let expected = shown.replace("{n}", &n);
    assert!(dom.contains(&expected), "no `{expected}` on the page");
    // (The class never ends an element's class list but when it is set.)
    assert!(!dom.contains("hidden-by-filter\">"), "a finding is hidden");
    assert_matches_json(&dom, &v);

    // Filters set from the address: warnings hidden, the rest shown.
    let url_hidden = run_chromium(
        bin,
        format!("{}#hide=warning", file.display()),
        &["--dump-dom".to_string()],
    );
    let warnings = s["by_severity"]["warning"].as_u64().unwrap();
    let total = s["findings"].as_u64().unwrap();
    assert!(warnings > 0);
    assert_eq!(
        url_hidden
            .matches("data-severity=\"warning\" data-category=")
            .count(),
        url_hidden
            .matches(" hidden-by-filter\" data-severity=\"warning\"")
            .count(),
        "every warning hidden"
    );
    assert_eq!(
        url_hidden
            .matches(" hidden-by-filter\" data-severity=")
            .count() as u64,
        warnings
    );
    let shown_now = shown
        .replacen("{n}", &(total - warnings).to_string(), 1)
        .replace("{n}", &total.to_string());
    assert!(url_hidden.contains(&shown_now), "no `{shown_now}`");

    // A screenshot, to look at (and proof that the page renders).
    let png = std::env::temp_dir().join(format!("cefrlint-html-report-{locale}.png"));
    let _ = std::fs::remove_file(&png);
    run_chromium(
        bin,
        &file,
        &[
            "--window-size=1280,2400".to_string(),
            format!("--screenshot={}", png.display()),
        ],
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG\r\n"), "not a PNG");
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn html_report_in_a_browser() {
    let Some(bin) = chromium() else {
        // CI installs Chromium (.ci/run) and asks for this test to run.
        assert!(
            std::env::var_os("CEFRLINT_REQUIRE_BROWSER").is_none(),
            "CEFRLINT_REQUIRE_BROWSER is set but chromium is not installed"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    check_in_browser(&bin, "en", "corpora", "{n} of {n} findings shown");
    check_in_browser(&bin, "fr", "corpora", "{n} signalements affichés sur {n}");
}

/// The page without its stylesheet and script bodies (they are assets, not the structure).
fn structure(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    for (open, close) in [("<style>\n", "</style>"), ("<script>\n", "</script>")] {
        let Some(a) = rest.find(open) else { continue };
        let b = a + rest[a..].find(close).unwrap();
        out.push_str(&rest[..a + open.len()]);
        out.push_str("[asset]\n");
        rest = &rest[b..];
    }
    out.push_str(rest);
    out.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn html_report_structure_snapshot() {
    insta::assert_snapshot!(structure(&html(&[
        "check",
        "tests/fixtures/html/markup.yaml"
    ])));
}
