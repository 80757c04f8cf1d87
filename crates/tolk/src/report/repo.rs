//! Paths as the repository sees them: code hosts place findings by paths relative to the
//! repository's top, while tolk's findings are relative to the site root, which may be a
//! folder of the repository (`docs/` of a project).

use std::path::Path;

/// The site root's folder relative to the top of its git work tree, `/`-terminated (`docs/`),
/// or empty when the root is the top or not in a git work tree (or git cannot be run).
pub fn prefix(root: &Path) -> String {
    crate::git::query(root, &["rev-parse", "--show-prefix"]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;

    #[test]
    fn outside_git_there_is_no_prefix() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(prefix(dir.path()), "");
    }

    #[test]
    fn a_subfolder_of_a_work_tree_is_its_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["init", "-q"])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git init");
        std::fs::create_dir_all(dir.path().join("docs/site")).unwrap();
        assert_eq!(prefix(&dir.path().join("docs/site")), "docs/site/");
        assert_eq!(prefix(dir.path()), "");
    }
}
