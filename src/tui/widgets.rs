//! Small drawing pieces shared by the screens.

pub mod confirm_modal;
pub mod field;
pub mod json_view;
pub mod prompt;
