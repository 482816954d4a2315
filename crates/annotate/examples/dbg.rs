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
            print!("{:?}:{}({})|", m.kind, m.text, m.source);
        }
        println!();
        for t in &a.timexes {
            print!("{}={:?}|", t.text, t.value.as_ref().map(|v| &v.value));
        }
        println!();
        // DBG_TREE=word: the tree (with the report's names) of each sentence holding the word
        if let Ok(word) = std::env::var("DBG_TREE") {
            let sentences = casefile_annotate::text::apart_from_datelines(
                casefile_annotate::text::sentences(&d.text),
                &d.text,
                &d.boilerplate,
            );
            let mut trees = casefile_annotate::grammar::Trees::default();
            for (ss, se) in sentences {
                if !d.text[ss..se].contains(&word) {
                    continue;
                }
                let names = casefile_annotate::coref::name_spans(&a.mentions, ss, se);
                let tree = trees.get(&d.text, ss, se, names);
                println!("  # {}", &d.text[ss..se]);
                for (i, w) in tree.words.iter().enumerate() {
                    let w = &w.word;
                    println!(
                        "  {}\t{}\t{}\t{}\t{}\t{}\t{}",
                        i + 1,
                        w.form,
                        w.lemma,
                        w.upos,
                        w.xpos,
                        w.head,
                        w.deprel
                    );
                }
            }
        }
    }
}
