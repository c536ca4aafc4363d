//! Text folding for search: the same rules on both the indexed text and the query, so that
//! "ostersund", "ÖSTERSUND" and "Östersund" find each other.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases and strips diacritics (å→a, ö→o, é→e), and folds runs of white space to one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        for lower in c.to_lowercase() {
            out.push(lower);
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Trims and collapses internal white space; `None` when nothing is left.
pub fn clean(text: &str) -> Option<String> {
    let cleaned = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_strips_swedish_and_french_diacritics() {
        assert_eq!(
            fold("Östersund Åre Hällefors Émile"),
            "ostersund are hallefors emile"
        );
    }

    #[test]
    fn fold_collapses_white_space() {
        assert_eq!(fold("  Anna \t  Lind "), "anna lind");
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone(), "folding twice must change nothing");
        }

        #[test]
        fn clean_never_returns_blank(s in "\\PC{0,40}") {
            if let Some(c) = clean(&s) {
                prop_assert!(!c.trim().is_empty());
                prop_assert_eq!(c.trim(), c.as_str());
            }
        }
    }
}
