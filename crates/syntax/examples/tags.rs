fn main() {
    let s = std::env::args().nth(1).unwrap();
    let forms: Vec<&str> = s.split(' ').collect();
    for w in casefile_syntax::shipped().analyze(&forms) {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            w.form, w.upos, w.xpos, w.head, w.deprel
        );
    }
}
