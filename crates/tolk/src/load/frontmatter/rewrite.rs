//! Editing front matter in place: the `l10n` baseline `tolk mark` writes into TOML and JSON
//! front matter (YAML is edited by `edit::mark` itself), and the YAML form of a page whose
//! front matter is written otherwise, for `tolk new`.

use serde_yaml::Value;

use super::{BOM, Format, split, value};

/// `text` with `l10n.source_hash` set to `hash`, every other byte kept: what `tolk mark`
/// writes. YAML front matter is edited by `yaml`, given the text from its opening `---` on
/// (a BOM and blank lines before it are kept as they are); a page without front matter is
/// handed to `yaml` whole. TOML front matter gets an `[l10n]` table (or its `source_hash` line
/// rewritten); JSON front matter gets an `"l10n"` member. Errors say why the front matter
/// cannot be edited safely.
pub fn set_source_hash(
    text: &str,
    hash: &str,
    yaml: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, String> {
    let split = match split(text) {
        Ok(split) if split.has_front_matter => split,
        _ => return yaml(text),
    };
    let eol = if text[split.open_offset..]
        .split('\n')
        .next()
        .is_some_and(|l| l.ends_with('\r'))
    {
        "\r\n"
    } else {
        "\n"
    };
    match split.format {
        Format::Yaml => {
            let lead = &text[..split.open_offset];
            if lead.is_empty() || lead == BOM {
                return yaml(text);
            }
            Ok(format!("{lead}{}", yaml(&text[split.open_offset..])?))
        }
        Format::Toml => {
            let front = set_toml_hash(split.yaml, hash, eol)?;
            let end = split.yaml_offset + split.yaml.len();
            Ok(format!(
                "{}{front}{}",
                &text[..split.yaml_offset],
                &text[end..]
            ))
        }
        Format::Json => {
            let front = set_json_hash(split.yaml, hash, eol)?;
            let end = split.yaml_offset + split.yaml.len();
            Ok(format!(
                "{}{front}{}",
                &text[..split.yaml_offset],
                &text[end..]
            ))
        }
    }
}

/// `text` with YAML front matter that starts on its first line (after a BOM): TOML or JSON
/// front matter is written as YAML with the same data, blank lines before a `---` fence are
/// left out. Text that is so already, or whose front matter cannot be read, is returned as it
/// is. For what copies front matter line by line (`tolk new`).
pub fn yaml_form(text: &str) -> std::borrow::Cow<'_, str> {
    let Ok(split) = split(text) else {
        return text.into();
    };
    let bom = if text.starts_with(BOM) { BOM } else { "" };
    if !split.has_front_matter || split.open_offset == bom.len() && split.format == Format::Yaml {
        return text.into();
    }
    if split.format == Format::Yaml {
        return format!("{bom}{}", &text[split.open_offset..]).into();
    }
    let Ok(value) = value(&split) else {
        return text.into();
    };
    let yaml = match &value {
        Value::Mapping(m) if m.is_empty() => String::new(),
        Value::Null => String::new(),
        other => serde_yaml::to_string(other).unwrap_or_default(),
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let yaml = if eol == "\r\n" {
        yaml.replace('\n', "\r\n")
    } else {
        yaml
    };
    format!("{bom}---{eol}{yaml}---{eol}{}", split.body).into()
}

/// The TOML front matter `toml` with `l10n.source_hash = "hash"`.
fn set_toml_hash(toml: &str, hash: &str, eol: &str) -> Result<String, String> {
    let lines: Vec<&str> = toml.split_inclusive('\n').collect();
    let header = |line: &str| line.trim().starts_with('[');
    let key_is = |line: &str, key: &str| {
        line.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let line_end = |line: &str| {
        if line.ends_with("\r\n") {
            "\r\n"
        } else if line.ends_with('\n') {
            "\n"
        } else {
            ""
        }
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // `l10n.source_hash = …` among the top-level keys, before the first table.
    let top = lines.iter().take_while(|l| !header(l)).count();
    if let Some(i) = (0..top).find(|&i| key_is(lines[i], "l10n.source_hash")) {
        out[i] = format!("l10n.source_hash = \"{hash}\"{}", line_end(lines[i]));
        return Ok(out.concat());
    }
    if (0..top).any(|i| key_is(lines[i], "l10n")) {
        return Err(
            "its TOML front matter writes `l10n` as an inline table; write it as a `[l10n]` table \
             with a `source_hash = \"…\"` line"
                .into(),
        );
    }
    let table = lines
        .iter()
        .position(|l| l.split('#').next().unwrap_or("").trim() == "[l10n]");
    match table {
        Some(start) => {
            let end = (start + 1..lines.len())
                .find(|&i| header(lines[i]))
                .unwrap_or(lines.len());
            match (start + 1..end).find(|&i| key_is(lines[i], "source_hash")) {
                Some(i) => {
                    out[i] = format!("source_hash = \"{hash}\"{}", line_end(lines[i]));
                }
                None => {
                    let mut head = out[start].clone();
                    if head.is_empty() || !head.ends_with('\n') {
                        head.push_str(eol);
                    }
                    out[start] = format!("{head}source_hash = \"{hash}\"{eol}");
                }
            }
        }
        None => {
            let mut text = out.concat();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push_str(eol);
            }
            text.push_str(&format!("[l10n]{eol}source_hash = \"{hash}\"{eol}"));
            return Ok(text);
        }
    }
    Ok(out.concat())
}

/// The JSON front matter `json` (an object, braces included) with `"l10n": { "source_hash":
/// "hash" }`.
fn set_json_hash(json: &str, hash: &str, eol: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| format!("its JSON front matter is not valid JSON: {e}"))?;
    let Some(object) = value.as_object() else {
        return Err("its JSON front matter is not an object".into());
    };
    let refuse = || {
        Err(
            "its JSON front matter already has an `l10n` member tolk cannot rewrite; write it as \
             `\"l10n\": { \"source_hash\": \"…\" }` on one line"
                .to_string(),
        )
    };
    if let Some(l10n) = object.get("l10n") {
        // Rewrite the value of the one `"source_hash": "…"` there is.
        let Some(serde_json::Value::String(old)) = l10n.get("source_hash") else {
            return refuse();
        };
        let needle = format!("\"{old}\"");
        let Some(key) = json.find("\"source_hash\"") else {
            return refuse();
        };
        let Some(at) = json[key..].find(&needle).map(|i| key + i) else {
            return refuse();
        };
        if json.matches("\"source_hash\"").count() != 1 {
            return refuse();
        }
        return Ok(format!(
            "{}\"{hash}\"{}",
            &json[..at],
            &json[at + needle.len()..]
        ));
    }
    let close = json
        .rfind('}')
        .ok_or("its JSON front matter is not an object")?;
    let before = json[..close].trim_end();
    let comma = if before.ends_with('{') { "" } else { "," };
    Ok(format!(
        "{before}{comma}{eol}  \"l10n\": {{ \"source_hash\": \"{hash}\" }}{eol}{}",
        &json[close..]
    ))
}
