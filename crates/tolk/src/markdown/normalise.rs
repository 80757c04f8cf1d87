//! Text compared for identity: the words of a block with its whitespace collapsed, so that a
//! paragraph re-wrapped or re-indented is the same paragraph.

use super::words::pieces;

/// Block text compared for identity: whitespace collapsed.
pub fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in pieces(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether two texts are the same once [`normalized`], without making either.
pub fn same_normalized(a: &str, b: &str) -> bool {
    pieces(a).eq(pieces(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            normalized("  En lang\nlinje\t som  fortsetter. "),
            "En lang linje som fortsetter."
        );
        assert!(same_normalized("a  b\nc", " a b c "));
        assert!(!same_normalized("a b c", "a bc"));
    }
}
