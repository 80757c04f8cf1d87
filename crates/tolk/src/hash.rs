//! Page hashes: the git blob id of a file's bytes with CRLF turned into LF.
//!
//! The same id `git hash-object` prints for the LF form of the file, so a baseline recorded by
//! `tolk mark` can be read back from the repository's object store. Also the fast hasher
//! ([`KeyHash`]) of the maps that look pages up by key or URL.

use sha1::{Digest, Sha1};

/// Bytes with every CRLF pair turned into LF; a lone CR is kept.
pub fn normalize_newlines(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !bytes.windows(2).any(|w| w == b"\r\n") {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// The git blob id (40 lowercase hex digits) of `bytes` exactly as given.
pub fn blob_id(bytes: &[u8]) -> String {
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(40);
    for byte in digest.iter() {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// The hash of a page: the blob id of its bytes with CRLF turned into LF.
pub fn page_hash(bytes: &[u8]) -> String {
    blob_id(&normalize_newlines(bytes))
}

/// Whether `text` looks like a full blob id (40 hex digits).
pub(crate) fn is_blob_id(text: &str) -> bool {
    text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The hasher of the maps tolk looks pages up in by key or URL: FxHash (rustc-hash), eight
/// bytes at a time. Their keys are strings that come from the site itself, often long (deep
/// content paths), which it hashes several times faster than the standard library's default
/// (SipHash, which protects against hostile keys).
pub(crate) type KeyHash = rustc_hash::FxBuildHasher;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_blob_matches_git() {
        assert_eq!(blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    #[test]
    fn hello_matches_git() {
        // printf 'hello\n' | git hash-object --stdin
        assert_eq!(
            blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }

    #[test]
    fn crlf_is_normalised_but_lone_cr_kept() {
        assert_eq!(page_hash(b"hello\r\n"), page_hash(b"hello\n"));
        assert_eq!(&*normalize_newlines(b"a\rb\r\n"), b"a\rb\n");
    }
}
