//! Print the tags and the tree the shipped model gives one sentence, its words separated by
//! spaces (a developer's aid): `cargo run -p casefile-syntax --example tags -- "The court
//! sentenced him ."`.
fn main() {
    let Some(s) = std::env::args().nth(1) else {
        eprintln!("usage: tags \"a sentence, its words separated by spaces\"");
        std::process::exit(2);
    };
    let forms: Vec<&str> = s.split(' ').collect();
    for w in casefile_syntax::shipped().analyze(&forms) {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            w.form, w.upos, w.xpos, w.head, w.deprel
        );
    }
}
