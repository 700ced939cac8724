//! Small drawing pieces shared by the screens.

pub mod bulk_edit;
pub mod choice_modal;
pub mod confirm_modal;
pub mod field;
pub mod json_view;
pub mod prompt;
