/// Turns an utterance into hashed sparse features: word unigrams and bigrams of lightly
/// stemmed words, and character n-grams inside word boundaries (each word padded with a
/// space on both sides, as callers' words are what the recognizer gives us).
///
/// Normalization makes typed text and speech-recognizer output look alike: lowercase,
/// apostrophes dropped ("don't" → "dont"), any other punctuation a word break, and each
/// digit spelled as a word ("48213" → "four eight two one three", which is how the
/// recognizer writes a caller reading out a number).
///
/// A feature is a 64-bit hash; the top bit tells the block (set: character n-gram,
/// clear: word feature), as the two blocks are L2-normalized separately.
struct IntentFeaturizer: Sendable {
    /// Character n-gram lengths.
    var charNGrams: ClosedRange<Int>
    /// Whether to add word bigrams next to word unigrams.
    var wordBigrams: Bool
    /// Whether to add pairs of words one apart ("check … order").
    var skipBigrams: Bool = false

    static let charBit: UInt64 = 1 << 63

    private static let digitWords: [[UInt8]] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        .map { Array($0.utf8) }

    /// Calls `body` with every feature of `text` (repeated features repeatedly), in a
    /// fixed order. Returns the number of words found.
    @discardableResult
    func forEachFeature(_ text: String, _ body: (UInt64) -> Void) -> Int {
        var text = text
        if text.utf8.contains(where: { $0 >= 0x80 }) { text = text.lowercased() }
        return text.withUTF8 { utf8 in
            // Normalized words, each preceded and followed by one space: " word word ".
            let byteCapacity = utf8.count * 6 + 2
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCapacity) { bytes in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * utf8.count + 2) { bounds in
                    let words = Self.normalize(utf8, into: bytes, bounds: bounds)
                    emit(bytes, bounds, words, body)
                    return words
                }
            }
        }
    }

    /// An upper bound of the features ``forEachFeature(_:_:)`` produces for `text`.
    func featureCapacity(_ text: String) -> Int {
        // Each byte becomes at most 6 (a digit word and a space); each normalized byte
        // starts at most one n-gram per length; words add at most two features.
        let bytes = text.utf8.count * 6 + 2
        return bytes * (charNGrams.count + 2) + 8
    }

    /// Writes the normalized words into `bytes`; `bounds[2k]`/`bounds[2k+1]` are the
    /// start/end of word k. Returns the number of words.
    private static func normalize(_ utf8: UnsafeBufferPointer<UInt8>, into bytes: UnsafeMutableBufferPointer<UInt8>,
                                  bounds: UnsafeMutableBufferPointer<Int32>) -> Int {
        var n = 0, words = 0
        var inWord = false
        bytes[0] = 32
        n = 1
        var i = 0
        let count = utf8.count
        while i < count {
            let b = utf8[i]
            i += 1
            var letter: UInt8 = 0
            switch b {
            case 0x61...0x7A: letter = b
            case 0x41...0x5A: letter = b + 32
            case 0x27, 0x60: continue  // apostrophes join: "don't" → "dont"
            case 0x30...0x39:
                if inWord { bounds[2 * words + 1] = Int32(n); words += 1; bytes[n] = 32; n += 1; inWord = false }
                bounds[2 * words] = Int32(n)
                for d in digitWords[Int(b - 0x30)] { bytes[n] = d; n += 1 }
                bounds[2 * words + 1] = Int32(n)
                words += 1
                bytes[n] = 32
                n += 1
                continue
            case 0xE2 where i + 1 < count && utf8[i] == 0x80 && (utf8[i + 1] == 0x98 || utf8[i + 1] == 0x99):
                i += 2  // typographic apostrophes ’ ‘
                continue
            case 0x80...: letter = b  // other non-ASCII letters are kept as they are
            default: letter = 0
            }
            if letter != 0 {
                if !inWord { bounds[2 * words] = Int32(n); inWord = true }
                bytes[n] = letter
                n += 1
            } else if inWord {
                bounds[2 * words + 1] = Int32(n)
                words += 1
                bytes[n] = 32
                n += 1
                inWord = false
            }
        }
        if inWord {
            bounds[2 * words + 1] = Int32(n)
            words += 1
            bytes[n] = 32
            n += 1
        }
        return words
    }

    private func emit(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ bounds: UnsafeMutableBufferPointer<Int32>,
                      _ words: Int, _ body: (UInt64) -> Void) {
        var previous: UInt64 = 0, beforePrevious: UInt64 = 0
        for k in 0..<words {
            let start = Int(bounds[2 * k]), end = Int(bounds[2 * k + 1])
            let stem = Self.stemHash(bytes, start, end)
            body(Self.finish(stem ^ 0x5157_4F52_4431))
            if wordBigrams && k > 0 {
                body(Self.finish((previous &* 0x9E37_79B9_7F4A_7C15) ^ stem ^ 0x4249_4752_414D))
            }
            if skipBigrams && k > 1 {
                body(Self.finish((beforePrevious &* 0x9E37_79B9_7F4A_7C15) ^ stem ^ 0x534B_4950))
            }
            beforePrevious = previous
            previous = stem
            // Character n-grams of " word ".
            let lo = start - 1, length = end - start + 2
            for size in charNGrams {
                if size >= length {
                    body(Self.hash(bytes, lo, lo + length, seed: UInt64(size)) | Self.charBit)
                    break
                }
                for offset in lo...(lo + length - size) {
                    body(Self.hash(bytes, offset, offset + size, seed: UInt64(size)) | Self.charBit)
                }
            }
        }
    }

    /// FNV-1a over `bytes[from..<to]`, then a mixing step so low bits are usable.
    @inline(__always)
    private static func hash(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ from: Int, _ to: Int, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ (seed &* 0x100_0000_01B3)
        for j in from..<to { h = (h ^ UInt64(bytes[j])) &* 0x100_0000_01B3 }
        return mix(h)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    /// A word feature: mixed and with the block bit clear.
    @inline(__always)
    private static func finish(_ x: UInt64) -> UInt64 { mix(x) & ~charBit }

    /// Hash of the word's light stem: plural and -ing/-ed endings and a final e removed
    /// ("charges", "charged", "charging", "charge" → "charg"), "-ies" → "-y".
    @inline(__always)
    private static func stemHash(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var e = end
        var tail: UInt8 = 0
        @inline(__always) func at(_ k: Int) -> UInt8 { bytes[e - k] }  // k-th byte from the end (1 = last)
        if e - start > 3 {
            if at(1) == 0x73 {  // s
                if at(2) == 0x73 || at(2) == 0x75 || at(2) == 0x69 && e - start <= 4 {
                    // -ss, -us, short -is: not plurals
                } else if e - start > 4 && at(3) == 0x69 && at(2) == 0x65 {  // -ies → -y
                    e -= 3
                    tail = 0x79
                } else if e - start > 4 && at(4) == 0x73 && at(3) == 0x73 && at(2) == 0x65 {  // -sses → -ss
                    e -= 2
                } else {
                    e -= 1
                }
            }
            if tail == 0 && e - start > 5 && at(3) == 0x69 && at(2) == 0x6E && at(1) == 0x67 {  // -ing
                e -= 3
            } else if tail == 0 && e - start > 4 && at(2) == 0x65 && at(1) == 0x64 {  // -ed
                e -= 2
            }
            if tail == 0 && e - start > 4 && at(1) == 0x65 { e -= 1 }  // final -e
        }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for j in start..<e { h = (h ^ UInt64(bytes[j])) &* 0x100_0000_01B3 }
        if tail != 0 { h = (h ^ UInt64(tail)) &* 0x100_0000_01B3 }
        return h
    }
}
