//! GET the URL given as the only argument and print the body.
use std::io::Write;

fn main() {
    let url = std::env::args().nth(1).unwrap_or_default();
    match ureq::get(&url).call() {
        Ok(mut response) => match response.body_mut().read_to_vec() {
            Ok(body) => {
                let _ = std::io::stdout().write_all(&body);
            }
            Err(e) => eprintln!("{e}"),
        },
        Err(e) => eprintln!("{e}"),
    }
}
