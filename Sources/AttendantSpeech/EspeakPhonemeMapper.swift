/// Maps espeak-ng's ASCII phoneme names (English voices, `_`-separated, as
/// `espeak-ng -x --sep=_` prints them) to the CMU phone set of the en-us model.
///
/// Stress marks (`'`, `,`) and syllable marks are dropped; variant suffixes (`#`, digits,
/// `-`, `/`) fall back to their base phoneme; a phoneme with no English counterpart is
/// mapped to its nearest CMU phone.
public enum EspeakPhonemeMapper {
    static let table: [String: [String]] = [
        // vowels and diphthongs
        "@": ["AH"], "@2": ["AH"], "@5": ["AH"], "@L": ["AH", "L"], "@r": ["ER"], "3": ["ER"], "3:": ["ER"],
        "a": ["AE"], "a#": ["AH"], "aa": ["AE"], "A:": ["AA"], "A@": ["AA", "R"], "A": ["AA"],
        "aI": ["AY"], "aI@": ["AY", "ER"], "aI3": ["AY", "ER"], "aU": ["AW"], "aU@": ["AW", "ER"],
        "E": ["EH"], "E2": ["EH"], "e": ["EH"], "e@": ["EH", "R"], "eI": ["EY"],
        "I": ["IH"], "I2": ["IH"], "I#": ["IH"], "i": ["IY"], "i:": ["IY"], "i@": ["IY", "AH"], "i@3": ["IH", "R"],
        "I@": ["IH", "R"], "O": ["AO"], "O:": ["AO"], "O2": ["AO"], "O@": ["AO", "R"], "o@": ["AO", "R"],
        "OI": ["OY"], "oU": ["OW"], "o": ["OW"], "0": ["AA"], "U": ["UH"], "U@": ["UH", "R"],
        "u": ["UW"], "u:": ["UW"], "V": ["AH"], "y": ["UW"],
        // consonants
        "p": ["P"], "b": ["B"], "t": ["T"], "d": ["D"], "k": ["K"], "g": ["G"], "f": ["F"], "v": ["V"],
        "T": ["TH"], "D": ["DH"], "s": ["S"], "z": ["Z"], "S": ["SH"], "Z": ["ZH"], "h": ["HH"],
        "m": ["M"], "n": ["N"], "N": ["NG"], "l": ["L"], "r": ["R"], "w": ["W"], "j": ["Y"],
        "tS": ["CH"], "dZ": ["JH"], "x": ["K"], "?": ["T"], "C": ["HH"], "W": ["W"],
    ]

    /// CMU phones for one espeak-ng phoneme string such as `z_'E_n_d_E_s_k`.
    /// Word separators (spaces) are ignored, so a multi-word input gives one sequence.
    public static func cmuPhones(fromEspeak phonemes: String) -> [String] {
        var out: [String] = []
        for token in phonemes.split(whereSeparator: { $0 == "_" || $0 == " " || $0 == "\n" }) {
            var name = String(token.filter { $0 != "'" && $0 != "," && $0 != "%" && $0 != "=" && $0 != ";" && $0 != "|" })
            if name.isEmpty { continue }
            while !name.isEmpty {
                if let phones = table[name] { out += phones; break }
                name.removeLast()  // drop a variant suffix: "t#" → "t", "r-" → "r", "n-" → "n"
            }
        }
        return out
    }
}
