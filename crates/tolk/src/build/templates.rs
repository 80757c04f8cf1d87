//! Rendering with the theme: the minijinja environment of one build over the theme's templates
//! ([`crate::theme`]: embedded in the binary, each overridable by a file of the same name in the
//! site's `templates/` folder), and the `t()` template function that formats UI strings through
//! Fluent. `style.css` is copied to the output as `/style.css`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{Kwargs, ValueKind};
use minijinja::{Environment, ErrorKind, State, Value};

use crate::error::{Error, Result};
use crate::theme::TEMPLATES_DIR;
use crate::theme::strings::{Problem, Strings};

/// A UI string a template asked for that no locale of the chain has.
#[derive(Debug, Clone)]
struct Missing {
    id: String,
    locale: String,
    chain: Vec<String>,
}

/// The template environment of one build.
pub struct Theme {
    env: Environment<'static>,
    dir: PathBuf,
    missing: Arc<Mutex<Option<Missing>>>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("dir", &self.dir).finish()
    }
}

impl Theme {
    /// The theme for the site at `root`, formatting UI strings with `strings`.
    pub fn new(root: &Path, strings: Arc<Strings>) -> Theme {
        let dir = root.join(TEMPLATES_DIR);
        let mut env = Environment::new();
        let loader_dir = dir.clone();
        env.set_loader(move |name: &str| load(&loader_dir, name));
        env.set_formatter(format_value);
        let missing: Arc<Mutex<Option<Missing>>> = Arc::new(Mutex::new(None));
        let report = Arc::clone(&missing);
        let formatted = Formatted::default();
        env.add_function(
            "t",
            move |state: &State,
                  id: &str,
                  kwargs: Kwargs|
                  -> std::result::Result<Value, minijinja::Error> {
                translate(&strings, &formatted, &report, state, id, &kwargs)
            },
        );
        Theme { env, dir, missing }
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: Value) -> Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| self.error(name, &e))?;
        template.render(context).map_err(|e| self.error(name, &e))
    }

    /// The stylesheet (the site's `templates/style.css`, else the theme's).
    pub fn stylesheet(&self) -> Result<String> {
        match load(&self.dir, "style.css") {
            Ok(Some(css)) => Ok(css),
            Ok(None) => Ok(String::new()),
            Err(e) => Err(self.error("style.css", &e)),
        }
    }

    fn error(&self, name: &str, err: &minijinja::Error) -> Error {
        let template = match (err.name(), err.line()) {
            (Some(n), Some(l)) => format!("{n}, line {l}"),
            (Some(n), None) => n.to_string(),
            _ => name.to_string(),
        };
        let missing = self.missing.lock().ok().and_then(|mut m| m.take());
        if let Some(missing) = missing {
            return Error::MissingMessage {
                id: missing.id,
                template,
                locale: missing.locale,
                chain: missing.chain.join(" → "),
            };
        }
        let mut message = err
            .detail()
            .map_or_else(|| err.kind().to_string(), str::to_string);
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        Error::Template { template, message }
    }
}

/// Escapes like minijinja's HTML auto-escaping, except `/`: URLs stay readable in the output
/// (`href="/en/"`, not `href="&#x2f;en&#x2f;"`), and `/` is harmless in text and quoted attributes.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> std::result::Result<(), minijinja::Error> {
    if value.is_safe() || *state.auto_escape() != minijinja::AutoEscape::Html {
        return minijinja::escape_formatter(out, state, value);
    }
    let written = match value.as_str() {
        Some(text) => crate::escape::write_html(out, text),
        None => crate::escape::write_html(out, &value.to_string()),
    };
    written.map_err(minijinja::Error::from)
}

/// A template's source: the site's `templates/<name>` if it exists, else the embedded one.
fn load(dir: &Path, name: &str) -> std::result::Result<Option<String>, minijinja::Error> {
    if name
        .split(['/', '\\'])
        .any(|part| part == ".." || part.is_empty())
    {
        return Ok(None);
    }
    let path = dir.join(name);
    if path.is_file() {
        let root = dir.parent().unwrap_or(dir);
        if !crate::load::inside_site(root, &path) {
            return Err(minijinja::Error::new(
                ErrorKind::TemplateNotFound,
                format!(
                    "{} is a symbolic link out of the site; tolk does not read it (replace it with a copy)",
                    path.display()
                ),
            ));
        }
        return std::fs::read_to_string(&path).map(Some).map_err(|e| {
            minijinja::Error::new(
                ErrorKind::TemplateNotFound,
                format!("cannot read {}: {e}", path.display()),
            )
        });
    }
    Ok(crate::theme::embedded_template(name).map(str::to_string))
}

/// The messages `t()` formatted without arguments of the template's, by locale, site name and
/// message id: such a message reads the same on every page of a locale, so it is formatted once
/// a build. Only messages that formatted are kept; a missing one fails (and is reported) each
/// time it is asked for.
#[derive(Default)]
struct Formatted {
    texts: RwLock<HashMap<String, Value>>,
}

impl Formatted {
    /// The key of message `id` in `locale` for the site named `site` (each part
    /// length-prefixed, so that no two different triples share a key).
    fn key(locale: &str, site: Option<&str>, id: &str) -> String {
        let site_len = site.map_or(0, str::len);
        let mut key = String::with_capacity(locale.len() + site_len + id.len() + 24);
        key.push_str(&locale.len().to_string());
        key.push(':');
        key.push_str(locale);
        match site {
            Some(site) => {
                key.push_str(&site.len().to_string());
                key.push(':');
                key.push_str(site);
            }
            None => key.push('-'),
        }
        key.push_str(id);
        key
    }

