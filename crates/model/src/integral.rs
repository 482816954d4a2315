//! Whole numbers as JSON Schema counts them: `3` and `3.0` alike. A client that writes a span's
//! offsets or a decision's number as `3.0` sends a valid integer (the API's description says
//! `"type": "integer"`, which JSON Schema holds `3.0` to be); serde's integer types refuse it.
//! These read any whole number in range and refuse fractions, negatives where none can be, and
//! numbers too large.

use serde::de::{Deserializer, Error, Visitor};
use std::fmt;

struct Whole<T>(std::marker::PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number in range")
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
        if v.fract() != 0.0 || !v.is_finite() {
            return Err(E::custom(format!("{v} is not a whole number")));
        }
        // exactly representable whole numbers only: |v| < 2^53 (the API's maximum)
        if v.abs() >= 9_007_199_254_740_992.0 {
            return Err(E::custom(format!("{v} is out of range")));
        }
        self.visit_i64(v as i64)
    }
}

/// A whole number as a `usize` (a byte offset).
pub fn usize<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    d.deserialize_any(Whole(std::marker::PhantomData))
}

/// A whole number as an `i64` (a decision's number).
pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(Whole(std::marker::PhantomData))
}

/// An optional whole number as an `i64` (the version of the case a change was made on).
pub fn option_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct Maybe;
    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number or null")
        }
        fn visit_none<E: Error>(self) -> Result<Option<i64>, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Option<i64>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<i64>, D::Error> {
            i64(d).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Doc {
        #[serde(deserialize_with = "super::usize")]
        start: usize,
        #[serde(default, deserialize_with = "super::option_i64")]
        base: Option<i64>,
    }

    /// `3` and `3.0` are one whole number; fractions, negative offsets and numbers out of range
    /// are refused, and a missing or null version is none.
    #[test]
    fn whole_numbers_in_any_notation() {
        let read = |s: &str| serde_json::from_str::<Doc>(s).ok();
        let doc = |start, base| Some(Doc { start, base });
        for (json, want) in [
            (r#"{"start": 3}"#, doc(3, None)),
            (
                r#"{"start": 3.0, "base": 94132251.0}"#,
                doc(3, Some(94132251)),
            ),
            (r#"{"start": 3, "base": null}"#, doc(3, None)),
            (r#"{"start": 3, "base": -2}"#, doc(3, Some(-2))),
            (r#"{"start": 3.5}"#, None),
            (r#"{"start": -1}"#, None),
            (r#"{"start": 1e300}"#, None),
            (r#"{"start": "3"}"#, None),
        ] {
            assert_eq!(read(json), want, "{json}");
        }
    }
}
