//! The lines of a page's body, hashed: what the first test of the `untranslated` state reads of
//! every page (how much of a translation is lines of its source), kept in the model where the
//! page's text is not.

/// The non-blank lines of a body, each as the hash of its trimmed text and its length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BodyLines {
    /// The body's length in bytes.
    pub(crate) total: usize,
    /// Each non-blank line, in order: ([`line_hash`] of it trimmed, its length with its line end).
    pub(crate) lines: Vec<(u64, u32)>,
}

impl BodyLines {
    /// The lines of `body`.
    pub(crate) fn of(body: &str) -> BodyLines {
        BodyLines {
            total: body.len(),
            lines: hashed(body).collect(),
        }
    }
}

/// The non-blank lines of `body`, in order, as [`BodyLines::lines`] has them: read as they are
/// asked for, so that a reader who has its answer early hashes no more.
pub(crate) fn hashed(body: &str) -> impl Iterator<Item = (u64, u32)> + '_ {
    lines_inclusive(body).filter_map(|line| {
        let trimmed = line.trim();
        (!trimmed.is_empty()).then(|| {
            (
                line_hash(trimmed),
                u32::try_from(line.len()).unwrap_or(u32::MAX),
            )
        })
    })
}

/// The lines of `text`, each with its line end: what `text.split_inclusive('\n')` gives, with
/// the line ends found by `memchr` (every page's body is split so when it is loaded).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|at| at + 1)
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            // A line end is ASCII: where one ends, a character boundary is.
            let line = text.get(start..end)?;
            start = end;
            (!line.is_empty()).then_some(line)
        })
}

/// A fast 64-bit hash of a line: its length, first and last sixteen bytes (enough for a first
/// test; what it lets through is read and judged in full).
pub(crate) fn line_hash(line: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes = line.as_bytes();
    let word = |at: usize| -> u64 {
        let mut word = [0u8; 8];
        let end = (at + 8).min(bytes.len());
        if at < end {
            word[..end - at].copy_from_slice(&bytes[at..end]);
        }
        u64::from_le_bytes(word)
    };
    let tail = bytes.len().saturating_sub(16);
    let mut hash = bytes.len() as u64;
    for at in [0, 8, tail, tail + 8] {
        hash = (hash.rotate_left(23) ^ word(at)).wrapping_mul(K);
    }
    hash ^ (hash >> 29)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The lines are those `split_inclusive` gives, whatever the text.
        #[test]
        fn lines_are_split_as_the_standard_library_splits_them(text in "[a\n\r æ]{0,40}") {
            let ours: Vec<&str> = lines_inclusive(&text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn lines_hash_alike_only_when_equal() {
        assert_eq!(
            line_hash("Logg inn med MinID"),
            line_hash("Logg inn med MinID")
        );
        assert_ne!(
            line_hash("Logg inn med MinID"),
            line_hash("Logg inn med MinID.")
        );
        assert_ne!(line_hash("abcdefgh"), line_hash("abcdefgh\0"));
        assert_ne!(
            line_hash("Du kan logge inn med MinID på nett."),
            line_hash("Du kan logge inn med MinID på nett!")
        );
    }

    #[test]
    fn blank_lines_count_in_the_total_only() {
        let lines = BodyLines::of("Første linje\n\n  \nAndre linje  \r\nsiste");
        assert_eq!(lines.total, 38);
        assert_eq!(
            lines.lines,
            vec![
                (line_hash("Første linje"), 14),
                (line_hash("Andre linje"), 15),
                (line_hash("siste"), 5),
            ]
        );
    }
}
