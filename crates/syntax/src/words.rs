//! Universal Dependencies words out of a token: the clitics English writes inside a word are
//! words of their own ("don't" → "do" + "n't", "I'm" → "I" + "'m", "cannot" → "can" + "not"),
//! each with its byte range in the token, so that spans still map back to the original text.

/// Byte ranges of the UD words in `token`.
pub fn split(token: &str) -> Vec<(usize, usize)> {
    let lower = token.to_lowercase();
    if lower.len() != token.len() {
        return vec![(0, token.len())];
    }
    let n = token.len();
    for (whole, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
        if lower == whole {
            return vec![(0, cut), (cut, n)];
        }
    }
    // "n't" (and "n’t"), where the stem keeps the n: "can't" → "ca" + "n't"
    for neg in ["n't", "n’t"] {
        if lower.ends_with(neg) && n > neg.len() {
            let cut = n - neg.len();
            return vec![(0, cut), (cut, n)];
        }
    }
    for clitic in [
        "'s", "'m", "'re", "'ve", "'ll", "'d", "’s", "’m", "’re", "’ve", "’ll", "’d",
    ] {
        if lower.ends_with(clitic) && n > clitic.len() {
            let cut = n - clitic.len();
            return vec![(0, cut), (cut, n)];
        }
    }
    vec![(0, n)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn splits_as_the_treebank_does() {
        for (t, w) in [
            ("don't", vec!["do", "n't"]),
            ("can't", vec!["ca", "n't"]),
            ("won’t", vec!["wo", "n’t"]),
            ("I'm", vec!["I", "'m"]),
            ("they're", vec!["they", "'re"]),
            ("cannot", vec!["can", "not"]),
            ("Chechnya", vec!["Chechnya"]),
            ("'s", vec!["'s"]),
        ] {
            assert_eq!(words(t), w, "{t}");
        }
    }
}
