//! What `strata docs` puts on its pages, on a small PostgreSQL schema with
//! one of everything a page shows: the table page (columns with type,
//! nullability, default and comment, the table comment near the top,
//! constraints, indexes, relationships both ways, triggers, a neighbour
//! diagram) and the view, function, enum and sequence pages. Also
//! `inspect --format mermaid --table GLOB`.

mod common;

use common::run;
use std::path::Path;
use strata_model::Dialect;
use strata_testkit::TestDb;

const CRM: &str = "
CREATE SCHEMA crm;
CREATE TYPE crm.tier AS ENUM ('bronze', 'silver', 'gold');
CREATE SEQUENCE crm.ticket_no START WITH 1000 INCREMENT BY 5;
CREATE FUNCTION crm.stamp() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE FUNCTION crm.discount(t crm.tier) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE t WHEN 'gold' THEN 20 ELSE 0 END $$;
CREATE TABLE crm.region (id integer PRIMARY KEY, label text);
CREATE TABLE crm.account (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    tier crm.tier NOT NULL DEFAULT 'bronze',
    email text,
    region_id integer CONSTRAINT account_region_fk REFERENCES crm.region (id) ON DELETE SET NULL,
    updated_at timestamptz,
    CONSTRAINT account_email_key UNIQUE (email),
    CONSTRAINT account_name_nonempty CHECK (name <> ''));
COMMENT ON TABLE crm.account IS 'Customers we bill every month';
COMMENT ON COLUMN crm.account.email IS 'Billing contact address';
CREATE INDEX account_tier_idx ON crm.account (tier);
CREATE TRIGGER account_stamp BEFORE UPDATE ON crm.account
    FOR EACH ROW EXECUTE FUNCTION crm.stamp();
CREATE TABLE crm.ticket (
    no integer PRIMARY KEY DEFAULT nextval('crm.ticket_no'),
    account_id bigint NOT NULL CONSTRAINT ticket_account_fk REFERENCES crm.account (id) ON DELETE CASCADE);
CREATE VIEW crm.gold_accounts AS SELECT id, name FROM crm.account WHERE tier = 'gold';
";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of some HTML: tags become spaces, entities are decoded and
/// white space is collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The HTML between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).map(|i| i + end.len()).unwrap_or(rest.len())]
}

/// The text of the `<section>` whose heading starts with `heading`.
fn section(html: &str, heading: &str) -> String {
    text(between(html, &format!("<h2>{heading}"), "</section>"))
}

/// The text of the column row whose name is `column`.
fn column_row(html: &str, column: &str) -> String {
    let cell = format!("<strong>{column}</strong>");
    let at = html
        .find(&cell)
        .unwrap_or_else(|| panic!("no column {column}"));
    let start = html[..at].rfind("<tr").expect("a row");
    text(between(&html[start..], "<tr", "</tr>"))
}

