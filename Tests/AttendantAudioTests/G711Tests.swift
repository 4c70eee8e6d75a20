import Foundation
import Testing
import AttendantAudio

@Suite("G.711")
struct G711Tests {
    static let allSamples = (Int(Int16.min)...Int(Int16.max)).map { Int16($0) }

    /// Raw little-endian 16-bit bytes of `samples`.
    static func raw(_ samples: [Int16]) -> Data {
        var data = Data(capacity: samples.count * 2)
        for s in samples { data.append(UInt8(UInt16(bitPattern: s) & 0xFF)); data.append(UInt8(UInt16(bitPattern: s) >> 8)) }
        return data
    }

    @Test("encoding every 16-bit value matches sox byte for byte",
          arguments: ["u-law", "a-law"])
    func encodeMatchesSox(law: String) throws {
        let input = TestSupport.temporaryURL(".raw"), output = TestSupport.temporaryURL(".raw")
        defer { [input, output].forEach { try? FileManager.default.removeItem(at: $0) } }
        try Self.raw(Self.allSamples).write(to: input)
        try TestSupport.run("sox", ["-D", "-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1", input.path,
                                    "-t", "raw", "-e", law, "-b", "8", output.path])
        let expected = [UInt8](try Data(contentsOf: output))
        let ours = law == "u-law" ? G711.muLawEncode(Self.allSamples) : G711.aLawEncode(Self.allSamples)
        #expect(expected.count == 65536)
        let mismatches = zip(ours, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5).map { (Self.allSamples[$0.offset], $0.element) })")
    }

    @Test("decode tables match sox", arguments: ["u-law", "a-law"])
    func decodeMatchesSox(law: String) throws {
        let input = TestSupport.temporaryURL(".raw"), output = TestSupport.temporaryURL(".raw")
        defer { [input, output].forEach { try? FileManager.default.removeItem(at: $0) } }
        let codes = (0...255).map { UInt8($0) }
        try Data(codes).write(to: input)
        try TestSupport.run("sox", ["-t", "raw", "-r", "8000", "-e", law, "-b", "8", "-c", "1", input.path,
                                    "-t", "raw", "-e", "signed", "-b", "16", output.path])
        let bytes = [UInt8](try Data(contentsOf: output))
        let expected = (0..<256).map { Int16(bitPattern: UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8) }
        let ours = law == "u-law" ? G711.muLawDecode(codes) : G711.aLawDecode(codes)
        #expect(ours == expected)
    }

    @Test("a sox sweep + noise file converted by sox equals our encoding of its samples",
          arguments: [WAVEncoding.muLaw, .aLaw])
    func soxFiles(encoding: WAVEncoding) throws {
        let source = TestSupport.temporaryURL(".wav"), converted = TestSupport.temporaryURL(".wav")
        defer { [source, converted].forEach { try? FileManager.default.removeItem(at: $0) } }
        try TestSupport.run("sox", ["-n", "-r", "8000", "-b", "16", "-c", "1", source.path,
                                    "synth", "2", "sine", "50-3900", "whitenoise", "vol", "0.9"])
        try TestSupport.run("sox", ["-D", source.path, "-e", encoding == .muLaw ? "u-law" : "a-law", "-b", "8", converted.path])
        let linear = try WAVFile.read(contentsOf: source).samples
        let decoded = try WAVFile.read(contentsOf: converted).samples
        let expected = encoding == .muLaw ? G711.muLawDecode(G711.muLawEncode(linear))
                                          : G711.aLawDecode(G711.aLawEncode(linear))
        #expect(decoded == expected)
        // And our writer's data chunk is byte-identical to sox's.
        let ours = WAVFile.encode(PCMBuffer(samples: linear, sampleRate: 8000), encoding: encoding)
        let theirs = try Data(contentsOf: converted)
        #expect(ours.suffix(linear.count) == theirs.suffix(linear.count))
    }

    @Test("scalar and array forms agree; decode ∘ encode is idempotent", arguments: [true, false])
    func consistency(muLaw: Bool) {
        for code in 0...255 {
            let b = UInt8(code)
            let linear = muLaw ? G711.muLawDecode(b) : G711.aLawDecode(b)
            let again = muLaw ? G711.muLawEncode(linear) : G711.aLawEncode(linear)
            // Only the negative zero of u-law (0x7F) re-encodes as positive zero (0xFF).
            #expect(again == b || (muLaw && b == 0x7F && again == 0xFF))
        }
        let samples: [Int16] = [0, 1, -1, 100, -100, 32767, -32768, 4000, -4000]
        #expect(G711.muLawEncode(samples) == samples.map { G711.muLawEncode($0) })
        #expect(G711.aLawEncode(samples) == samples.map { G711.aLawEncode($0) })
    }
}
