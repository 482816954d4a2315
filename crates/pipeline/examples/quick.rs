//! Build a case.json from files without the store (a developer's aid).
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.pop().expect("usage: quick FILES... OUT.json");
    let mut docs = Vec::new();
    for p in &args {
        let bytes = std::fs::read(p).unwrap();
        docs.push(casefile_ingest::ingest(p, &bytes).unwrap());
    }
    let built = casefile_pipeline::build("quick", &mut docs, &[]);
    std::fs::write(out, serde_json::to_string_pretty(&built.case).unwrap()).unwrap();
}
