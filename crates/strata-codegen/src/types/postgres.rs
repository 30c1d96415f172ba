//! PostgreSQL `format_type` spellings.

use super::{ColumnType, Ty, split_args, user_type};
use strata_model::{Realm, UserTypeKind};

pub fn read(realm: &Realm, schema: &str, data_type: &str) -> ColumnType {
    let ty = read_ty(realm, schema, data_type.trim(), 0);
    ColumnType::plain(ty, data_type)
}

fn read_ty(realm: &Realm, schema: &str, text: &str, depth: u8) -> Ty {
    if let Some(inner) = text.strip_suffix("[]") {
        return Ty::Array(Box::new(read_ty(realm, schema, inner, depth)));
    }
    let (name, args) = split_args(text);
    let first = args.first().copied();
    // `timestamp(3) with time zone`: the precision sits before the zone words.
    let without_precision = match (text.find('('), text.find(')')) {
        (Some(open), Some(close)) if close > open => {
            format!("{}{}", &text[..open], &text[close + 1..])
        }
        _ => text.to_string(),
    };
    match without_precision.as_str() {
        "timestamp without time zone" | "timestamp" => {
            return Ty::Timestamp {
                tz: false,
                precision: first,
                datetime: false,
            };
        }
        "timestamp with time zone" | "timestamptz" => {
            return Ty::Timestamp {
                tz: true,
                precision: first,
                datetime: false,
            };
        }
        "time without time zone" | "time" => {
            return Ty::Time {
                tz: false,
                precision: first,
            };
        }
        "time with time zone" | "timetz" => {
            return Ty::Time {
                tz: true,
                precision: first,
            };
        }
        _ => {}
    }
    match name.as_str() {
        "boolean" => Ty::Bool,
        "smallint" => Ty::SmallInt,
        "integer" => Ty::Int,
        "bigint" => Ty::BigInt,
        "real" => Ty::Real,
        "double precision" => Ty::Double,
        "numeric" => Ty::Decimal {
            precision: first,
            scale: args.get(1).copied(),
        },
        "character varying" => Ty::Varchar {
            length: first,
            national: false,
        },
        "character" => Ty::Char {
            length: first,
            national: false,
        },
        "text" => Ty::Text { size: None },
        "bytea" => Ty::Binary {
            size: None,
            length: None,
            varying: true,
        },
        "date" => Ty::Date,
        "interval" => Ty::Interval,
        "json" => Ty::Json,
        "jsonb" => Ty::Jsonb,
        "uuid" => Ty::Uuid,
        "inet" => Ty::Inet,
        "cidr" => Ty::Cidr,
        "macaddr" => Ty::MacAddr,
        "tsvector" => Ty::TsVector,
        "money" => Ty::Money,
        "bit" => Ty::Bit {
            length: first,
            varying: false,
        },
        "bit varying" => Ty::Bit {
            length: first,
            varying: true,
        },
        "int4range" | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange" => {
            Ty::Range(name)
        }
        _ => match user_type(realm, schema, text) {
            Some((qualified, UserTypeKind::Enum { values })) => Ty::Enum {
                name: Some(qualified),
                values: values.clone(),
            },
            // A domain over a domain is read to its base, with a bound.
            Some((qualified, UserTypeKind::Domain { base_type, .. })) if depth < 8 => {
                let base = read_ty(realm, &qualified.schema, base_type, depth + 1);
                Ty::Domain {
                    name: qualified,
                    base: Box::new(base),
                }
            }
            _ => Ty::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{Dialect, Server};

    fn ty(text: &str) -> Ty {
        read(
            &Realm::new(Dialect::Postgres, Server::default()),
            "public",
            text,
        )
        .ty
    }

    #[test]
    fn reads_format_type_spellings() {
        assert_eq!(ty("integer[]"), Ty::Array(Box::new(Ty::Int)));
        assert_eq!(
            ty("timestamp(3) with time zone"),
            Ty::Timestamp {
                tz: true,
                precision: Some(3),
                datetime: false
            }
        );
        assert_eq!(
            ty("numeric(5,2)"),
            Ty::Decimal {
                precision: Some(5),
                scale: Some(2)
            }
        );
        assert_eq!(ty("public.unknown_thing"), Ty::Other);
    }
}
