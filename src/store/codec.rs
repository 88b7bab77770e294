//! The one record codec: a format version byte, then bincode 2 over serde.
//!
//! Every value the program writes goes through here, so swapping bincode (or
//! adding a new format version with a migration) touches only this file.

use serde::{Serialize, de::DeserializeOwned};

/// The format version written in front of every value.
pub const FORMAT_VERSION: u8 = 1;

/// No single record is anywhere near this; a hostile or damaged value that
/// claims a larger length is refused before anything is allocated.
const MAX_VALUE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodecError {
    #[error("empty value")]
    Empty,
    #[error("record format version {0} is not known to this program")]
    UnknownVersion(u8),
    #[error("record cannot be decoded")]
    Malformed,
    #[error("record has trailing bytes")]
    TrailingBytes,
    #[error("record cannot be encoded")]
    Unencodable,
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_VALUE_BYTES>()
}

/// Encodes `value` as `FORMAT_VERSION + bincode`.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![FORMAT_VERSION];
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .map_err(|_| CodecError::Unencodable)?;
    Ok(out)
}

/// Decodes a value written by [`encode`]. Any other input is an error, never a panic.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != FORMAT_VERSION {
        return Err(CodecError::UnknownVersion(version));
    }
    let (value, used) =
        bincode::serde::decode_from_slice(body, config()).map_err(|_| CodecError::Malformed)?;
    if used != body.len() {
        return Err(CodecError::TrailingBytes);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Sample {
        text: String,
        numbers: Vec<u64>,
        maybe: Option<i32>,
        flag: bool,
    }

    proptest! {
        #[test]
        fn round_trips_any_value(text in any::<String>(), numbers in proptest::collection::vec(any::<u64>(), 0..50), maybe in any::<Option<i32>>(), flag in any::<bool>()) {
            let value = Sample { text, numbers, maybe, flag };
            let bytes = encode(&value).unwrap();
            prop_assert_eq!(bytes[0], FORMAT_VERSION);
            prop_assert_eq!(decode::<Sample>(&bytes).unwrap(), value);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode::<Sample>(&bytes);
            let _ = decode::<String>(&bytes);
            let _ = decode::<Vec<String>>(&bytes);
        }
    }

    #[test]
    fn refuses_unknown_version_and_trailing_bytes() {
        let mut bytes = encode(&7u32).unwrap();
        bytes.push(0);
        assert_eq!(decode::<u32>(&bytes), Err(CodecError::TrailingBytes));
        bytes[0] = 9;
        assert_eq!(decode::<u32>(&bytes), Err(CodecError::UnknownVersion(9)));
        assert_eq!(decode::<u32>(&[]), Err(CodecError::Empty));
    }

    #[test]
    fn huge_claimed_length_is_refused_without_allocating() {
        // A string claiming u64::MAX bytes.
        let bytes = [FORMAT_VERSION, 253, 255, 255, 255, 255, 255, 255, 255, 255];
        assert_eq!(decode::<String>(&bytes), Err(CodecError::Malformed));
    }
}
