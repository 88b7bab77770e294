//! JSON that may end up on a terminal (`mila find --json`, saved reports, the
//! access export). serde_json escapes C0 controls (ESC becomes `\u001b`) but
//! writes C1 controls (U+009B starts an escape sequence on its own) and bidi
//! overrides raw. Every character the screen would not draw as it is gets the
//! same `\uXXXX` form, so a name that steers a terminal arrives inert.

use super::sanitize::is_unsafe;

/// `json` with every unsafe character escaped. JSON's own syntax is ASCII,
/// so any non-ASCII character is inside a string, where `\uXXXX` means the
/// same character: the value a parser reads back is unchanged.
pub fn escape_for_terminals(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if !c.is_ascii() && is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_bidi_are_escaped_and_read_back_the_same() {
        let name = "A\u{9b}31mB\u{202e}C\u{2066}D\u{2069}\u{e0041}\u{1b}]0;x\u{7}محمد";
        let json = escape_for_terminals(&serde_json::to_string(&name).unwrap());
        assert!(!json.chars().any(is_unsafe), "{json:?}");
        assert!(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u2066"));
        assert!(json.contains("\\udb40\\udc41"), "{json}");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), name);
    }
}
