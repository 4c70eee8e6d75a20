import Foundation

/// Reading and writing RIFF/WAVE files.
///
/// Reads linear PCM 16-bit, G.711 u-law (format 7) and A-law (format 6), also
/// wrapped in WAVE_FORMAT_EXTENSIBLE; mono or stereo; any sample rate. Unknown
/// chunks (LIST, fact, cue, …) are skipped, odd-sized chunks are padded, and a
/// data chunk size of 0, 0xFFFFFFFF or at least 0x7FFFF000 (placeholders written
/// by streaming producers such as `espeak-ng --stdout`) means "to end of file".
/// Stereo is returned interleaved; u-law and A-law are decoded to 16-bit.
public enum WAVFile {
    /// Reads a WAV file. Errors name the file (`url.path`) and the exact problem.
    public static func read(contentsOf url: URL) throws(AudioError) -> PCMBuffer {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AudioError(.io, "\(url.path): cannot read file (\(error.localizedDescription))")
        }
        return try read(data: data, name: url.path)
    }

    /// Parses WAV bytes; `name` identifies the source in error messages.
    public static func read(data: Data, name: String) throws(AudioError) -> PCMBuffer {
        try data.withUnsafeBytes { Parser(bytes: $0, name: name).parse() }.get()
    }

    /// Serialises `buffer` as a WAV file (canonical header; a `fact` chunk for G.711).
    public static func encode(_ buffer: PCMBuffer, encoding: WAVEncoding = .pcm16) -> Data {
        let samples = buffer.samples
        let bytesPerSample = encoding == .pcm16 ? 2 : 1
        let dataSize = samples.count * bytesPerSample
        precondition(dataSize < Int(UInt32.max) - 64, "WAVFile: \(dataSize) bytes of audio exceed the 4 GiB RIFF limit")
        let pad = dataSize & 1
        let fmtSize = encoding == .pcm16 ? 16 : 18
        let factSize = encoding == .pcm16 ? 0 : 12
        let riffSize = 4 + (8 + fmtSize) + factSize + (8 + dataSize + pad)

        var out = [UInt8]()
        out.reserveCapacity(8 + riffSize)
        func u16(_ v: Int) { out.append(UInt8(v & 0xFF)); out.append(UInt8((v >> 8) & 0xFF)) }
        func u32(_ v: Int) { u16(v & 0xFFFF); u16((v >> 16) & 0xFFFF) }
        func tag(_ s: String) { out.append(contentsOf: s.utf8) }

        let formatTag: Int = switch encoding {
        case .pcm16: 1
        case .aLaw: 6
        case .muLaw: 7
        }
        tag("RIFF"); u32(riffSize); tag("WAVE")
        tag("fmt "); u32(fmtSize)
        u16(formatTag); u16(buffer.channels); u32(buffer.sampleRate)
        u32(buffer.sampleRate * buffer.channels * bytesPerSample)
        u16(buffer.channels * bytesPerSample); u16(bytesPerSample * 8)
        if encoding != .pcm16 {
            u16(0)                                          // cbSize
            tag("fact"); u32(4); u32(buffer.frameCount)
        }
        tag("data"); u32(dataSize)
        switch encoding {
        case .pcm16:
            for s in samples { u16(Int(UInt16(bitPattern: s))) }
        case .muLaw:
            for s in samples { out.append(G711.muLawEncode(s)) }
        case .aLaw:
            for s in samples { out.append(G711.aLawEncode(s)) }
        }
        if pad == 1 { out.append(0) }
        return Data(out)
    }

    /// Writes `buffer` to `url` atomically.
    public static func write(_ buffer: PCMBuffer, to url: URL, encoding: WAVEncoding = .pcm16) throws(AudioError) {
        do {
            try encode(buffer, encoding: encoding).write(to: url, options: .atomic)
        } catch {
            throw AudioError(.io, "\(url.path): cannot write file (\(error.localizedDescription))")
        }
    }
}

/// The chunk walker behind `WAVFile.read(data:name:)`.
private struct Parser {
    let bytes: UnsafeRawBufferPointer
    let name: String

    private static let expected = "expected PCM 16-bit, u-law or A-law"

    private enum SampleFormat { case pcm16, muLaw, aLaw }

    private struct Format {
        var sample: SampleFormat
        var channels: Int
        var sampleRate: Int
    }

    func parse() -> Result<PCMBuffer, AudioError> {
        do throws(AudioError) {
            return .success(try walk())
        } catch {
            return .failure(error)
        }
    }

