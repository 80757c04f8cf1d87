//! The `tolk` command: parses arguments, calls the library, prints, exits 0/1/2.
//!
//! One module a command (`status`, `check`, `diff`, …), the arguments of all of them in
//! [`args`], the dispatch in [`run`], what they share for printing in [`output`].

mod args;
mod build;
mod check;
mod completions;
mod diff;
mod explain;
mod export;
mod fix;
mod import;
mod init;
mod man;
mod mark;
mod new;
mod output;
mod run;
mod serve;
mod status;

use std::process::ExitCode;

/// mimalloc: tolk allocates many small strings on every core at once, where it is markedly
/// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = <args::Cli as clap::Parser>::parse();
    args.apply_color();
    match run::run(&args) {
        Ok(code) => code,
        Err(err) => {
            let mut message = format!("error: {err}");
            for cause in err.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            anstream::eprintln!("{}", message);
            ExitCode::from(2)
        }
    }
}
