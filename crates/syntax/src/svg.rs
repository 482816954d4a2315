//! A sentence's tree as SVG, drawn in the manner of displaCy: words on a line with their tags
//! beneath, each relation an arc from head to dependent with its name on it. Self-contained
//! (no script, no font or style from the network); every text is escaped.

use crate::conllu::Word;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Draw `words` (heads 1-based, 0 the root). `mark` words are drawn in bold, and the arcs into
/// them highlighted: the words a fact was read from.
pub fn draw(words: &[Word], mark: &[usize]) -> String {
    let n = words.len();
    // x position of each word's centre: width follows the longer of word and tag
    let mut xs = Vec::with_capacity(n);
    let mut x = 20.0f64;
    for w in words {
        let chars = w.form.chars().count().max(w.upos.len()).max(4) as f64;
        let width = chars * 8.5 + 30.0;
        xs.push(x + width / 2.0);
        x += width;
    }
    let width = x + 20.0;
    let span = |i: usize, h: usize| i.abs_diff(h);
    let max_span = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.head > 0 && w.head <= n)
        .map(|(i, w)| span(i, w.head - 1))
        .max()
        .unwrap_or(1);
    let level = |s: usize| 22.0 * (s.min(12) as f64) + 18.0;
    let top = level(max_span.min(12)) + 20.0;
    let base = top + 10.0;
    let height = base + 50.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tree\" role=\"img\" \
         width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         font-family=\"sans-serif\" font-size=\"14\">\n"
    );
    let labels: Vec<String> = words
        .iter()
        .map(|w| format!("{} ({})", w.form, w.upos))
        .collect();
    out.push_str(&format!("<title>{}</title>\n", esc(&labels.join(" "))));
    for (i, w) in words.iter().enumerate() {
        let bold = if mark.contains(&i) {
            " font-weight=\"bold\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\"{bold}>{}</text>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{}</text>\n",
            xs[i],
            base + 16.0,
            esc(&w.form),
            xs[i],
            base + 32.0,
            esc(&w.upos)
        ));
    }
    for (i, w) in words.iter().enumerate() {
        if w.head == 0 || w.head > n {
            continue;
        }
        let h = w.head - 1;
        let (a, b) = (xs[h.min(i)] + 4.0, xs[h.max(i)] - 4.0);
        let y = base - level(span(i, h));
        let colour = if mark.contains(&i) { "#b3261e" } else { "#333" };
        out.push_str(&format!(
            "<path d=\"M{a:.1},{base:.1} C{a:.1},{y:.1} {b:.1},{y:.1} {b:.1},{base:.1}\" \
             fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\n"
        ));
        // the arrow points at the dependent
        let tip = if i < h { a } else { b };
        out.push_str(&format!(
            "<path d=\"M{tip:.1},{base:.1} L{:.1},{:.1} L{:.1},{:.1} Z\" fill=\"{colour}\"/>\n",
            tip - 4.0,
            base - 8.0,
            tip + 4.0,
            base - 8.0
        ));
        let mid_y = base - 0.75 * level(span(i, h)) - 4.0;
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{mid_y:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{colour}\">{}</text>\n",
            (a + b) / 2.0,
            esc(&w.deprel)
        ));
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(form: &str, head: usize, deprel: &str) -> Word {
        Word {
            form: form.into(),
            upos: "X".into(),
            head,
            deprel: deprel.into(),
            ..Word::default()
        }
    }

    #[test]
    fn draws_one_arc_per_relation_and_escapes_text() {
        let s = draw(&[w("<b>", 2, "nsubj"), w("left", 0, "root")], &[0]);
        assert_eq!(s.matches("stroke-width").count(), 1);
        assert!(s.contains("&lt;b&gt;") && !s.contains("<b>"));
        assert!(s.contains("nsubj") && s.contains("font-weight=\"bold\""));
        assert!(!s.contains("<script"));
    }
}
