//! SQLite declared types. SQLite keeps whatever was written and derives an
//! affinity from it; targets that create tables must write the declared
//! type back exactly, so [`Ty`] here only says what values look like.

use super::{ColumnType, Ty, split_args};

pub fn read(data_type: &str) -> ColumnType {
    let upper = data_type.trim().to_ascii_uppercase();
    let (name, args) = split_args(&upper);
    let first = args.first().copied();
    let ty = match name.as_str() {
        "INT" | "INTEGER" | "MEDIUMINT" => Ty::Int,
        "TINYINT" => Ty::TinyInt,
        "SMALLINT" | "INT2" => Ty::SmallInt,
        "BIGINT" | "INT8" | "UNSIGNED BIG INT" => Ty::BigInt,
        "BOOLEAN" | "BOOL" => Ty::Bool,
        "REAL" | "DOUBLE" | "DOUBLE PRECISION" | "FLOAT" => Ty::Double,
        "NUMERIC" | "DECIMAL" => Ty::Decimal {
            precision: first,
            scale: args.get(1).copied(),
        },
        "VARCHAR" | "VARYING CHARACTER" => Ty::Varchar {
            length: first,
            national: false,
        },
        "NVARCHAR" | "NATIVE CHARACTER" => Ty::Varchar {
            length: first,
            national: true,
        },
        "CHAR" | "CHARACTER" => Ty::Char {
            length: first,
            national: false,
        },
        "NCHAR" => Ty::Char {
            length: first,
            national: true,
        },
        "TEXT" | "CLOB" => Ty::Text { size: None },
        "BLOB" => Ty::Binary {
            size: None,
            length: None,
            varying: true,
        },
        "DATE" => Ty::Date,
        "DATETIME" => Ty::Timestamp {
            tz: false,
            precision: None,
            datetime: true,
        },
        "TIMESTAMP" => Ty::Timestamp {
            tz: false,
            precision: None,
            datetime: false,
        },
        "TIME" => Ty::Time {
            tz: false,
            precision: None,
        },
        "JSON" => Ty::Json,
        _ => affinity_guess(&name),
    };
    ColumnType::plain(ty, data_type)
}

/// SQLite's affinity rules, for declared types with no better reading.
fn affinity_guess(name: &str) -> Ty {
    if name.contains("INT") {
        Ty::BigInt
    } else if name.contains("CHAR") || name.contains("CLOB") || name.contains("TEXT") {
        Ty::Text { size: None }
    } else if name.contains("REAL") || name.contains("FLOA") || name.contains("DOUB") {
        Ty::Double
    } else if name.is_empty() || name.contains("BLOB") {
        Ty::Other
    } else {
        Ty::Decimal {
            precision: None,
            scale: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_types() {
        assert_eq!(
            read("NVARCHAR(160)").ty,
            Ty::Varchar {
                length: Some(160),
                national: true
            }
        );
        assert_eq!(read("VARYING STUFF INT").ty, Ty::BigInt);
        assert_eq!(read("").ty, Ty::Other);
    }
}
