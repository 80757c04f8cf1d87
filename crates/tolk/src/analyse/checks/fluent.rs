//! Fluent checks: each target locale's UI strings (`locales/<code>/*.ftl`) against the source
//! locale's, as Mozilla's compare-locales does, plus the link between strings and templates.
//!
//! Codes: `fluent-syntax`, `missing-message`, `obsolete-message`, `missing-attribute`,
//! `obsolete-attribute`, `unknown-variable`, `unused-variable`, `duplicate-message`,
//! `empty-message`, `missing-default-variant`, `unused-message`, `undefined-message`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser::{self, ErrorKind};

use crate::diagnostics::{Finding, Severity, codes};
use crate::load::slash_path;
use crate::model::Site;

/// One Fluent file of a locale.
#[derive(Debug, Clone)]
pub struct FtlFile {
    /// Path relative to the site root (`locales/en/main.ftl`), or a name for embedded files.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// What the checks know of one message (or term) of a locale.
#[derive(Debug, Clone)]
struct MessageInfo {
    path: String,
    line: u32,
    column: u32,
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
    /// Messages and terms (`-term`) its patterns refer to, once per reference.
    refs: Vec<String>,
    /// Placeables written in its patterns.
    placeables: usize,
}

/// A locale's messages, with the findings of reading them.
#[derive(Debug, Default)]
struct LocaleStrings {
    messages: BTreeMap<String, MessageInfo>,
    files: Vec<String>,
    /// Ids other messages of the locale refer to (`{ other-id }`).
    referenced: BTreeSet<String>,
}

/// Reads the Fluent files of every locale (as [`crate::theme::ftl::site_files`] finds them, the
/// same files the build uses), sorted by path within each locale. A locales folder that cannot
/// be read is an `unreadable` finding.
fn site_files(site: &Site) -> (BTreeMap<String, Vec<FtlFile>>, Vec<Finding>) {
    let mut out: BTreeMap<String, Vec<FtlFile>> = BTreeMap::new();
    let found = match crate::theme::ftl::site_files(&site.root, &site.config) {
        Ok(found) => found,
        Err(e) => {
            // A link out of the site is reported where it is (see `links_out`).
            if !links_out(site).is_empty() {
                return (out, Vec::new());
            }
            let folder = slash_path(&site.root.join(&site.config.locales_dir), &site.root);
            return (
                out,
                vec![Finding::new(&codes::UNREADABLE, folder, e.to_string())],
            );
        }
    };
    // A locale with a folder but no files yet is compared too (every message is missing).
    let dir = site.root.join(&site.config.locales_dir);
    for locale in &site.config.locales {
        if dir.join(&locale.code).is_dir() {
            out.insert(locale.code.clone(), Vec::new());
        }
    }
    for (code, path) in found {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        out.entry(code).or_default().push(FtlFile {
            path: slash_path(&path, &site.root),
            text: String::from_utf8_lossy(&bytes).into_owned(),
        });
    }
    (out, Vec::new())
}

/// The Fluent findings of `site`: its locales/ files checked against each other and against the
/// templates (the embedded theme's and the site's own templates/ folder).
pub fn findings(site: &Site) -> Vec<Finding> {
    let (files, mut unreadable) = site_files(site);
    unreadable.extend(links_out(site));
    unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    unreadable.dedup_by(|a, b| a.path == b.path);
    let mut builtin: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (locale, text) in crate::theme::strings::embedded_strings() {
        builtin.insert(locale.to_string(), message_ids(text));
    }
    let mut templates: Vec<(String, String)> = crate::theme::embedded_templates()
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, text)| (format!("(theme) {name}"), text.to_string()))
        .collect();
    templates.extend(site_templates(site));
    unreadable.extend(check(&Inputs {
        source_locale: &site.config.source_locale,
        site: &files,
        builtin: &builtin,
        templates: &templates,
        used_by_code: &[],
    }));
    unreadable
}

