//! Memory figures of this process, read from /proc/self/status (Linux).

/// A memory figure of this process from /proc/self/status (Linux), in MB.
fn status_mb(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Peak resident memory of this process, in MB.
pub fn peak_rss_mb() -> Option<f64> {
    status_mb("VmHWM:")
}

pub fn current_rss_mb() -> Option<f64> {
    status_mb("VmRSS:")
}