    private func walk() throws(AudioError) -> PCMBuffer {
        let n = bytes.count
        guard n >= 12 else { throw fail(.malformed, "too short for a WAV header (\(n) bytes)") }
        let riff = fourCC(at: 0)
        guard riff == "RIFF" else {
            if riff == "RF64" || riff == "RIFX" {
                throw fail(.unsupported, "\(riff) container is not supported; expected RIFF")
            }
            throw fail(.malformed, "not a WAV file (starts with \(quoted(riff)), expected \"RIFF\")")
        }
        guard fourCC(at: 8) == "WAVE" else {
            throw fail(.malformed, "RIFF form type is \(quoted(fourCC(at: 8))), expected \"WAVE\"")
        }
        var format: Format?
        var pos = 12
        while pos + 8 <= n {
            let id = fourCC(at: pos)
            let size = Int(u32(at: pos + 4))
            let body = pos + 8
            switch id {
            case "fmt ":
                guard body + size <= n else {
                    throw fail(.malformed, "fmt chunk declares \(size) bytes but only \(n - body) remain (truncated file)")
                }
                format = try parseFormat(at: body, size: size)
            case "data":
                guard let format else { throw fail(.malformed, "data chunk comes before the fmt chunk") }
                var length = n - body
                if size != 0 && size < 0x7FFF_F000 {   // else a streaming placeholder
                    guard size <= length else {
                        throw fail(.malformed, "data chunk declares \(size) bytes but only \(length) remain (truncated file)")
                    }
                    length = size
                }
                return decode(format, from: body, length: length)
            default:
                break
            }
            pos = body + size + (size & 1)
        }
        throw fail(.malformed, format == nil ? "no fmt chunk" : "no data chunk")
    }

    private func parseFormat(at p: Int, size: Int) throws(AudioError) -> Format {
        guard size >= 16 else { throw fail(.malformed, "fmt chunk is \(size) bytes, expected at least 16") }
        var tag = Int(u16(at: p))
        let channels = Int(u16(at: p + 2))
        let sampleRate = Int(u32(at: p + 4))
        let bits = Int(u16(at: p + 14))
        if tag == 0xFFFE {
            guard size >= 40 else {
                throw fail(.malformed, "WAVE_FORMAT_EXTENSIBLE fmt chunk is \(size) bytes, expected 40")
            }
            let guidTail: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00,
                                     0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
            guard (0..<14).allSatisfy({ bytes[p + 26 + $0] == guidTail[$0] }) else {
                throw fail(.unsupported, "WAVE_FORMAT_EXTENSIBLE with a non-standard subformat GUID; \(Self.expected)")
            }
            tag = Int(u16(at: p + 24))
        }
        let sample: SampleFormat
        switch (tag, bits) {
        case (1, 16): sample = .pcm16
        case (7, 8): sample = .muLaw
        case (6, 8): sample = .aLaw
        case (1, _):
            throw fail(.unsupported, "unsupported PCM sample size \(bits)-bit; \(Self.expected)")
        case (6, _), (7, _):
            throw fail(.unsupported, "unsupported \(tag == 6 ? "A-law" : "u-law") sample size \(bits)-bit, expected 8")
        default:
            throw fail(.unsupported, "unsupported WAV format \(hex(tag))\(Self.formatName(tag)); \(Self.expected)")
        }
        guard channels == 1 || channels == 2 else {
            throw fail(.unsupported, "unsupported channel count \(channels); expected mono or stereo")
        }
        guard sampleRate > 0 else { throw fail(.malformed, "sample rate is 0") }
        return Format(sample: sample, channels: channels, sampleRate: sampleRate)
    }

    private func decode(_ format: Format, from start: Int, length: Int) -> PCMBuffer {
        let bytesPerSample = format.sample == .pcm16 ? 2 : 1
        let count = length / (bytesPerSample * format.channels) * format.channels   // whole frames
        let samples = [Int16](unsafeUninitializedCapacity: count) { out, initialized in
            switch format.sample {
            case .pcm16:
                for i in 0..<count {
                    out[i] = Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: start + 2 * i, as: Int16.self))
                }
            case .muLaw:
                G711.muLawTable.withUnsafeBufferPointer { t in
                    for i in 0..<count { out[i] = t[Int(bytes[start + i])] }
                }
            case .aLaw:
                G711.aLawTable.withUnsafeBufferPointer { t in
                    for i in 0..<count { out[i] = t[Int(bytes[start + i])] }
                }
            }
            initialized = count
        }
        return PCMBuffer(samples: samples, sampleRate: format.sampleRate, channels: format.channels)
    }

    // MARK: helpers

    private func fail(_ code: AudioError.Code, _ problem: String) -> AudioError {
        AudioError(code, "\(name): \(problem)")
    }

    private func u16(at p: Int) -> UInt16 { UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: p, as: UInt16.self)) }
    private func u32(at p: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p, as: UInt32.self)) }

    private func fourCC(at p: Int) -> String {
        String(decoding: bytes[p..<p + 4].map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    private func quoted(_ s: String) -> String { "\"\(s)\"" }

    private func hex(_ v: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func formatName(_ tag: Int) -> String {
        let names: [Int: String] = [
            0x0000: "unknown", 0x0002: "Microsoft ADPCM", 0x0003: "IEEE float",
            0x0011: "IMA ADPCM", 0x0031: "GSM 6.10", 0x0040: "G.721 ADPCM",
            0x0050: "MPEG", 0x0055: "MPEG Layer 3", 0x0064: "G.726 ADPCM",
            0x00FF: "AAC", 0x0161: "Windows Media Audio",
        ]
        return names[tag].map { " (\($0))" } ?? ""
    }
}
