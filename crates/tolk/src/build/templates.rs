//! Rendering with the theme: the minijinja environment of one build over the theme's templates
//! ([`crate::theme`]: embedded in the binary, each overridable by a file of the same name in the
//! site's `templates/` folder), and the `t()` template function that formats UI strings through
//! Fluent. `style.css` is copied to the output as `/style.css`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
        env.add_function(
            "t",
            move |state: &State,
                  id: String,
                  kwargs: Kwargs|
                  -> std::result::Result<String, minijinja::Error> {
                translate(&strings, &report, state, &id, &kwargs)
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
    let escaped = crate::escape::html(&value.to_string());
    std::fmt::Write::write_str(out, &escaped).map_err(minijinja::Error::from)
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

/// `t("message-id", name=value, …)`: the message in the page's locale (the context variable
/// `locale_code`), or in the locale given as `locale=…`, falling back along its chain.
fn translate(
    strings: &Strings,
    report: &Mutex<Option<Missing>>,
    state: &State,
    id: &str,
    kwargs: &Kwargs,
) -> std::result::Result<String, minijinja::Error> {
    let mut locale = state
        .lookup("locale_code")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut args = FluentArgs::new();
    // The site's name, for the strings that show it (`site-name = { $site }`).
    if let Some(title) = state
        .lookup("site")
        .and_then(|site| site.get_attr("title").ok())
        .filter(|title| !title.is_undefined() && !title.is_none())
    {
        args.set("site", FluentValue::from(title.to_string()));
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
        Ok(text) => Ok(text),
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
