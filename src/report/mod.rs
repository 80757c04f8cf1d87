//! Reports: the forms an [`Analysis`](crate::analyse::Analysis) is printed in.

pub mod json;
pub mod status;
pub mod style;
pub mod text;