    fn get(&self, key: &str) -> Option<Value> {
        self.texts.read().ok()?.get(key).cloned()
    }

    fn insert(&self, key: String, text: Value) {
        if let Ok(mut texts) = self.texts.write() {
            texts.insert(key, text);
        }
    }
}

/// `t("message-id", name=value, …)`: the message in the page's locale (the context variable
/// `locale_code`), or in the locale given as `locale=…`, falling back along its chain.
fn translate(
    strings: &Strings,
    formatted: &Formatted,
    report: &Mutex<Option<Missing>>,
    state: &State,
    id: &str,
    kwargs: &Kwargs,
) -> std::result::Result<Value, minijinja::Error> {
    let locale_code = state.lookup("locale_code");
    let mut locale = Cow::Borrowed(locale_code.as_ref().and_then(Value::as_str).unwrap_or(""));
    // The site's name, for the strings that show it (`site-name = { $site }`).
    let title = state
        .lookup("site")
        .and_then(|site| site.get_attr("title").ok())
        .filter(|title| !title.is_undefined() && !title.is_none());
    let site = title.as_ref().map(|title| match title.as_str() {
        Some(text) => Cow::Borrowed(text),
        None => Cow::Owned(title.to_string()),
    });
    // Without arguments of the template's (`locale=` picks the locale, it is no argument), the
    // text depends on the locale, the site's name and the id alone.
    let key = if kwargs.args().all(|name| name == "locale") {
        if kwargs.has("locale") {
            let value: Value = kwargs.get("locale")?;
            locale = Cow::Owned(value.to_string());
        }
        let key = Formatted::key(&locale, site.as_deref(), id);
        if let Some(text) = formatted.get(&key) {
            return Ok(text);
        }
        Some(key)
    } else {
        None
    };
    let text = format(
        strings,
        report,
        locale.into_owned(),
        site.map(Cow::into_owned),
        id,
        kwargs,
    )?;
    if let Some(key) = key {
        formatted.insert(key, text.clone());
    }
    Ok(text)
}

/// Formats message `id` for [`translate`], with the site's name `site` and the template's
/// arguments.
fn format(
    strings: &Strings,
    report: &Mutex<Option<Missing>>,
    mut locale: String,
    site: Option<String>,
    id: &str,
    kwargs: &Kwargs,
) -> std::result::Result<Value, minijinja::Error> {
    let mut args = FluentArgs::new();
    if let Some(site) = site {
        args.set("site", FluentValue::from(site));
    }
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        if name == "locale" {
            locale = value.to_string();
            continue;
        }
        let fluent = match value.kind() {
            ValueKind::Number => match value.as_i64() {
                Some(n) => FluentValue::from(n),
                None => FluentValue::from(f64::try_from(value).unwrap_or(0.0)),
            },
            _ => FluentValue::from(value.to_string()),
        };
        args.set(name.to_string(), fluent);
    }
    match strings.format(&locale, id, &args) {
        Ok(text) => Ok(Value::from(text)),
        Err(Problem::Missing { chain }) => {
            let message = format!("UI string `{id}` is missing in {}", chain.join(", "));
            if let Ok(mut slot) = report.lock() {
                slot.get_or_insert(Missing {
                    id: id.to_string(),
                    locale,
                    chain,
                });
            }
            Err(minijinja::Error::new(ErrorKind::InvalidOperation, message))
        }
        Err(Problem::Format { locale, message }) => Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("UI string `{id}` in {locale}: {message}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn theme(templates: &[(&str, &str)]) -> (tempfile::TempDir, Theme) {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let dir = root.path().join(TEMPLATES_DIR);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in templates {
            std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
        let strings = Strings::load(root.path(), &Config::default())
            .unwrap_or_else(|e| panic!("strings: {e}"));
        let theme = Theme::new(root.path(), Arc::new(strings));
        (root, theme)
    }

    fn context(locale: &str, title: &str) -> Value {
        minijinja::context! { locale_code => locale, site => minijinja::context! { title => title } }
    }

    #[test]
    fn messages_without_arguments_follow_the_locale_and_the_site_name() {
        let (_root, theme) = theme(&[(
            "t.html",
            r#"{{ t("skip-link") }}|{{ t("skip-link", locale="en") }}|{{ t("site-name") }}|{{ t("reading-time", minutes=3) }}"#,
        )]);
        let render = |locale, title| {
            theme
                .render("t.html", context(locale, title))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        // Each asked twice: the second answer is the remembered one, and must be the same.
        for _ in 0..2 {
            let nb = render("nb", "MinID");
            let en = render("en", "MyID");
            assert!(
                nb.starts_with("Hopp til hovedinnholdet|Skip to main content|MinID|"),
                "{nb}"
            );
            assert!(
                en.starts_with("Skip to main content|Skip to main content|MyID|"),
                "{en}"
            );
            assert_eq!(render("nb", "Annet"), nb.replace("MinID", "Annet"));
        }
    }

    #[test]
    fn a_missing_message_fails_every_time_it_is_asked_for() {
        let (_root, theme) = theme(&[("t.html", r#"{{ t("no-such-message") }}"#)]);
        for _ in 0..2 {
            match theme.render("t.html", context("nb", "MinID")) {
                Err(Error::MissingMessage { id, locale, .. }) => {
                    assert_eq!((id.as_str(), locale.as_str()), ("no-such-message", "nb"));
                }
                other => panic!("expected a missing message, got {other:?}"),
            }
        }
    }
}
