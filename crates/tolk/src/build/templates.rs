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

/// The messages `t()` formatted, by everything that makes the text: locale, site name, message
/// id and the template's arguments (as Fluent gets them). Most calls read the same on every page
/// of a locale (`t("skip-link")`), or on many (`t("reading-time", minutes=4)`), so each text is
/// formatted once a build. Only messages that formatted are kept; a missing one fails (and is
/// reported) each time it is asked for.
#[derive(Default)]
struct Formatted {
    texts: RwLock<HashMap<String, Value>>,
}

impl Formatted {
    fn get(&self, key: &str) -> Option<Value> {
        self.texts.read().ok()?.get(key).cloned()
    }

    fn insert(&self, key: String, text: Value) {
        if let Ok(mut texts) = self.texts.write() {
            texts.insert(key, text);
        }
    }
}

/// An argument of `t()` as Fluent gets it.
enum Arg {
    Integer(i64),
    Float(f64),
    Text(String),
}

impl Arg {
    fn fluent(&self) -> FluentValue<'static> {
        match self {
            Arg::Integer(n) => FluentValue::from(*n),
            Arg::Float(n) => FluentValue::from(*n),
            Arg::Text(text) => FluentValue::from(text.clone()),
        }
    }
}

/// The key of a text in [`Formatted`]: every part length-prefixed or tagged, so that no two
/// different calls share a key.
fn key(locale: &str, site: Option<&str>, id: &str, args: &[(&str, Arg)]) -> String {
    use std::fmt::Write;
    let mut key = String::with_capacity(locale.len() + id.len() + 64);
    let _ = write!(key, "{}:{locale}{}:{id}", locale.len(), id.len());
    let _ = match site {
        Some(site) => write!(key, "s{}:{site}", site.len()),
        None => write!(key, "n"),
    };
    for (name, arg) in args {
        let _ = write!(key, "{}:{name}", name.len());
        let _ = match arg {
            Arg::Integer(n) => write!(key, "i{n};"),
            Arg::Float(n) => write!(key, "f{:x};", n.to_bits()),
            Arg::Text(text) => write!(key, "s{}:{text}", text.len()),
        };
    }
    key
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
    let mut args: Vec<(&str, Arg)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        if name == "locale" {
            locale = Cow::Owned(value.to_string());
            continue;
        }
        let arg = match value.kind() {
            ValueKind::Number => match value.as_i64() {
                Some(n) => Arg::Integer(n),
                None => Arg::Float(f64::try_from(value).unwrap_or(0.0)),
            },
            _ => Arg::Text(value.to_string()),
        };
        args.push((name, arg));
    }
    let key = key(&locale, site.as_deref(), id, &args);
    if let Some(text) = formatted.get(&key) {
        return Ok(text);
    }
    let mut fluent = FluentArgs::new();
    if let Some(site) = site {
        fluent.set("site", FluentValue::from(site.into_owned()));
    }
    for (name, arg) in &args {
        fluent.set(name.to_string(), arg.fluent());
    }
    let text = match strings.format(&locale, id, &fluent) {
        Ok(text) => Value::from(text),
        Err(Problem::Missing { chain }) => {
            let message = format!("UI string `{id}` is missing in {}", chain.join(", "));
            if let Ok(mut slot) = report.lock() {
                slot.get_or_insert(Missing {
                    id: id.to_string(),
                    locale: locale.into_owned(),
                    chain,
                });
            }
            return Err(minijinja::Error::new(ErrorKind::InvalidOperation, message));
        }
        Err(Problem::Format { locale, message }) => {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!("UI string `{id}` in {locale}: {message}"),
            ));
        }
    };
    formatted.insert(key, text.clone());
    Ok(text)
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
    fn messages_with_arguments_follow_the_arguments() {
        let (_root, theme) = theme(&[(
            "t.html",
            r#"{{ t("reading-time", minutes=n) }}|{{ t("reading-time", minutes=n|string) }}|{{ t("document-title", title=title) }}"#,
        )]);
        let render = |n: i64, title: &str| {
            let context = minijinja::context! {
                locale_code => "en", site => minijinja::context! { title => "MinID" }, n => n, title => title
            };
            theme
                .render("t.html", context)
                .unwrap_or_else(|e| panic!("{e}"))
        };
        for _ in 0..2 {
            let one = render(1, "A");
            let five = render(5, "B");
            // A number and the same number as text select differently.
            assert_eq!(
                one,
                "Reading time: 1 minute|Reading time: 1 minutes|A – MinID"
            );
            assert!(five.starts_with("Reading time: 5 minutes|"), "{five}");
            assert!(one.ends_with("|A – MinID"), "{one}");
            assert!(five.ends_with("|B – MinID"), "{five}");
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
