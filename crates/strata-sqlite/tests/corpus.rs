//! The public sample schemas survive inspect -> create_script -> load ->
//! inspect unchanged.

mod common;

use common::{assert_round_trip, load};
use strata_model::{FkAction, IndexKey, ObjectKind, ObjectRef, TriggerTiming};
use strata_testkit::corpus;

#[tokio::test]
async fn sakila_round_trips() {
    let db = load(
        &corpus::read("sakila/sqlite-sakila-schema.sql"),
        "sakila/sqlite-sakila-schema.sql",
    )
    .await;
    let (realm, script) = assert_round_trip(&db).await;
    let main = &realm.schemas["main"];
    assert_eq!(main.tables.len(), 16, "{:?}", main.tables.keys());
    assert_eq!(main.views.len(), 5);

    let film = &main.tables["film"];
    let description = film.column("description").unwrap();
    assert_eq!(description.data_type, "BLOB SUB_TYPE TEXT");
    assert_eq!(description.default, None, "DEFAULT NULL is no default");
    let rate = film.column("rental_rate").unwrap();
    assert_eq!(
        (rate.data_type.as_str(), rate.default.as_deref()),
        ("DECIMAL(4,2)", Some("4.99"))
    );
    assert!(!rate.nullable);
    let checks: Vec<_> = film.checks.iter().map(|c| c.name.as_deref()).collect();
    assert_eq!(
        checks,
        vec![Some("CHECK_special_features"), Some("CHECK_special_rating")]
    );
    assert_eq!(
        film.checks[1].expression,
        "rating in ('G','PG','PG-13','R','NC-17')"
    );
    assert!(
        film.checks[0].expression.contains("\n"),
        "multi-line check kept as written"
    );
    let fk = film
        .foreign_keys
        .iter()
        .find(|k| k.name.as_deref() == Some("fk_film_language"))
        .unwrap();
    assert_eq!(fk.references.name, "language");
    assert_eq!(fk.referenced_columns, vec!["language_id"]);

    let city = &main.tables["city"];
    assert_eq!(city.foreign_keys[0].on_update, FkAction::Cascade);
    assert_eq!(city.foreign_keys[0].on_delete, FkAction::NoAction);

    let rental = &main.tables["rental"];
    let uq = &rental.indexes["idx_rental_uq"];
    assert!(uq.unique);
    assert_eq!(uq.parts[0].key, IndexKey::Column("rental_date".into()));
    let trg = &rental.triggers["rental_trigger_ai"];
    assert_eq!(trg.timing, TriggerTiming::After);
    assert_eq!(trg.events, vec!["INSERT"]);
    assert!(
        trg.definition
            .starts_with("CREATE TRIGGER rental_trigger_ai AFTER INSERT ON rental")
    );

    let v = &main.views["sales_by_store"];
    assert!(
        v.definition
            .starts_with("SELECT\n  s.store_id\n ,c.city||','||cy.country AS store")
    );
    assert!(
        v.depends_on
            .contains(&ObjectRef::new(ObjectKind::Table, "main", "payment"))
    );
    assert_eq!(v.depends_on.len(), 8, "{:?}", v.depends_on);
    let names: Vec<_> = v.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["store_id", "store", "manager", "total_sales"]);
    assert_eq!(v.columns[0].data_type, "INTEGER");
    // Views keep their natural column names: no column list is written.
    assert!(
        script.contains("CREATE VIEW \"sales_by_store\" AS SELECT"),
        "{script}"
    );
    assert!(realm.unsupported.is_empty(), "{:?}", realm.unsupported);
}

#[tokio::test]
async fn chinook_round_trips() {
    let db = load(
        &corpus::read("chinook/Chinook_Sqlite.sql"),
        "chinook/Chinook_Sqlite.sql",
    )
    .await;
    let (realm, _) = assert_round_trip(&db).await;
    let main = &realm.schemas["main"];
    assert_eq!(main.tables.len(), 11);
    let album = &main.tables["Album"];
    let pk = album.primary_key.as_ref().unwrap();
    assert_eq!(pk.name.as_deref(), Some("PK_Album"));
    assert_eq!(pk.columns, vec!["AlbumId"]);
    assert_eq!(album.column("Title").unwrap().data_type, "NVARCHAR(160)");
    let fk = &album.foreign_keys[0];
    assert_eq!(fk.name, None);
    assert_eq!(fk.references.name, "Artist");
    let employee = &main.tables["Employee"];
    assert_eq!(employee.foreign_keys[0].references.name, "Employee");
    let track = &main.tables["PlaylistTrack"];
    assert_eq!(
        track.primary_key.as_ref().unwrap().columns,
        vec!["PlaylistId", "TrackId"]
    );
    assert!(realm.unsupported.is_empty(), "{:?}", realm.unsupported);
}