#[tokio::test]
async fn docs_pages_show_everything_about_each_object() {
    let db = TestDb::create(strata_engine::driver_for(Dialect::Postgres)).await;
    db.load(CRM, "crm").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    run(
        dir.path(),
        &["docs", &db.url.expose(), "--out", out.to_str().unwrap()],
        0,
    );
    let crm = out.join("schemas/crm");

    // The table page.
    let page = read(&crm.join("tables/account.html"));
    let all = text(&page);
    let comment = all
        .find("Customers we bill every month")
        .expect("the table comment is shown");
    let columns = all.find("Columns").expect("a Columns section");
    assert!(
        comment < columns,
        "the comment comes before the columns: {all}"
    );
    assert!(
        page.contains("<div class=\"comment\"><p>Customers we bill every month</p></div>"),
        "the comment stands out: {page}"
    );
    let name = column_row(&page, "name");
    assert!(name.contains("text") && name.contains("not null"), "{name}");
    let tier = column_row(&page, "tier");
    assert!(tier.contains("crm.tier"), "{tier}");
    assert!(tier.contains("not null"), "{tier}");
    assert!(tier.contains("'bronze'"), "the default: {tier}");
    let email = column_row(&page, "email");
    assert!(email.contains("text"), "{email}");
    assert!(email.contains("yes"), "nullable: {email}");
    assert!(email.contains("Billing contact address"), "{email}");
    let region = column_row(&page, "region_id");
    assert!(
        region.contains("integer") && region.contains("region"),
        "{region}"
    );

    let constraints = section(&page, "Constraints");
    assert!(
        constraints.contains("account_name_nonempty"),
        "{constraints}"
    );
    assert!(constraints.contains("name <> ''"), "{constraints}");
    assert!(constraints.contains("account_email_key"), "{constraints}");
    let indexes = section(&page, "Indexes");
    assert!(
        indexes.contains("account_tier_idx") && indexes.contains("tier"),
        "{indexes}"
    );
    let outgoing = section(&page, "References");
    assert!(outgoing.contains("account_region_fk"), "{outgoing}");
    assert!(
        outgoing.contains("region") && outgoing.contains("on delete set null"),
        "{outgoing}"
    );
    let incoming = section(&page, "Referenced by");
    assert!(incoming.contains("ticket_account_fk"), "{incoming}");
    assert!(
        incoming.contains("ticket") && incoming.contains("on delete cascade"),
        "{incoming}"
    );
    let triggers = section(&page, "Triggers");
    assert!(triggers.contains("account_stamp"), "{triggers}");
    assert!(triggers.contains("crm.stamp()"), "{triggers}");
    let diagram = between(&page, "<div class=\"diagram small\"", "</div>");
    assert!(diagram.contains("<svg"), "{diagram}");
    for neighbour in ["account", "region", "ticket"] {
        assert!(diagram.contains(neighbour), "{neighbour} in {diagram}");
    }
    assert!(!diagram.contains("gold_accounts"), "{diagram}");

    // The view: its definition and the table it reads.
    let view = read(&crm.join("views/gold_accounts.html"));
    let reads = section(&view, "Reads");
    assert!(reads.contains("account"), "{reads}");
    // The link to the table it reads leads to the table's page.
    let end = view.find("account.html\"").expect("a link to account") + "account.html".len();
    let start = view[..end].rfind("href=\"").expect("an href") + "href=\"".len();
    let href = view[start..end].replace("&#x2f;", "/");
    assert!(href.ends_with("tables/account.html"), "{href}");
    assert!(
        crm.join("views").join(&href).is_file(),
        "{href} leads nowhere"
    );
    let definition = section(&view, "Definition");
    assert!(definition.contains("'gold'"), "{definition}");

    // The functions: one page each, with signature, return type, language
    // and body.
    let routines: Vec<_> = std::fs::read_dir(crm.join("routines"))
        .expect("a routines folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(routines.len(), 2, "{routines:?}");
    let discount = routines
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("discount")
        })
        .unwrap_or_else(|| panic!("no discount page in {routines:?}"));
    let discount = text(&read(discount));
    assert!(discount.contains("t crm.tier"), "{discount}");
    assert!(discount.contains("returns integer"), "{discount}");
    assert!(discount.contains("language sql"), "{discount}");
    assert!(discount.contains("WHEN 'gold' THEN 20"), "{discount}");
    let stamp = routines
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("stamp")
        })
        .unwrap_or_else(|| panic!("no stamp page in {routines:?}"));
    let stamp = read(stamp);
    assert!(
        section(&stamp, "Called by triggers").contains("account_stamp"),
        "{stamp}"
    );

    // The enum: its values and the columns that use it.
    let tier = read(&crm.join("types/tier.html"));
    assert!(
        section(&tier, "Values").contains("bronze silver gold"),
        "{tier}"
    );
    assert!(
        section(&tier, "Columns of this type").contains("account"),
        "{tier}"
    );

    // The sequence: its options.
    let seq = text(&read(&crm.join("sequences/ticket_no.html")));
    assert!(seq.contains("ticket_no"), "{seq}");
    assert!(seq.contains("1000") && seq.contains('5'), "{seq}");
}

#[tokio::test]
async fn mermaid_table_globs_limit_the_diagram() {
    let db = TestDb::create(strata_engine::driver_for(Dialect::Postgres)).await;
    db.load(CRM, "crm").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.expose();
    let entity = |name: &str| format!("{name}\" {{");
    let full = run(dir.path(), &["inspect", &url, "--format", "mermaid"], 0);
    for t in ["account", "region", "ticket"] {
        assert!(full.contains(&entity(t)), "{t} in {full}");
    }

    let one = run(
        dir.path(),
        &["inspect", &url, "--format", "mermaid", "--table", "acc*"],
        0,
    );
    assert!(one.starts_with("erDiagram\n"), "{one}");
    assert!(one.contains(&entity("account")), "{one}");
    assert!(!one.contains(&entity("region")), "{one}");
    assert!(!one.contains(&entity("ticket")), "{one}");
    assert!(
        !one.contains("account_region_fk"),
        "no edge to a hidden table: {one}"
    );

    let two = run(
        dir.path(),
        &[
            "inspect", &url, "--format", "mermaid", "--table", "acc*", "--table", "reg*",
        ],
        0,
    );
    assert!(
        two.contains(&entity("account")) && two.contains(&entity("region")),
        "{two}"
    );
    assert!(!two.contains(&entity("ticket")), "{two}");
    assert!(
        two.contains("account_region_fk"),
        "the edge between them: {two}"
    );
    assert!(!two.contains("ticket_account_fk"), "{two}");
}
