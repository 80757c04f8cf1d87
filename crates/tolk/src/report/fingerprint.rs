//! Fingerprints of findings that stay the same from run to run, for code hosts that track
//! findings over time (SARIF `partialFingerprints`, GitLab Code Quality `fingerprint`).
//!
//! A fingerprint hashes what identifies a finding, its code, locale, path and message, with the
//! digits of the message left out, so that a finding whose page only gained or lost lines above
//! it (and whose message names a line) keeps its fingerprint and is not reported as new. Findings
//! that hash alike are told apart by their occurrence index, counted in report order.

use std::collections::HashMap;

use sha1::{Digest, Sha1};

use crate::diagnostics::Finding;

/// The fingerprint of each finding, in the order given: 16 hex digits of the hash, `:`, and the
/// 1-based occurrence of that hash (`3f2a…9c01:1`).
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let hash = identity_hash(f);
            let index = seen.entry(hash.clone()).or_insert(0);
            *index += 1;
            format!("{hash}:{index}")
        })
        .collect()
}

/// 16 hex digits of the SHA-1 of the finding's code, locale, path and message without digits.
fn identity_hash(f: &Finding) -> String {
    let message: String = f.message.chars().filter(|c| !c.is_ascii_digit()).collect();
    let mut hasher = Sha1::new();
    for part in [
        f.code.as_str(),
        f.locale.as_deref().unwrap_or(""),
        f.path.as_str(),
        message.as_str(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(line: u32, message: &str) -> Finding {
        Finding::new(
            &crate::diagnostics::codes::BROKEN_LINK,
            "content/en/a.md",
            message,
        )
        .locale("en")
        .at(Some(line), Some(4))
    }

    #[test]
    fn moving_lines_keeps_the_fingerprint() {
        let before = fingerprints(&[link(3, "`/x/` (line 3) leads nowhere")]);
        let after = fingerprints(&[link(9, "`/x/` (line 9) leads nowhere")]);
        assert_eq!(before, after);
        assert!(before[0].ends_with(":1"));
        assert_eq!(before[0].len(), 16 + 2);
    }

    #[test]
    fn alike_findings_are_numbered_and_others_differ() {
        let prints = fingerprints(&[
            link(3, "`/x/` leads nowhere"),
            link(5, "`/x/` leads nowhere"),
            link(7, "`/y/` leads nowhere"),
        ]);
        assert_eq!(prints[0].split(':').next(), prints[1].split(':').next());
        assert!(prints[0].ends_with(":1") && prints[1].ends_with(":2"));
        assert_ne!(prints[0].split(':').next(), prints[2].split(':').next());
        let other_locale = fingerprints(&[link(3, "`/x/` leads nowhere").locale("nn")]);
        assert_ne!(other_locale[0], prints[0]);
    }
}
