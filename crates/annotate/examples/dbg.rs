//! Print what the annotator finds in a document (a developer's aid).
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let d = casefile_ingest::ingest(&path, &bytes).unwrap();
        println!(
            "== {path}: title={:?} outlet={:?} wire={:?} published={:?} url={:?}",
            d.title,
            d.outlet,
            d.wire,
            d.published.as_ref().map(|p| &p.value),
            d.url
        );
        for b in &d.boilerplate {
            println!(
                "  boiler {:?}: {:?}",
                b.kind,
                &d.text[b.start..b.end].chars().take(60).collect::<String>()
            );
        }
        let a = casefile_annotate::annotate(&d);
        println!("  bounds {:?}", a.published_bounds);
        for m in &a.mentions {
            print!("{:?}:{}|", m.kind, m.text);
        }
        println!();
        for t in &a.timexes {
            print!("{}={:?}|", t.text, t.value.as_ref().map(|v| &v.value));
        }
        println!();
    }
}
