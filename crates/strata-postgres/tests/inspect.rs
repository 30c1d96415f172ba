//! Inspection of one schema that uses every PostgreSQL feature the model
//! covers: each fact is checked where it lands in the model, then the
//! whole schema must survive a round trip.

mod common;

use common::{assert_same, round_trip};
use strata_model::*;

const SCHEMA: &str = r#"
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TYPE app.mood IS 'how it feels';
CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_positive CHECK (VALUE > 0);
ALTER DOMAIN app.posint ADD CONSTRAINT posint_small CHECK (VALUE < 1000000) NOT VALID;
CREATE DOMAIN app.code AS text COLLATE "C";
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE TYPE app.floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);

CREATE SEQUENCE app.counter AS integer INCREMENT BY 5 MINVALUE 10 MAXVALUE 1000 START WITH 20 CACHE 3 CYCLE;
COMMENT ON SEQUENCE app.counter IS 'counts';

CREATE FUNCTION app.double(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
COMMENT ON FUNCTION app.double(integer) IS 'twice';
CREATE PROCEDURE app.noop(IN n integer) LANGUAGE plpgsql AS $$ BEGIN PERFORM n; END $$;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE FUNCTION app.concat_state(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $2 $$;
CREATE AGGREGATE app.concat_all(text) (SFUNC = app.concat_state, STYPE = text, INITCOND = '', PARALLEL = SAFE);

CREATE TABLE app.account (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10),
    email public.citext NOT NULL,
    nick varchar(30) COLLATE "C",
    mood app.mood DEFAULT 'ok',
    tags text[] DEFAULT '{}'::text[],
    score numeric(10,2) CHECK (score >= 0),
    quota app.posint,
    doubled integer GENERATED ALWAYS AS (app.double(quota)) STORED,
    seq integer DEFAULT nextval('app.counter'),
    updated timestamptz(3),
    CONSTRAINT account_pkey PRIMARY KEY (id),
    CONSTRAINT account_email_key UNIQUE NULLS NOT DISTINCT (email) INCLUDE (nick),
    CONSTRAINT account_nick_key UNIQUE (nick) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT account_quota_check CHECK (quota < 500) NO INHERIT
) WITH (fillfactor = 70, autovacuum_enabled = false);
ALTER TABLE app.account ADD CONSTRAINT account_score_cap CHECK (score < 1000) NOT VALID;
ALTER TABLE app.account ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.account FORCE ROW LEVEL SECURITY;
COMMENT ON TABLE app.account IS 'people';
COMMENT ON COLUMN app.account.email IS 'where to write';
COMMENT ON CONSTRAINT account_email_key ON app.account IS 'one each';
ALTER SEQUENCE app.counter OWNED BY app.account.seq;

CREATE TABLE app.session (
    id serial PRIMARY KEY,
    account_id bigint,
    account_nick varchar(30),
    other_id bigint,
    during tstzrange,
    CONSTRAINT session_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (account_id IS NOT NULL)
);
ALTER TABLE app.account ADD CONSTRAINT account_id_nick_key UNIQUE (id, nick);
ALTER TABLE app.session ADD CONSTRAINT session_account_fkey FOREIGN KEY (account_id, account_nick)
    REFERENCES app.account (id, nick) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE app.session ADD CONSTRAINT session_other_fkey FOREIGN KEY (other_id)
    REFERENCES app.account (id) NOT VALID;

CREATE UNLOGGED TABLE app.scratch (k text);

CREATE INDEX account_lower_email ON app.account (lower(email::text) DESC NULLS LAST) WHERE (mood <> 'sad');
CREATE INDEX account_nick_pattern ON app.account (nick text_pattern_ops NULLS FIRST, updated DESC) INCLUDE (score) WITH (fillfactor = 50);
CREATE INDEX account_tags ON app.account USING gin (tags);
CREATE UNIQUE INDEX account_nick_c ON app.account (nick COLLATE "POSIX") NULLS NOT DISTINCT;
COMMENT ON INDEX app.account_tags IS 'tag search';

CREATE TABLE app.event (
    id bigint NOT NULL,
    at date NOT NULL,
    kind text NOT NULL,
    PRIMARY KEY (id, at, kind)
) PARTITION BY RANGE (at);
CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (kind);
CREATE TABLE app.event_2024_a PARTITION OF app.event_2024 FOR VALUES IN ('a', 'b');
CREATE TABLE app.event_rest PARTITION OF app.event DEFAULT;
CREATE INDEX event_kind ON app.event (kind);

CREATE TABLE app.base (id integer, note text, CHECK (id > 0));
CREATE TABLE app.derived (extra integer) INHERITS (app.base);

CREATE TRIGGER account_touch BEFORE INSERT OR UPDATE OF nick, mood ON app.account
    FOR EACH ROW WHEN (NEW.nick IS NOT NULL) EXECUTE FUNCTION app.touch();
CREATE TRIGGER account_audit AFTER DELETE ON app.account FOR EACH STATEMENT EXECUTE FUNCTION app.touch();
ALTER TABLE app.account DISABLE TRIGGER account_audit;
CREATE TRIGGER account_replica AFTER TRUNCATE ON app.account FOR EACH STATEMENT EXECUTE FUNCTION app.touch();
ALTER TABLE app.account ENABLE REPLICA TRIGGER account_replica;
COMMENT ON TRIGGER account_touch ON app.account IS 'keeps updated fresh';

CREATE POLICY own_rows ON app.account AS RESTRICTIVE FOR UPDATE TO PUBLIC
    USING (nick = current_user) WITH CHECK (score < 100);
CREATE POLICY readers ON app.account FOR SELECT USING (true);
COMMENT ON POLICY readers ON app.account IS 'everyone reads';

CREATE VIEW app.happy WITH (security_barrier = true) AS
    SELECT id, nick, app.double(quota) AS dq FROM app.account WHERE mood = 'happy'
    WITH LOCAL CHECK OPTION;
COMMENT ON VIEW app.happy IS 'the happy ones';
COMMENT ON COLUMN app.happy.nick IS 'their nick';
CREATE MATERIALIZED VIEW app.mood_count AS SELECT mood, count(*) AS n FROM app.account GROUP BY mood;
CREATE UNIQUE INDEX mood_count_mood ON app.mood_count (mood);
CREATE VIEW app.happy_nicks AS SELECT nick FROM app.happy;
CREATE FUNCTION app.redirect() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER happy_nicks_insert INSTEAD OF INSERT ON app.happy_nicks
    FOR EACH ROW EXECUTE FUNCTION app.redirect();
COMMENT ON TRIGGER happy_nicks_insert ON app.happy_nicks IS 'writes go elsewhere';
"#;

fn app(realm: &Realm) -> &Schema {
    &realm.schemas["app"]
}

#[tokio::test]
async fn every_feature_is_read_and_survives_a_round_trip() {
    let rt = round_trip("features", SCHEMA).await;
    let r = &rt.first;
    let s = app(r);
    assert_eq!(s.comment.as_deref(), Some("the application"));
    assert_eq!(r.extensions["citext"].schema, "public");

    // Types.
    assert!(
        matches!(&s.types["mood"].kind, UserTypeKind::Enum { values } if values == &["sad", "ok", "happy"])
    );
    assert_eq!(s.types["mood"].comment.as_deref(), Some("how it feels"));
    let UserTypeKind::Domain {
        base_type,
        nullable,
        default,
        checks,
        ..
    } = &s.types["posint"].kind
    else {
        panic!("posint is not a domain")
    };
    assert_eq!(base_type, "integer");
    assert!(!nullable);
    assert_eq!(default.as_deref(), Some("1"));
    assert_eq!(checks.len(), 2);
    assert_eq!(checks[0].expression, "CHECK ((VALUE > 0))");
    assert!(checks[1].not_valid);
    assert!(
        matches!(&s.types["code"].kind, UserTypeKind::Domain { collation: Some(c), .. } if c == "\"C\"")
    );
    let UserTypeKind::Composite { attributes } = &s.types["pair"].kind else {
        panic!("pair is not composite")
    };
    assert_eq!(attributes[1].collation.as_deref(), Some("\"C\""));
    assert!(
        matches!(&s.types["floatrange"].kind, UserTypeKind::Range { subtype, options } if subtype == "double precision" && options == &["SUBTYPE_DIFF = float8mi"])
    );

    // Sequences: options, ownership; identity and serial sequences.
    let counter = &s.sequences["counter"];
    assert_eq!(
        (
            counter.options.increment,
            counter.options.start,
            counter.options.cache
        ),
        (5, 20, 3)
    );
    assert!(counter.options.cycle);
    assert_eq!(
        counter.owned_by.as_ref().map(|o| o.column.as_str()),
        Some("seq")
    );
    assert!(s.sequences.contains_key("session_id_seq"));
    assert!(!s.sequences.keys().any(|k| k.starts_with("account_id")));

    // Routines.
    assert_eq!(
        s.routines["double(x integer)"].comment.as_deref(),
        Some("twice")
    );
    assert_eq!(
        s.routines["noop(IN n integer)"].kind,
        RoutineKind::Procedure
    );
    let agg = &s.routines["concat_all(text)"];
    assert_eq!(agg.kind, RoutineKind::Aggregate);
    assert!(
        agg.definition.contains("INITCOND = ''"),
        "{}",
        agg.definition
    );
    assert!(agg.definition.contains("PARALLEL = SAFE"));
    assert!(
        agg.depends_on
            .iter()
            .any(|d| d.name == "concat_state(text, text)")
    );

    // Columns.
    let account = &s.tables["account"];
    let col = |n: &str| account.column(n).unwrap();
    let id = col("id").identity.as_ref().unwrap();
    assert_eq!(id.kind, IdentityKind::Always);
    assert_eq!(
        id.sequence.as_ref().map(|o| (o.start, o.increment)),
        Some((100, 10))
    );
    assert_eq!(col("email").data_type, "public.citext");
    assert_eq!(col("nick").data_type, "character varying(30)");
    assert_eq!(col("nick").collation.as_deref(), Some("\"C\""));
    assert_eq!(col("mood").default.as_deref(), Some("'ok'::app.mood"));
    assert_eq!(col("tags").data_type, "text[]");
    assert_eq!(col("updated").data_type, "timestamp(3) with time zone");
    assert_eq!(
        col("doubled")
            .generated
            .as_ref()
            .map(|g| g.expression.as_str()),
        Some("app.double((quota)::integer)")
    );
    assert_eq!(col("email").comment.as_deref(), Some("where to write"));
    assert!(
        account
            .depends_on
            .contains(&ObjectRef::new(ObjectKind::Type, "app", "mood"))
    );
    assert!(
        account
            .depends_on
            .contains(&ObjectRef::new(ObjectKind::Extension, "", "citext"))
    );
    assert!(
        account
            .depends_on
            .contains(&ObjectRef::new(ObjectKind::Sequence, "app", "counter"))
    );
    assert!(account.depends_on.contains(&ObjectRef::new(
        ObjectKind::Routine,
        "app",
        "double(x integer)"
    )));

    // Table facts.
    let pg = account.postgres.as_ref().unwrap();
    assert!(pg.rls_enabled && pg.rls_forced);
    assert_eq!(pg.options, ["autovacuum_enabled=false", "fillfactor=70"]);
    assert!(s.tables["scratch"].postgres.as_ref().unwrap().unlogged);
    assert_eq!(account.comment.as_deref(), Some("people"));

    // Constraints.
    let email_key = account
        .uniques
        .iter()
        .find(|u| u.name.as_deref() == Some("account_email_key"))
        .unwrap();
    assert!(email_key.nulls_not_distinct);
    assert_eq!(email_key.include, ["nick"]);
    assert_eq!(email_key.comment.as_deref(), Some("one each"));
    let nick_key = account
        .uniques
        .iter()
        .find(|u| u.name.as_deref() == Some("account_nick_key"))
        .unwrap();
    assert!(nick_key.deferrable && nick_key.initially_deferred);
    let quota = account
        .checks
        .iter()
        .find(|c| c.name.as_deref() == Some("account_quota_check"))
        .unwrap();
    assert!(quota.no_inherit);
    let cap = account
        .checks
        .iter()
        .find(|c| c.name.as_deref() == Some("account_score_cap"))
        .unwrap();
    assert!(cap.not_valid);
    assert_eq!(cap.expression, "(score < (1000)::numeric)");
    let session = &s.tables["session"];
    let fk = session
        .foreign_keys
        .iter()
        .find(|k| k.name.as_deref() == Some("session_account_fkey"))
        .unwrap();
    assert_eq!(fk.match_type, MatchType::Full);
    assert_eq!(
        (fk.on_update, fk.on_delete),
        (FkAction::Cascade, FkAction::SetNull)
    );
    assert!(fk.deferrable && fk.initially_deferred);
    assert_eq!(fk.referenced_columns, ["id", "nick"]);
    assert!(session.foreign_keys.iter().any(|k| k.not_valid));
    assert_eq!(
        session.exclusions[0].definition,
        "EXCLUDE USING gist (during WITH &&) WHERE ((account_id IS NOT NULL))"
    );

    // Indexes (constraint-backing ones are not indexes of their own).
    assert!(!account.indexes.contains_key("account_pkey"));
    let lower = &account.indexes["account_lower_email"];
    assert_eq!(
        lower.parts[0].key,
        IndexKey::Expression("lower((email)::text)".into())
    );
    assert!(lower.parts[0].descending);
    assert_eq!(lower.parts[0].nulls, Some(NullsOrder::Last));
    assert_eq!(
        lower.predicate.as_deref(),
        Some("(mood <> 'sad'::app.mood)")
    );
    let pattern = &account.indexes["account_nick_pattern"];
    assert_eq!(
        pattern.parts[0].opclass.as_deref(),
        Some("text_pattern_ops")
    );
    assert_eq!(pattern.parts[0].nulls, Some(NullsOrder::First));
    assert_eq!(pattern.include, ["score"]);
    assert_eq!(pattern.options, ["fillfactor=50"]);
    assert_eq!(
        account.indexes["account_tags"].method.as_deref(),
        Some("gin")
    );
    assert_eq!(
        account.indexes["account_tags"].comment.as_deref(),
        Some("tag search")
    );
    let nick_c = &account.indexes["account_nick_c"];
    assert!(nick_c.unique && nick_c.nulls_not_distinct);
    assert_eq!(nick_c.parts[0].collation.as_deref(), Some("\"POSIX\""));

    // Partitions and inheritance.
    let event = &s.tables["event"];
    assert_eq!(
        event.postgres.as_ref().unwrap().partition_by.as_deref(),
        Some("RANGE (at)")
    );
    assert!(event.indexes.contains_key("event_kind"));
    let y2024 = s.tables["event_2024"].postgres.as_ref().unwrap();
    assert_eq!(
        y2024.partition_of.as_ref().map(|p| p.bound.as_str()),
        Some("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
    );
    assert_eq!(y2024.partition_by.as_deref(), Some("LIST (kind)"));
    assert!(
        s.tables["event_2024_a"].indexes.is_empty(),
        "a partition's copy of its parent's index belongs to the parent"
    );
    assert!(s.tables["event_2024_a"].primary_key.is_none());
    assert_eq!(
        s.tables["event_rest"]
            .postgres
            .as_ref()
            .unwrap()
            .partition_of
            .as_ref()
            .map(|p| p.bound.as_str()),
        Some("DEFAULT")
    );
    let derived = &s.tables["derived"];
    assert_eq!(
        derived.postgres.as_ref().unwrap().inherits,
        [QualifiedName::new("app", "base")]
    );
    assert!(
        derived.checks.is_empty(),
        "the inherited check belongs to the parent"
    );
    assert_eq!(derived.columns.len(), 3);

    // Triggers.
    let touch = &account.triggers["account_touch"];
    assert_eq!(touch.timing, TriggerTiming::Before);
    assert_eq!(touch.events, ["INSERT", "UPDATE OF nick, mood"]);
    assert!(touch.for_each_row);
    assert_eq!(touch.comment.as_deref(), Some("keeps updated fresh"));
    assert_eq!(
        touch.depends_on,
        [ObjectRef::new(ObjectKind::Routine, "app", "touch()")]
    );
    assert_eq!(
        account.triggers["account_audit"].enabled.as_deref(),
        Some("D")
    );
    assert_eq!(
        account.triggers["account_replica"].enabled.as_deref(),
        Some("R")
    );

    // Policies.
    let own = &account.policies["own_rows"];
    assert!(!own.permissive);
    assert_eq!(own.command, PolicyCommand::Update);
    assert_eq!(own.roles, ["public"]);
    assert_eq!(own.using.as_deref(), Some("((nick)::text = CURRENT_USER)"));
    assert_eq!(own.with_check.as_deref(), Some("(score < (100)::numeric)"));
    assert_eq!(
        account.policies["readers"].comment.as_deref(),
        Some("everyone reads")
    );

    // Views.
    let happy = &s.views["happy"];
    assert_eq!(happy.check_option.as_deref(), Some("LOCAL"));
    assert_eq!(happy.options, ["security_barrier=true"]);
    assert_eq!(
        happy
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["id", "nick", "dq"]
    );
    assert_eq!(happy.columns[1].data_type, "character varying(30)");
    assert_eq!(happy.columns[1].comment.as_deref(), Some("their nick"));
    assert!(
        happy.definition.contains("app.account"),
        "{}",
        happy.definition
    );
    assert!(happy.depends_on.contains(&ObjectRef::new(
        ObjectKind::Routine,
        "app",
        "double(x integer)"
    )));
    let counts = &s.views["mood_count"];
    assert!(counts.materialized);
    assert!(counts.indexes["mood_count_mood"].unique);
    assert_eq!(
        s.views["happy_nicks"].depends_on,
        [ObjectRef::new(ObjectKind::View, "app", "happy")]
    );
    let redirect = &s.views["happy_nicks"].triggers["happy_nicks_insert"];
    assert_eq!(redirect.timing, TriggerTiming::InsteadOf);
    assert_eq!(redirect.comment.as_deref(), Some("writes go elsewhere"));

    assert_same("features", &rt, &[]);
}

/// Tables, columns, constraints and indexes with names that need quoting
/// (and would do harm unquoted) come back exactly.
#[tokio::test]
async fn hostile_identifiers_survive_a_round_trip() {
    let names = [
        "a\"b",
        "select",
        "Ünïcode",
        "x; drop table y; --",
        "with spaces",
    ];
    let mut script = String::from("CREATE SCHEMA \"odd schema\";\n");
    for (i, n) in names.iter().enumerate() {
        let q = format!("\"{}\"", n.replace('"', "\"\""));
        let c = |suffix: &str| format!("\"{} {suffix}\"", n.replace('"', "\"\""));
        script.push_str(&format!(
            "CREATE TABLE \"odd schema\".{q} ({q} integer CONSTRAINT {pk} PRIMARY KEY, \
             other{i} text CONSTRAINT {ck} CHECK ({q} > 0), ref{i} integer);\n\
             CREATE INDEX {ix} ON \"odd schema\".{q} (other{i});\n\
             ALTER TABLE \"odd schema\".{q} ADD CONSTRAINT {fk} FOREIGN KEY (ref{i}) REFERENCES \"odd schema\".{q} ({q});\n\
             COMMENT ON TABLE \"odd schema\".{q} IS 'it''s {i}';\n",
            pk = c("pk"),
            ck = c("ck"),
            ix = c("ix"),
            fk = c("fk"),
        ));
    }
    let rt = round_trip("hostile identifiers", &script).await;
    let s = &rt.first.schemas["odd schema"];
    for n in names {
        let t = &s.tables[n];
        assert_eq!(t.columns[0].name, n);
        assert_eq!(
            t.primary_key.as_ref().unwrap().name.as_deref(),
            Some(format!("{n} pk").as_str())
        );
        assert_eq!(
            t.checks[0].name.as_deref(),
            Some(format!("{n} ck").as_str())
        );
        assert!(t.indexes.contains_key(&format!("{n} ix")));
        assert_eq!(t.foreign_keys[0].references.name, n);
    }
    assert_same("hostile identifiers", &rt, &[]);
    // The generated script quotes every name: nothing was dropped on the way.
    assert_eq!(rt.second.schemas["odd schema"].tables.len(), names.len());
}
