//! Words and strings, below every layer that shows or prints them: the one catalog of
//! everything staff read (screens, printouts, exports) in German and English, and the
//! sanitising of strings that came from outside. The UI, the reports and the desk's access
//! export all draw on it, so it belongs to none of them.

pub mod catalog;
pub mod json_escape;
pub mod sanitize;
