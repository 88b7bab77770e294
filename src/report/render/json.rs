//! JSON: the report structs as serde writes them. Reads back to the same
//! value (`serde_json::from_slice`), for other tools and for tests.

use serde::Serialize;

use super::RenderError;

pub(super) fn to_bytes(value: &impl Serialize) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| RenderError(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