/// One `unreadable` finding per locale folder, Fluent file, template folder or template that
/// is a symbolic link out of the site: tolk reads none of them.
fn links_out(site: &Site) -> Vec<Finding> {
    let mut candidates = vec![
        site.root.join(&site.config.locales_dir),
        site.root.join(crate::theme::TEMPLATES_DIR),
    ];
    let locales = site.root.join(&site.config.locales_dir);
    for locale in &site.config.locales {
        let folder = locales.join(&locale.code);
        candidates.push(folder.clone());
        if let Ok(entries) = std::fs::read_dir(&folder) {
            candidates.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    if let Ok(entries) = std::fs::read_dir(site.root.join(crate::theme::TEMPLATES_DIR)) {
        candidates.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    let mut found: Vec<Finding> = Vec::new();
    for path in candidates {
        let linked = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if linked && !crate::load::inside_site(&site.root, &path) {
            found.push(Finding::new(&codes::UNREADABLE,
                slash_path(&path, &site.root),
                "symbolic link points outside the site; tolk does not read it (replace it with a copy or remove it)",
            ));
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    found
}

/// The ids a Fluent text defines (terms with their `-`).
fn message_ids(text: &str) -> BTreeSet<String> {
    let resource = match parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

/// The site's own templates (templates/*.html), relative path and text, sorted.
fn site_templates(site: &Site) -> Vec<(String, String)> {
    let dir = site.root.join(crate::theme::TEMPLATES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter(|p| crate::load::inside_site(&site.root, p))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((slash_path(&p, &site.root), text))
        })
        .collect();
    out.sort();
    out
}

/// Message ids a template asks for with `t("id")` (or `t('id')`).
pub fn template_references(source: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut rest = source;
    while let Some(i) = rest.find("t(") {
        let before_ok = i == 0
            || !rest[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after = rest[i + 2..].trim_start();
        rest = &rest[i + 2..];
        if !before_ok {
            continue;
        }
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = after[1..].find(quote) {
            let id = &after[1..1 + end];
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

/// The inputs of the checks.
pub struct Inputs<'a> {
    /// Source locale code.
    pub source_locale: &'a str,
    /// The site's Fluent files per locale.
    pub site: &'a BTreeMap<String, Vec<FtlFile>>,
    /// Message ids defined elsewhere (the embedded theme), per locale.
    pub builtin: &'a BTreeMap<String, BTreeSet<String>>,
    /// Templates (name, source) whose `t()` calls reference messages.
    pub templates: &'a [(String, String)],
    /// Ids used by tolk's own code rather than templates.
    pub used_by_code: &'a [&'a str],
}

/// Runs every Fluent check.
pub fn check(inputs: &Inputs<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut parsed: BTreeMap<&str, LocaleStrings> = BTreeMap::new();
    for (locale, files) in inputs.site {
        parsed.insert(locale, read_locale(locale, files, &mut findings));
    }
    if let Some(source) = parsed.get(inputs.source_locale) {
        for (locale, strings) in &parsed {
            if *locale != inputs.source_locale {
                compare(locale, source, strings, &mut findings);
            }
        }
    }
    templates(inputs, &parsed, &mut findings);
    findings
}

/// The (line, column) where `id` is defined for the `nth` time (0-based) in `text`.
fn definition_place(text: &str, id: &str, nth: usize) -> (u32, u32) {
    let mut seen = 0;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            if seen == nth {
                return ((i + 1) as u32, 1);
            }
            seen += 1;
        }
    }
    (1, 1)
}

fn read_locale(locale: &str, files: &[FtlFile], findings: &mut Vec<Finding>) -> LocaleStrings {
    let mut strings = LocaleStrings::default();
    let mut seen_in_file: BTreeMap<(String, String), usize> = BTreeMap::new();
    for file in files {
        strings.files.push(file.path.clone());
        if let Some(line) = crate::load::depth::fluent_too_deep(&file.text) {
            findings.push(
                Finding::new(
                    &codes::FLUENT_TOO_DEEP,
                    file.path.clone(),
                    format!(
                        "placeables are nested more than {} deep; tolk does not read this file \
                         (its messages are missing in {locale})",
                        crate::load::depth::MAX_DEPTH
                    ),
                )
                .locale(locale.to_string())
                .at(Some(line as u32), Some(1)),
            );
            continue;
        }
        let resource = match parser::parse(file.text.as_str()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    findings.push(syntax_finding(locale, file, &error));
                }
                resource
            }
        };
        for entry in &resource.body {
            let (id, value, attributes) = match entry {
                Entry::Message(m) => (
                    m.id.name.to_string(),
                    m.value.as_ref(),
                    m.attributes
                        .iter()
                        .map(|a| (a.id.name, &a.value))
                        .collect::<Vec<_>>(),
                ),
                Entry::Term(t) => (
                    format!("-{}", t.id.name),
                    Some(&t.value),
                    t.attributes
                        .iter()
                        .map(|a| (a.id.name, &a.value))
                        .collect::<Vec<_>>(),
                ),
                _ => continue,
            };
            let nth = seen_in_file
                .entry((file.path.clone(), id.clone()))
                .or_insert(0);
            let (line, column) = definition_place(&file.text, &id, *nth);
            *nth += 1;
            let mut uses = Uses::default();
            if let Some(pattern) = value {
                uses.pattern(pattern);
            }
            for (_, pattern) in &attributes {
                uses.pattern(pattern);
            }
            strings.referenced.extend(uses.messages);
            let variables = uses.variables;
            let (refs, placeables) = (uses.refs, uses.placeables);
            let blank = value.is_none_or(is_blank) && attributes.iter().all(|(_, p)| is_blank(p));
            if blank {
                findings.push(
                    Finding::new(
                        &codes::EMPTY_MESSAGE,
                        file.path.clone(),
                        format!("message `{id}` has no text; give it a value or remove it"),
                    )
                    .locale(locale)
                    .at(Some(line), Some(column)),
                );
            }
            let info = MessageInfo {
                path: file.path.clone(),
                line,
                column,
                attributes: attributes.iter().map(|(a, _)| a.to_string()).collect(),
                variables,
                refs,
                placeables,
            };
            if let Some(first) = strings.messages.get(&id) {
                findings.push(
                    Finding::new(&codes::DUPLICATE_MESSAGE,
                        file.path.clone(),
                        format!(
                            "message `{id}` is defined twice in `{locale}` (first at {}:{}); the later one wins, remove one",
                            first.path, first.line
                        ),
                    )
                    .locale(locale)
                    .at(Some(line), Some(column)),
                );
            }
            strings.messages.insert(id, info);
        }
    }
    references(locale, &strings, findings);
    strings
}

/// The most placeables fluent-bundle resolves for one message before it gives up.
const MAX_PLACEABLES: usize = 100;

/// `fluent-cycle` for messages that refer to themselves through other messages or terms, and
/// `fluent-too-many-placeables` for messages whose references expand to more placeables than
/// fluent-bundle resolves: both make the UI show an error where the text should be, so
/// `tolk build` refuses them.
fn references(locale: &str, strings: &LocaleStrings, findings: &mut Vec<Finding>) {
    // 0: not seen, 1: on the current path, 2: done (with its expanded placeable count).
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    let mut total: BTreeMap<&str, usize> = BTreeMap::new();
    let mut in_cycle: BTreeSet<&str> = BTreeSet::new();
    for id in strings.messages.keys() {
        if state.get(id.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        // Iterative depth-first search: (id, next reference to look at).
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(id.as_str(), refs_of(strings, id))];
        state.insert(id.as_str(), 1);
        while let Some((current, pending)) = stack.last_mut() {
            let current = *current;
            match pending.pop() {
                Some(next) => match state.get(next).copied().unwrap_or(0) {
                    0 => {
                        state.insert(next, 1);
                        stack.push((next, refs_of(strings, next)));
                    }
                    1 => {
                        // A reference back onto the path: every message from `next` on is in
                        // the cycle.
                        let from = stack.iter().position(|(m, _)| *m == next).unwrap_or(0);
                        in_cycle.extend(stack[from..].iter().map(|(m, _)| *m));
                    }
                    _ => {}
                },
                None => {
                    let info = strings.messages.get(current);
                    let own = info.map_or(0, |i| i.placeables);
                    let sum = info.map_or(0, |i| {
                        i.refs
                            .iter()
                            .map(|r| total.get(r.as_str()).copied().unwrap_or(0))
                            .fold(own, usize::saturating_add)
                    });
                    total.insert(current, sum);
                    state.insert(current, 2);
                    stack.pop();
                }
            }
        }
    }
    for id in &in_cycle {
        if let Some(info) = strings.messages.get(*id) {
            findings.push(
                Finding::new(
                    &codes::FLUENT_CYCLE,
                    info.path.clone(),
                    format!(
                        "message `{id}` refers back to itself through other messages; the UI shows \
                         an error instead of its text. Break the cycle"
                    ),
                )
                .locale(locale)
                .at(Some(info.line), Some(info.column)),
            );
        }
    }
    for (id, info) in &strings.messages {
        let n = total.get(id.as_str()).copied().unwrap_or(0);
        if n > MAX_PLACEABLES && !in_cycle.contains(id.as_str()) {
            findings.push(
                Finding::new(
                    &codes::FLUENT_TOO_MANY_PLACEABLES,
                    info.path.clone(),
                    format!(
                        "message `{id}` expands to {n} placeables through the messages it refers \
                         to, more than the {MAX_PLACEABLES} Fluent resolves; the UI shows an error \
                         instead of its text. Refer to fewer messages"
                    ),
                )
                .locale(locale)
                .at(Some(info.line), Some(info.column)),
            );
        }
    }
}

fn refs_of<'a>(strings: &'a LocaleStrings, id: &str) -> Vec<&'a str> {
    strings
        .messages
        .get(id)
        .map(|i| i.refs.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

fn syntax_finding(locale: &str, file: &FtlFile, error: &parser::ParserError) -> Finding {
    let (line, column) = crate::place::line_column(&file.text, error.pos.start);
    let (code, message) = match &error.kind {
        ErrorKind::MissingDefaultVariant => (
            &codes::MISSING_DEFAULT_VARIANT,
            "a select expression has no default variant; mark one with `*`, e.g. `*[other]`"
                .to_string(),
        ),
        ErrorKind::ExpectedMessageField { entry_id } => (
            &codes::EMPTY_MESSAGE,
            format!("message `{entry_id}` has neither a value nor attributes"),
        ),
        other => (
            &codes::FLUENT_SYNTAX,
            format!("Fluent syntax error: {other}; this entry is ignored"),
        ),
    };
    let mut finding = Finding::new(code, file.path.clone(), message)
        .locale(locale)
        .at(Some(line), Some(column));
    // The parser drops the entry, so even a code that is milder elsewhere is an error here.
    finding.severity = Severity::Error;
    finding
}

fn is_blank(pattern: &Pattern<&str>) -> bool {
    pattern.elements.iter().all(|e| match e {
        PatternElement::TextElement { value } => value.trim().is_empty(),
        PatternElement::Placeable { .. } => false,
    })
}

/// Variables and messages a pattern refers to.
#[derive(Default)]
struct Uses {
    variables: BTreeSet<String>,
    messages: BTreeSet<String>,
    refs: Vec<String>,
    placeables: usize,
}

impl Uses {
    fn pattern(&mut self, pattern: &Pattern<&str>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self.placeables += 1;
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&str>) {
        match expression {
            Expression::Inline(inline) => self.inline(inline),
            Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &InlineExpression<&str>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_string());
            }
            InlineExpression::MessageReference { id, .. } => {
                self.messages.insert(id.name.to_string());
                self.refs.push(id.name.to_string());
            }
            InlineExpression::TermReference { id, .. } => {
                self.refs.push(format!("-{}", id.name));
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for arg in &arguments.positional {
                    self.inline(arg);
                }
                for arg in &arguments.named {
                    self.inline(&arg.value);
                }
            }
            InlineExpression::Placeable { expression } => {
                self.placeables += 1;
                self.expression(expression);
            }
            // Variables passed to a term are the term's, not the caller's.
            _ => {}
        }
    }
}

fn compare(
    locale: &str,
    source: &LocaleStrings,
    target: &LocaleStrings,
    findings: &mut Vec<Finding>,
) {
    let fallback_path = |info: &MessageInfo| -> String {
        let name = Path::new(&info.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "main.ftl".into());
        let dir = target
            .files
            .first()
            .and_then(|f| f.rsplit_once('/').map(|(d, _)| d.to_string()))
            .unwrap_or_else(|| {
                let parent = info.path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                let grand = parent.rsplit_once('/').map(|(d, _)| d).unwrap_or("locales");
                format!("{grand}/{locale}")
            });
        format!("{dir}/{name}")
    };
    for (id, src) in &source.messages {
        let Some(ours) = target.messages.get(id) else {
            findings.push(
                Finding::new(&codes::MISSING_MESSAGE,
                    fallback_path(src),
                    format!(
                        "message `{id}` ({}:{}) has no `{locale}` translation; the fallback locale's text is shown",
                        src.path, src.line
                    ),
                )
                .locale(locale),
            );
            continue;
        };
        let at = |f: Finding| f.locale(locale).at(Some(ours.line), Some(ours.column));
        for attribute in src.attributes.difference(&ours.attributes) {
            findings.push(at(Finding::new(
                &codes::MISSING_ATTRIBUTE,
                ours.path.clone(),
                format!("message `{id}` lacks the attribute `.{attribute}` that the source has"),
            )));
        }
        for attribute in ours.attributes.difference(&src.attributes) {
            findings.push(at(Finding::new(
                &codes::OBSOLETE_ATTRIBUTE,
                ours.path.clone(),
                format!(
                    "message `{id}` has an attribute `.{attribute}` that the source no longer has"
                ),
            )));
        }
        for variable in ours.variables.difference(&src.variables) {
            findings.push(at(Finding::new(&codes::UNKNOWN_VARIABLE,
                ours.path.clone(),
                format!(
                    "message `{id}` uses `${variable}`, which the source never passes; it would show as an error at run time"
                ),
            )));
        }
        for variable in src.variables.difference(&ours.variables) {
            findings.push(at(Finding::new(&codes::UNUSED_VARIABLE,
                ours.path.clone(),
                format!("message `{id}` does not use `${variable}`, which the source uses; check nothing was lost"),
            )));
        }
    }
    for (id, ours) in &target.messages {
        if !source.messages.contains_key(id) {
            findings.push(
                Finding::new(
                    &codes::OBSOLETE_MESSAGE,
                    ours.path.clone(),
                    format!("message `{id}` is not in the source locale any more; remove it"),
                )
                .locale(locale)
                .at(Some(ours.line), Some(ours.column)),
            );
        }
    }
}

fn templates(
    inputs: &Inputs<'_>,
    parsed: &BTreeMap<&str, LocaleStrings>,
    findings: &mut Vec<Finding>,
) {
    let mut referenced: BTreeMap<String, String> = BTreeMap::new();
    for (name, source) in inputs.templates {
        for id in template_references(source) {
            referenced.entry(id).or_insert_with(|| name.clone());
        }
    }
    let defined_anywhere = |id: &str| {
        parsed.values().any(|s| s.messages.contains_key(id))
            || inputs.builtin.values().any(|ids| ids.contains(id))
    };
    for (id, template) in &referenced {
        if !defined_anywhere(id) {
            findings.push(Finding::new(
                &codes::UNDEFINED_MESSAGE,
                template.clone(),
                format!(
                    "template asks for `{id}`, which no locale defines; add it to locales/{}/",
                    inputs.source_locale
                ),
            ));
        }
    }
    if inputs.templates.is_empty() {
        return;
    }
    if let Some(source) = parsed.get(inputs.source_locale) {
        for (id, info) in &source.messages {
            let used = referenced.contains_key(id)
                || inputs.used_by_code.contains(&id.as_str())
                || id.starts_with('-')
                || parsed.values().any(|s| s.referenced.contains(id));
            if !used {
                findings.push(
                    Finding::new(
                        &codes::UNUSED_MESSAGE,
                        info.path.clone(),
                        format!("message `{id}` is not used by any template; remove it or use it"),
                    )
                    .locale(inputs.source_locale)
                    .at(Some(info.line), Some(info.column)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str, target: &str, templates: &[(&str, &str)]) -> Vec<Finding> {
        let mut site = BTreeMap::new();
        site.insert(
            "nb".to_string(),
            vec![FtlFile {
                path: "locales/nb/main.ftl".into(),
                text: source.into(),
            }],
        );
        site.insert(
            "en".to_string(),
            vec![FtlFile {
                path: "locales/en/main.ftl".into(),
                text: target.into(),
            }],
        );
        let templates: Vec<(String, String)> = templates
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        check(&Inputs {
            source_locale: "nb",
            site: &site,
            builtin: &BTreeMap::new(),
            templates: &templates,
            used_by_code: &[],
        })
    }

    fn codes(findings: &[Finding]) -> Vec<(&str, Option<u32>)> {
        findings.iter().map(|f| (f.code.as_str(), f.line)).collect()
    }

    #[test]
    fn identical_locales_are_clean() {
        let ftl = "hello = Hei { $name }\n    .title = Tittel\n";
        assert!(run(ftl, ftl, &[]).is_empty());
    }

    #[test]
    fn compare_locales_findings() {
        let source = "a = A\nb = B { $n }\nc = C\n    .title = T\nd = D { $x }\n";
        let target = "b = B\nc = C\n    .alt = X\nd = D { $y }\nz = Z\n";
        let findings = run(source, target, &[]);
        let mut got = codes(&findings);
        got.sort();
        assert_eq!(
            got,
            [
                ("missing-attribute", Some(2)),
                ("missing-message", None),
                ("obsolete-attribute", Some(2)),
                ("obsolete-message", Some(5)),
                ("unknown-variable", Some(4)),
                ("unused-variable", Some(1)),
                ("unused-variable", Some(4)),
            ]
        );
    }

    #[test]
    fn syntax_errors_have_places() {
        let findings = run("ok = OK\n", "ok = OK\nbroken = { $\n", &[]);
        assert_eq!(findings[0].code, "fluent-syntax");
        assert_eq!(findings[0].line, Some(2));
        let findings = run(
            "sel = { $n ->\n    [one] én\n    [other] flere\n}\n",
            "",
            &[],
        );
        assert!(
            findings.iter().any(|f| f.code == "missing-default-variant"),
            "{findings:?}"
        );
    }

    #[test]
    fn duplicates_and_empties() {
        let findings = run("a = A\na = B\nb =\n", "", &[]);
        let got: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
        assert!(got.contains(&"duplicate-message"), "{got:?}");
        assert!(got.contains(&"empty-message"), "{got:?}");
        let dup = findings
            .iter()
            .find(|f| f.code == "duplicate-message")
            .map(|f| f.line);
        assert_eq!(dup, Some(Some(2)));
    }

    #[test]
    fn templates_link_to_messages() {
        let findings = run(
            "used = U { via }\nvia = V\nunused = N\n",
            "used = U { via }\nvia = V\nunused = N\n",
            &[("page.html", "{{ t(\"used\") }} {{ t('nowhere') }}")],
        );
        let got: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("undefined-message", "page.html"),
                ("unused-message", "locales/nb/main.ftl")
            ]
        );
    }

    #[test]
    fn references_are_found() {
        let ids = template_references("{{ t(\"a-b\") }} {{ fmt(\"no\") }} {{ t( 'c', n=1) }}");
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["a-b", "c"]);
    }
}
