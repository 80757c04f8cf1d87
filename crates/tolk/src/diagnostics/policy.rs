//! Severity policy: tolk.yaml's `severity:` key, which overrides the catalogue's default
//! severity per code, or per code and locale, and is applied once to all findings.
//!
//! ```yaml
//! severity:
//!   missing: { en: error, nn: info }   # per locale; "*" stands for the other locales
//!   untranslated-field: info           # every locale
//!   structure-mismatch: off            # not reported at all
//! ```

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::{Finding, Severity, codes};

/// What a policy makes of a finding: a severity, or `off` (not reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Report with this severity.
    Report(Severity),
    /// Do not report.
    Off,
}

/// The rule for one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// One level for every locale.
    All(Level),
    /// A level per locale code; `*` for the others. Locales not listed keep the default.
    PerLocale(BTreeMap<String, Level>),
}

/// The `severity:` policy of tolk.yaml: a rule per code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Rules by code.
    pub rules: BTreeMap<String, Rule>,
}

impl Policy {
    /// Reads the policy from the value of tolk.yaml's `severity:` key (absent: no overrides),
    /// checking codes and locales against the catalogue and the configured locale codes.
    pub fn from_value(value: Option<&Value>, locales: &[&str]) -> Result<Policy, String> {
        let mut policy = Policy::default();
        let mapping = match value {
            None | Some(Value::Null) => return Ok(policy),
            Some(Value::Mapping(m)) => m,
            Some(_) => {
                return Err(
                    "`severity` must map codes to levels, like `severity: { missing: { en: error }, untranslated-field: info }`"
                        .into(),
                );
            }
        };
        for (code, rule) in mapping {
            let Some(code) = code.as_str() else {
                return Err("`severity` keys must be finding codes (see `tolk explain`)".into());
            };
            if codes::lookup(code).is_none() {
                let hint = match codes::suggestions(code).first() {
                    Some(near) => format!("; did you mean `{near}`?"),
                    None => "; `tolk explain` lists the codes".to_string(),
                };
                return Err(format!(
                    "`severity.{code}`: `{code}` is not a finding code{hint}"
                ));
            }
            let rule = match rule {
                Value::Mapping(per_locale) => {
                    let mut levels = BTreeMap::new();
                    for (locale, level) in per_locale {
                        let Some(locale) = locale.as_str() else {
                            return Err(format!("`severity.{code}` keys must be locale codes"));
                        };
                        if locale != "*" && !locales.contains(&locale) {
                            return Err(format!(
                                "`severity.{code}.{locale}`: `{locale}` is not a configured locale ({})",
                                locales.join(", ")
                            ));
                        }
                        levels.insert(
                            locale.to_string(),
                            level_of(level, &format!("{code}.{locale}"))?,
                        );
                    }
                    Rule::PerLocale(levels)
                }
                other => Rule::All(level_of(other, code)?),
            };
            policy.rules.insert(code.to_string(), rule);
        }
        Ok(policy)
    }

    /// The level the policy gives a finding of `code` in `locale`, if it says anything.
    pub fn level(&self, code: &str, locale: Option<&str>) -> Option<Level> {
        match self.rules.get(code)? {
            Rule::All(level) => Some(*level),
            Rule::PerLocale(levels) => locale
                .and_then(|l| levels.get(l))
                .or_else(|| levels.get("*"))
                .copied(),
        }
    }

    /// Applies the policy: changes severities, drops findings that are `off`.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if self.rules.is_empty() {
            return;
        }
        findings.retain_mut(|f| match self.level(&f.code, f.locale.as_deref()) {
            None => true,
            Some(Level::Off) => false,
            Some(Level::Report(severity)) => {
                f.severity = severity;
                true
            }
        });
    }
}

fn level_of(value: &Value, at: &str) -> Result<Level, String> {
    match value.as_str().map(str::to_ascii_lowercase).as_deref() {
        Some("error") => Ok(Level::Report(Severity::Error)),
        Some("warning") => Ok(Level::Report(Severity::Warning)),
        Some("info") => Ok(Level::Report(Severity::Info)),
        Some("off") => Ok(Level::Off),
        _ => Err(format!(
            "`severity.{at}` must be `error`, `warning`, `info` or `off`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn policy(yaml: &str) -> Result<Policy, String> {
        let value: Value = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
        let locales = Config::default().locales;
        let codes: Vec<&str> = locales.iter().map(|l| l.code.as_str()).collect();
        Policy::from_value(Some(&value), &codes)
    }

    #[test]
    fn per_code_and_per_locale() {
        let p =
            policy("{ missing: { en: error, nn: info }, untranslated-field: info, draft: off }")
                .unwrap();
        assert_eq!(
            p.level("missing", Some("en")),
            Some(Level::Report(Severity::Error))
        );
        assert_eq!(
            p.level("missing", Some("nn")),
            Some(Level::Report(Severity::Info))
        );
        assert_eq!(p.level("missing", None), None);
        assert_eq!(
            p.level("untranslated-field", Some("nn")),
            Some(Level::Report(Severity::Info))
        );
        let mut findings = vec![
            Finding::new(&codes::DRAFT, "a", "m").locale("en"),
            Finding::new(&codes::MISSING, "b", "m").locale("en"),
        ];
        p.apply(&mut findings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(
            policy("{ mising: error }")
                .unwrap_err()
                .contains("did you mean `missing`")
        );
        assert!(
            policy("{ missing: { de: error } }")
                .unwrap_err()
                .contains("not a configured locale")
        );
        assert!(
            policy("{ missing: fatal }")
                .unwrap_err()
                .contains("`error`, `warning`, `info` or `off`")
        );
        assert!(policy("[missing]").is_err());
    }
}
