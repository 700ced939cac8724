//! A curl command line that reproduces a bulk-create call, with the keys written as
//! `$LSQ_ACCESS_KEY` and `$LSQ_SECRET_KEY`: safe to paste into a ticket, and it still runs
//! wherever those variables are set.

use crate::config::{AuthMode, Host};

use super::client::BULK_CREATE_PATH;

/// The command for sending `body` (compact JSON, so one line starting with `{` that can never be
/// the here-document's end marker) to `host` with `auth`. The body travels in a quoted
/// here-document, so no character of it is ever interpreted by the shell.
pub fn curl_command(host: &Host, auth: AuthMode, body: &str) -> String {
    let url = host.endpoint(BULK_CREATE_PATH);
    let mut lines = vec![format!("curl -sS -X POST '{url}'")];
    match auth {
        AuthMode::Header => {
            lines.push("  -H \"x-LSQ-AccessKey: $LSQ_ACCESS_KEY\"".to_owned());
            lines.push("  -H \"x-LSQ-SecretKey: $LSQ_SECRET_KEY\"".to_owned());
        }
        AuthMode::Query => {
            // --url-query percent-encodes the values (access keys start with u$).
            lines.push("  --url-query \"accessKey=$LSQ_ACCESS_KEY\"".to_owned());
            lines.push("  --url-query \"secretKey=$LSQ_SECRET_KEY\"".to_owned());
        }
    }
    lines.push("  -H 'Content-Type: application/json'".to_owned());
    lines.push("  --data-binary @- <<'LSQ_BODY'".to_owned());
    format!("{}\n{body}\nLSQ_BODY\n", lines.join(" \\\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_variable_references_and_the_body_is_quoted() {
        let host = Host::parse("api-in21.leadsquared.com").unwrap();
        let line = curl_command(
            &host,
            AuthMode::Header,
            r#"{"TaskList":[{"Name":"It's $HOME"}]}"#,
        );
        assert!(line.starts_with(
            "curl -sS -X POST 'https://api-in21.leadsquared.com/v2/Task.svc/Bulk/Create' \\\n"
        ));
        assert!(line.contains("-H \"x-LSQ-SecretKey: $LSQ_SECRET_KEY\""));
        assert!(
            line.contains("<<'LSQ_BODY'\n{\"TaskList\":[{\"Name\":\"It's $HOME\"}]}\nLSQ_BODY\n")
        );
        let query = curl_command(&host, AuthMode::Query, "{}");
        assert!(query.contains("--url-query \"accessKey=$LSQ_ACCESS_KEY\""));
    }
}
