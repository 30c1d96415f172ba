//! `strata docs` and the diagram formats of `strata inspect`.

use super::{CliError, source_options, source_or_env};
use crate::Outcome;
use crate::cli::{DocsArgs, DocsFormat, InspectArgs, InspectFormat};
use strata_docs::{DocsError, Format, Graph, Notes, Selection};
use strata_model::Realm;

pub async fn run(args: DocsArgs) -> Result<Outcome, CliError> {
    let source = source_or_env(args.source.as_deref())?;
    let options = source_options(&args.filter, &args.dev, false)?;
    // The notes file is read before the source: a typo in it should fail
    // before a slow inspection.
    let notes_path = args.notes.clone().or_else(|| {
        let default = args.out.join(strata_docs::notes::DEFAULT_FILE);
        default.is_file().then_some(default)
    });
    let notes = match &notes_path {
        Some(p) => Notes::load(p).map_err(docs_error)?,
        None => Notes::default(),
    };
    let realm = source.resolve(&options).await?;
    for unused in notes.unused(&realm) {
        eprintln!("warning: note for {unused} names nothing in the schema");
    }
    let format = match args.format {
        DocsFormat::Html => Format::Html,
        DocsFormat::Markdown => Format::Markdown,
    };
    let site = strata_docs::generate(&realm, format, &notes).map_err(docs_error)?;
    if args.check {
        let keep: Vec<_> = notes_path.into_iter().collect();
        let report = site.check(&args.out, &keep).map_err(docs_error)?;
        if report.is_clean() {
            eprintln!(
                "docs in {} are up to date ({} files)",
                args.out.display(),
                site.files.len()
            );
            return Ok(Outcome::Clean);
        }
        for (what, files) in [
            ("stale", &report.stale),
            ("missing", &report.missing),
            ("extra", &report.extra),
        ] {
            for f in files {
                println!("{what}: {}", args.out.join(f).display());
            }
        }
        eprintln!(
            "docs in {} are out of date: {} stale, {} missing, {} extra; run strata docs without --check",
            args.out.display(),
            report.stale.len(),
            report.missing.len(),
            report.extra.len()
        );
        return Ok(Outcome::Found);
    }
    let written = site.write(&args.out).map_err(docs_error)?;
    eprintln!(
        "wrote {} of {} files to {} ({} unchanged, {} removed)",
        written.written,
        site.files.len(),
        args.out.display(),
        written.unchanged,
        written.removed.len()
    );
    Ok(Outcome::Clean)
}

/// `strata inspect --format mermaid|dot [--around TABLE --depth N]`.
pub fn diagram(realm: &Realm, args: &InspectArgs) -> Result<String, CliError> {
    let graph = Graph::new(realm);
    let selection = match &args.around {
        Some(table) => Selection::around(&graph, table, args.depth).map_err(docs_error)?,
        None => Selection::all(&graph),
    };
    Ok(match args.format {
        InspectFormat::Dot => strata_docs::dot(&graph, &selection),
        _ => strata_docs::mermaid(&graph, &selection),
    })
}

fn docs_error(e: DocsError) -> CliError {
    match e {
        DocsError::Io { path, source } => CliError::Io {
            context: path,
            source,
        },
        other => CliError::usage(other.to_string()),
    }
}
