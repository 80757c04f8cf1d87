//! Reports: the forms an [`Analysis`](crate::analyse::Analysis) is printed in.

pub mod codequality;
pub mod dashboard;
pub mod fingerprint;
pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod repo;
pub mod sarif;
pub mod status;
pub mod style;
pub mod text;
