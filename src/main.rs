//! The `tolk` command: parses arguments, calls the library, prints, exits 0/1/2.

mod cli;

use std::process::ExitCode;

/// mimalloc: tolk allocates many small strings on every core at once, where it is markedly
/// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    args.apply_color();
    match cli::run(&args) {
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
