//! Reports: the forms an [`Analysis`](crate::analyse::Analysis) is printed in.

pub mod dashboard;
pub mod diff;
pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod side_by_side;
pub mod status;
pub mod style;
pub mod text;
