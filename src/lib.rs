//! What the `tolk` command line brings to the library besides parsing and printing, shared
//! with its tests: the file watcher of `tolk serve` ([`watch`]).

pub mod watch;
