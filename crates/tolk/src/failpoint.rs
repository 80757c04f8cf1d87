//! Failure injection: named points in tolk's writes where a test can make the write fail, as a
//! full disk, a crash or a lost rename would, to prove that the original files survive.
//!
//! A point fails when the environment variable `TOLK_FAILPOINT` lists its name
//! (comma-separated). Unset, every point passes: the check is one environment lookup.

/// The environment variable that arms failure points.
pub(crate) const ENV: &str = "TOLK_FAILPOINT";

/// Fails with an I/O error when `point` is armed.
pub(crate) fn check(point: &str) -> std::io::Result<()> {
    match std::env::var(ENV) {
        Ok(armed) if armed.split(',').any(|p| p.trim() == point) => Err(std::io::Error::other(
            format!("failure injected at `{point}` ({ENV})"),
        )),
        _ => Ok(()),
    }
}
