//! A4 pages of plain text: a header on every page (title, date, "Seite n
//! von m"), at most [`PAGE_LINES`] lines per page, pages separated by form
//! feeds, which `lp` and every text printer turn into a new sheet.

use super::layout::spread;
use crate::text::catalog::{Lang, Msg, fill};
use crate::text::sanitize::fit;

/// Columns of a line: what fits on A4 portrait at the usual 10 characters per inch.
pub const WIDTH: usize = 80;
/// Lines of a page, header included: A4 at 6 lines per inch, with margins.
pub const PAGE_LINES: usize = 60;
const HEADER_LINES: usize = 4;
const BODY_LINES: usize = PAGE_LINES - HEADER_LINES;
/// Blocks up to this long are never split across pages.
const KEEP_TOGETHER: usize = 12;
/// A longer block starts on a new page rather than with fewer lines than this.
const MIN_START: usize = 4;
pub(super) const FORM_FEED: char = '\u{0C}';

/// Lines that belong together (a heading with its first lines, one
/// session), kept on one page when they fit.
pub(super) struct Block {
    pub lines: Vec<String>,
    /// Follows the block before without a blank line (rows of one table).
    pub glued: bool,
}

impl Block {
    /// A block with a blank line before it.
    pub fn new(lines: Vec<String>) -> Self {
        Self {
            lines,
            glued: false,
        }
    }

    /// A block right under the one before, like the next row of a table.
    pub fn glued(lines: Vec<String>) -> Self {
        Self { lines, glued: true }
    }
}

/// What every page's header shows.
pub(super) struct Header<'a> {
    pub title: &'a str,
    /// The date or the period.
    pub subtitle: &'a str,
    /// Shown opposite the subtitle, e.g. that the pages contain names.
    pub marker: &'a str,
}

/// Lays `blocks` out on pages and returns the printable text. Every line is
/// made safe and cut to [`WIDTH`] here, whatever the renderer built.
pub(super) fn paginate(header: &Header<'_>, blocks: &[Block], lang: Lang) -> String {
    let mut pages: Vec<Vec<String>> = vec![Vec::new()];
    for block in blocks.iter().filter(|b| !b.lines.is_empty()) {
        let Some(page) = pages.last_mut() else { break };
        let gap = usize::from(!page.is_empty() && !block.glued);
        let room = BODY_LINES.saturating_sub(page.len() + gap);
        let len = block.lines.len();
        let must_move = if len <= KEEP_TOGETHER {
            len > room
        } else {
            room < MIN_START
        };
        if must_move && !page.is_empty() {
            pages.push(Vec::new());
        } else if gap == 1 {
            page.push(String::new());
        }
        for line in &block.lines {
            let full = pages.last().is_none_or(|p| p.len() >= BODY_LINES);
            if full {
                pages.push(Vec::new());
            }
            if let Some(page) = pages.last_mut() {
                page.push(line.clone());
            }
        }
    }
    let count = pages.len().to_string();
    let mut out = String::new();
    for (i, body) in pages.iter().enumerate() {
        if i > 0 {
            out.push(FORM_FEED);
        }
        let n = (i + 1).to_string();
        let page_no = fill(Msg::ReportPage, lang, &[("n", &n), ("m", &count)]);
        let head = [
            spread(header.title, &page_no, WIDTH),
            spread(header.subtitle, header.marker, WIDTH),
            "=".repeat(WIDTH),
            String::new(),
        ];
        for line in head.iter().chain(body) {
            out.push_str(fit(line, WIDTH).trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::display_width;

    fn header() -> Header<'static> {
        Header {
            title: "Titel",
            subtitle: "Datum",
            marker: "",
        }
    }

    #[test]
    fn pages_hold_at_most_the_page_length_and_number_themselves() {
        let blocks: Vec<Block> = (0..40)
            .map(|b| Block::new((0..5).map(|l| format!("Block {b} Zeile {l}")).collect()))
            .collect();
        let text = paginate(&header(), &blocks, Lang::De);
        let pages: Vec<&str> = text.split(FORM_FEED).collect();
        assert!(pages.len() > 3);
        for (i, page) in pages.iter().enumerate() {
            assert!(page.lines().count() <= PAGE_LINES, "page {i}");
            let first = page.lines().next().unwrap();
            assert!(first.ends_with(&format!("Seite {} von {}", i + 1, pages.len())));
            // Blocks of five stay together.
            let body: Vec<&str> = page
                .lines()
                .skip(HEADER_LINES)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(body.len() % 5, 0, "page {i}");
        }
    }

    #[test]
    fn a_long_block_is_split_and_lines_are_cut_to_the_width() {
        let long = Block::new(
            (0..150)
                .map(|i| format!("{i} {}", "日".repeat(50)))
                .collect(),
        );
        let text = paginate(&header(), &[long], Lang::En);
        assert_eq!(text.split(FORM_FEED).count(), 3);
        // The form feed starting a page is a printer control, not a column.
        assert!(
            text.lines()
                .all(|l| display_width(l.trim_start_matches(FORM_FEED)) <= WIDTH)
        );
        assert!(text.contains("Page 3 of 3"));
    }

    #[test]
    fn glued_blocks_have_no_blank_line_between() {
        let blocks = [
            Block::new(vec!["Kopf".into()]),
            Block::glued(vec!["Zeile".into()]),
            Block::new(vec!["Weiter".into()]),
        ];
        let text = paginate(&header(), &blocks, Lang::De);
        assert!(text.ends_with("Kopf\nZeile\n\nWeiter\n"), "{text}");
    }

    #[test]
    fn an_empty_report_is_one_page() {
        let text = paginate(&header(), &[], Lang::De);
        assert!(!text.contains(FORM_FEED));
        assert!(text.contains("Seite 1 von 1"));
    }
}
