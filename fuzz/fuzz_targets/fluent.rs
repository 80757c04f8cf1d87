//! The Fluent checks on an arbitrary source and target locale and template.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use tolk::analyse::checks::fluent::{FtlFile, Inputs, check};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{1}');
    let source = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let template = parts.next().unwrap_or("").to_string();
    let mut site = BTreeMap::new();
    site.insert("nb".to_string(), vec![FtlFile { path: "locales/nb/main.ftl".into(), text: source }]);
    site.insert("en".to_string(), vec![FtlFile { path: "locales/en/main.ftl".into(), text: target }]);
    let templates = vec![("page.html".to_string(), template)];
    let _ = check(&Inputs {
        source_locale: "nb",
        site: &site,
        builtin: &BTreeMap::new(),
        templates: &templates,
        used_by_code: &[],
    });
});
