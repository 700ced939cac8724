//! `lsq-tasks` with no command: the terminal UI, set up from the profile and folders.

use std::io::IsTerminal;

use super::{Context, now};
use crate::exit::Exit;
use crate::tui::{self, TuiOptions};

/// Opens the terminal UI; without a terminal, says which command to run instead.
pub fn run(context: &Context, load: Option<std::path::PathBuf>) -> Exit {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        eprintln!(
            "lsq-tasks: no terminal to draw on. Name a command, e.g. \
             `lsq-tasks payload assets/examples/mixed.json`; see `lsq-tasks --help`"
        );
        return Exit::Usage;
    }
    let zone = match context.zone(None) {
        Ok(zone) => zone,
        Err(exit) => return exit,
    };
    let mut options = TuiOptions::new(context.paths.drafts_file(), zone, now);
    options.color = tui::color_wanted();
    options.sandbox = context.sandbox;
    options.paths = Some(context.paths.clone());
    options.profile.clone_from(&context.profile);
    options.load = load;
    // Mistakes in [keys] or [colors] are for the terminal, before the UI takes it over.
    let file = context.paths.config_file();
    let config = match crate::config::ConfigFile::load(&file) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    let custom = tui::keymap_with(&config.keys, &file).and_then(|keymap| {
        Ok((
            keymap,
            tui::theme_with(options.color, &config.colors, &file)?,
        ))
    });
    match custom {
        Ok((keymap, theme)) => {
            options.keymap = Some(keymap);
            options.theme = Some(theme);
        }
        Err(why) => {
            eprintln!("error: {why}");
            return Exit::Usage;
        }
    }
    if !context.sandbox {
        // Problems in config.toml or credentials.toml are for the terminal, before the UI.
        match context.settings() {
            Ok(settings) => options.settings = Some(settings),
            Err(exit) => return exit,
        }
    }
    tui::run(options)
}
