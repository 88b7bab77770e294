//! JSON: the report structs as serde writes them. Reads back to the same
//! value (`serde_json::from_slice`), for other tools and for tests.

use serde::Serialize;

use super::RenderError;

pub(super) fn to_bytes(value: &impl Serialize) -> Result<Vec<u8>, RenderError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| RenderError(e.to_string()))?;
    let mut bytes = crate::text::json_escape::escape_for_terminals(&text).into_bytes();
    bytes.push(b'\n');
    Ok(bytes)
}
