//! The `Link` header: never a panic, and a found target is exactly the text of one `<...>`.
#![no_main]

use hf_providers::parse::next_link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(header) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(target) = next_link(header) {
        let start = target.as_ptr() as usize - header.as_ptr() as usize;
        let end = start + target.len();
        assert!(end <= header.len(), "the target is a slice of the header");
        assert!(
            start > 0 && header.as_bytes()[start - 1] == b'<',
            "{header:?}"
        );
        assert_eq!(header.as_bytes().get(end), Some(&b'>'), "{header:?}");
        assert!(!target.contains('>'), "{header:?}");
    }
});
