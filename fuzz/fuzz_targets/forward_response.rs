//! The HTTP/1.1 response reader of the proxied `http://` path: never a panic, a body never past
//! its limit, and the same result however the bytes are split into reads.
#![no_main]

use hf_providers::{ResponseReader, TransportError};
use libfuzzer_sys::fuzz_target;

fn read<'a>(limit: u64, pieces: impl Iterator<Item = &'a [u8]>) -> Result<(u16, Vec<u8>), String> {
    let mut reader = ResponseReader::new(limit);
    for piece in pieces {
        match reader.feed(piece) {
            Ok(false) => {}
            Ok(true) => break,
            Err(e) => return Err(kind(e)),
        }
    }
    let response = reader.finish().map_err(kind)?;
    Ok((response.status, response.body))
}

fn kind(e: TransportError) -> String {
    format!("{:?}", e.kind())
}

fuzz_target!(|data: &[u8]| {
    let [limit, piece, rest @ ..] = data else {
        return;
    };
    let limit = u64::from(*limit) * 16;
    let whole = read(limit, std::iter::once(rest));
    let split = read(limit, rest.chunks(usize::from(*piece).max(1)));
    assert_eq!(whole, split);
    if let Ok((status, body)) = whole {
        assert!((200..600).contains(&status), "{status}");
        assert!(body.len() as u64 <= limit);
    }
});
