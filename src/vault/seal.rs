use chacha20poly1305::XNonce;
use chacha20poly1305::aead::{Aead, Payload};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{DataKey, VaultError, random};

/// Where a sealed blob belongs. The context is authenticated, so a blob moved
/// to another record (or another table) fails to open instead of showing the
/// wrong person's data.
#[derive(Debug, Clone, Copy)]
pub struct SealContext<'a> {
    pub table: &'a str,
    pub record: u64,
    pub format: u8,
}

impl SealContext<'_> {
    fn aad(&self) -> Vec<u8> {
        let mut aad = b"mila-desk/sealed/".to_vec();
        aad.extend_from_slice(self.table.as_bytes());
        aad.push(0);
        aad.extend_from_slice(&self.record.to_be_bytes());
        aad.push(self.format);
        aad
    }
}

/// XChaCha20-Poly1305 ciphertext with its fresh random nonce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub nonce: [u8; 24],
    #[serde(with = "bytes")]
    pub ciphertext: Vec<u8>,
}

/// The ciphertext as one byte string rather than a sequence of numbers:
/// the same bytes in the file (bincode writes a length and the bytes either
/// way), but read with one copy instead of a call per byte, which showed in
/// the profile of an unlock reading megabytes of sealed search entries.
mod bytes {
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_byte_buf(BytesVisitor)
    }

    struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("bytes")
        }

        fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }

        fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
            while let Some(b) = seq.next_element::<u8>()? {
                out.push(b);
            }
            Ok(out)
        }
    }
}

pub fn seal(
    key: &DataKey,
    context: SealContext<'_>,
    plaintext: &[u8],
) -> Result<Sealed, VaultError> {
    let nonce = random::<24>()?;
    let aad = context.aad();
    let ciphertext = key
        .cipher()
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| VaultError::Malformed)?;
    Ok(Sealed { nonce, ciphertext })
}

pub fn open(
    key: &DataKey,
    context: SealContext<'_>,
    sealed: &Sealed,
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let aad = context.aad();
    key.cipher()
        .decrypt(
            &XNonce::from(sealed.nonce),
            Payload {
                msg: &sealed.ciphertext,
                aad: &aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| VaultError::Tampered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;

    #[test]
    fn ciphertext_as_bytes_is_the_same_encoding_as_before() {
        let sealed = Sealed {
            nonce: [7; 24],
            ciphertext: (0..=255u8).chain(0..40).collect(),
        };
        // How the field was written before: a plain `Vec<u8>`.
        let before = codec::encode(&(sealed.nonce, sealed.ciphertext.clone())).unwrap();
        let now = codec::encode(&sealed).unwrap();
        assert_eq!(now, before);
        assert_eq!(codec::decode::<Sealed>(&before).unwrap(), sealed);
    }
}
