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

// --- Security (issue 13) ---

/// The report as JSON with every breakdown cell below
/// [`crate::report::SMALL_CELL`] written as the string "< 3" instead of
/// its number, as on paper: `fields` name the breakdown lists.
pub(super) fn masked_to_bytes(
    value: &impl Serialize,
    fields: &[&str],
) -> Result<Vec<u8>, RenderError> {
    let mut tree = serde_json::to_value(value).map_err(|e| RenderError(e.to_string()))?;
    for field in fields {
        let Some(serde_json::Value::Array(cells)) = tree.get_mut(*field) else {
            continue;
        };
        for cell in cells {
            if let Some(count) = cell.get_mut("count")
                && let Some(n) = count.as_u64()
                && n > 0
                && n < u64::from(crate::report::SMALL_CELL)
            {
                *count = serde_json::Value::String(crate::report::shown_count(n as u32));
            }
        }
    }
    to_bytes(&tree)
}
