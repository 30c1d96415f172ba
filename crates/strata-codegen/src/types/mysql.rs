//! MySQL/MariaDB `COLUMN_TYPE` spellings (`int(10) unsigned`, `enum('a','b')`).

use super::{ColumnType, Ty, quoted_list, split_args};

pub fn read(data_type: &str) -> ColumnType {
    let text = data_type.trim();
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.contains(" unsigned");
    let base = lower
        .replace(" unsigned", "")
        .replace(" zerofill", "")
        .trim()
        .to_string();
    if base.starts_with("enum(") || base.starts_with("set(") {
        // Labels keep their case: read them from the original text.
        let open = text.find('(').unwrap_or(0);
        let values = quoted_list(&text[open..]);
        let ty = if base.starts_with("enum(") {
            Ty::Enum { name: None, values }
        } else {
            Ty::Set { values }
        };
        return ColumnType::plain(ty, data_type);
    }
    let (name, args) = split_args(&base);
    let first = args.first().copied();
    let mut display_width = None;
    let ty = match name.as_str() {
        "tinyint" => {
            display_width = first;
            Ty::TinyInt
        }
        "smallint" => {
            display_width = first;
            Ty::SmallInt
        }
        "mediumint" => {
            display_width = first;
            Ty::MediumInt
        }
        "int" | "integer" => {
            display_width = first;
            Ty::Int
        }
        "bigint" => {
            display_width = first;
            Ty::BigInt
        }
        "bool" | "boolean" => Ty::Bool,
        "float" => Ty::Float,
        "double" | "double precision" | "real" => Ty::Double,
        "decimal" | "numeric" => Ty::Decimal {
            precision: first,
            scale: args.get(1).copied(),
        },
        "char" => Ty::Char {
            length: first,
            national: false,
        },
        "varchar" => Ty::Varchar {
            length: first,
            national: false,
        },
        "tinytext" => Ty::Text { size: Some("TINY") },
        "text" => Ty::Text { size: None },
        "mediumtext" => Ty::Text {
            size: Some("MEDIUM"),
        },
        "longtext" => Ty::Text { size: Some("LONG") },
        "binary" => Ty::Binary {
            size: None,
            length: first,
            varying: false,
        },
        "varbinary" => Ty::Binary {
            size: None,
            length: first,
            varying: true,
        },
        "tinyblob" => Ty::Binary {
            size: Some("TINY"),
            length: None,
            varying: true,
        },
        "blob" => Ty::Binary {
            size: Some(""),
            length: None,
            varying: true,
        },
        "mediumblob" => Ty::Binary {
            size: Some("MEDIUM"),
            length: None,
            varying: true,
        },
        "longblob" => Ty::Binary {
            size: Some("LONG"),
            length: None,
            varying: true,
        },
        "date" => Ty::Date,
        "time" => Ty::Time {
            tz: false,
            precision: first,
        },
        "datetime" => Ty::Timestamp {
            tz: false,
            precision: first,
            datetime: true,
        },
        "timestamp" => Ty::Timestamp {
            tz: false,
            precision: first,
            datetime: false,
        },
        "year" => {
            display_width = first;
            Ty::Year
        }
        "json" => Ty::Json,
        "bit" => Ty::Bit {
            length: first,
            varying: false,
        },
        "uuid" => Ty::Uuid,
        "inet4" | "inet6" => Ty::Inet,
        _ => Ty::Other,
    };
    ColumnType {
        ty,
        unsigned,
        display_width,
        raw: data_type.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_column_types() {
        let t = read("smallint(5) unsigned");
        assert_eq!(t.ty, Ty::SmallInt);
        assert!(t.unsigned);
        assert_eq!(t.display_width, Some(5));
        assert_eq!(
            read("enum('G','PG-13')").ty,
            Ty::Enum {
                name: None,
                values: vec!["G".into(), "PG-13".into()]
            }
        );
        assert_eq!(
            read("set('Trailers','Deleted Scenes')").ty,
            Ty::Set {
                values: vec!["Trailers".into(), "Deleted Scenes".into()]
            }
        );
    }
}
