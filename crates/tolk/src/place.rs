//! Places in text: the 1-based line and column of a byte offset, as findings report them and
//! editors show them (columns count characters, not bytes).
//!
//! [`line_column`] answers one offset; [`LineIndex`] answers many offsets into one text, each
//! in a binary search rather than a rescan from the start. [`line_byte_column`] is for bytes
//! that are not (known to be) UTF-8 text, where only bytes can be counted.

/// Line and column (1-based, the column in characters) of byte `offset` of `text`. An offset
/// inside a character counts as that character's start; an offset past the end, as the end.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = char_floor(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

/// Line and column (1-based, the column in bytes) of byte `offset` of `bytes`, which need not
/// be valid UTF-8. An offset past the end counts as the end.
pub(crate) fn line_byte_column(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = before.len() - line_start + 1;
    (line as u32, column as u32)
}

/// `offset`, no further than the end of `text`, moved back to the start of its character.
fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line starts of a text, built once, so that the places of many findings in one file
/// cost a binary search each rather than a rescan from the start.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last place asked for (offset, line index, column), from which the next place on
    /// the same line counts on, so that offsets asked in order cost linear time even on one
    /// very long line.
    cursor: (usize, usize, usize),
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            cursor: (0, 0, 1),
        }
    }

    /// Line and column of byte `offset`, as [`line_column`] gives them, the lines counted from
    /// `first_line` (the file line the text starts on).
    pub(crate) fn place(&mut self, offset: usize, first_line: usize) -> (u32, u32) {
        let offset = char_floor(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (last_offset, last_line, last_column) = self.cursor;
        let column = if line == last_line && offset >= last_offset {
            last_column + self.text[last_offset..offset].chars().count()
        } else {
            self.text[self.starts[line]..offset].chars().count() + 1
        };
        self.cursor = (offset, line, column);
        ((first_line + line) as u32, column as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("ab\nÅøx", 5), (2, 2));
        assert_eq!(line_column("abc", 0), (1, 1));
        assert_eq!(line_column("a\n", 2), (2, 1));
        // Inside `Å` (two bytes): its start.
        assert_eq!(line_column("ab\nÅøx", 4), (2, 1));
        // Past the end: the end.
        assert_eq!(line_column("ab\nc", 99), (2, 2));
    }

    #[test]
    fn byte_columns_count_bytes_of_any_encoding() {
        assert_eq!(line_byte_column("ab\nÅøx".as_bytes(), 7), (2, 5));
        assert_eq!(line_byte_column(b"a\xff\nb\xfe", 4), (2, 2));
        assert_eq!(line_byte_column(b"abc", 10), (1, 4));
    }

    #[test]
    fn the_index_gives_the_places_line_column_gives() {
        let text = "første linje\nÅ andre\n\nfjerde – linje\n";
        let mut index = LineIndex::new(text);
        let offsets = [0, 3, 14, 15, 13, 22, 23, 30, text.len(), 9];
        for offset in offsets {
            let (line, column) = line_column(text, offset);
            assert_eq!(
                index.place(offset, 5),
                (line + 4, column),
                "offset {offset}"
            );
        }
    }
}
