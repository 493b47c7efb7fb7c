//! Bring your own transport: plain HTTP/1.1 over `std::net::TcpStream`, in a few dozen lines of
//! std (`tcp_transport/transport.rs`). Without TLS it suits an `http://` endpoint, such as a
//! local mirror or proxy of the Hub:
//!
//! ```sh
//! HF_ENDPOINT=http://127.0.0.1:8080 cargo run --example tcp_transport -- google/gemma-3-27b-it
//! ```
//!
//! `tests/tcp_transport.rs` runs the same transport against a server on 127.0.0.1.

#[path = "tcp_transport/transport.rs"]
mod transport;

use hf_providers::{Client, Config};
use transport::TcpTransport;

fn main() -> Result<(), hf_providers::Error> {
    let model = std::env::args().nth(1);
    let model = model.as_deref().unwrap_or("google/gemma-3-27b-it");
    let config = Config::from_env()?;
    let client = Client::new(TcpTransport::new(&config), config);
    for provider in client.model_providers(model)? {
        println!(
            "{}\t{}\t{}",
            provider.provider, provider.status, provider.provider_id
        );
    }
    Ok(())
}
