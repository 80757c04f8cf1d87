//! Where a page's URL is written in a built site: the path segments below the output folder
//! ([`output_segments`], or why a URL cannot be written safely), the file ([`file_for_url`]),
//! and the name of the file that marks a folder as tolk's build output ([`MARKER`]). The
//! checks use it to refuse URLs the build would refuse; the build uses it to write.

/// The longest file or folder name common file systems allow, in bytes.
const MAX_SEGMENT: usize = 255;

/// The file `tolk build` leaves in its output to recognise it next time.
pub const MARKER: &str = ".tolk-build";

/// The output file (relative, `/`-separated) of a page published at `url`: `index.html` in the
/// URL's folder, or the file itself for a URL ending in `.html`.
pub fn file_for_url(url: &str) -> std::result::Result<String, &'static str> {
    let mut segments = output_segments(url)?;
    let explicit = url.ends_with(".html") && !url.ends_with('/');
    if !explicit {
        segments.push("index.html".to_string());
    }
    Ok(segments.join("/"))
}

/// The path segments below the output folder that `url` is written to (percent-decoded), or
/// why it cannot be. `/` gives no segments; the caller adds `index.html` where needed.
pub(crate) fn output_segments(url: &str) -> Result<Vec<String>, &'static str> {
    if url.chars().any(char::is_control) {
        return Err("contains a control character");
    }
    if url.contains('\\') {
        return Err("contains a backslash");
    }
    if !url.starts_with('/') {
        return Err("does not start with `/`");
    }
    if url.starts_with("//") {
        return Err("starts with `//`, which names another host");
    }
    if url.contains(['?', '#']) {
        return Err("contains `?` or `#`, which cannot be part of a file name");
    }
    let decoded = percent_decode(url).ok_or("contains an invalid percent-escape")?;
    if decoded.chars().any(char::is_control) {
        return Err("contains an encoded control character");
    }
    if decoded.contains('\\') {
        return Err("contains an encoded backslash");
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            return Err("contains a `.` or `..` segment, which would leave its folder");
        }
        if segment.contains(':') {
            return Err("contains `:`, which is a drive or stream name on Windows");
        }
        if segment.len() > MAX_SEGMENT {
            return Err(
                "has a path segment longer than 255 bytes, more than file systems allow in a name",
            );
        }
        segments.push(segment.to_string());
    }
    Ok(segments)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
