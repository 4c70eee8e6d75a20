import Foundation
import Testing
import AttendantAudio

@Suite("WAVFile")
struct WAVFileTests {
    static let stereo = PCMBuffer(samples: (0..<2000).map { Int16(truncatingIfNeeded: $0 * 37 - 30000) },
                                  sampleRate: 22050, channels: 2)

    @Test("round trip through encode/read", arguments: [WAVEncoding.pcm16, .muLaw, .aLaw], [1, 2])
    func roundTrip(encoding: WAVEncoding, channels: Int) throws {
        let buffer = PCMBuffer(samples: Array(Self.stereo.samples.prefix(channels == 1 ? 1001 : 2000)),
                               sampleRate: 16000, channels: channels)
        let read = try WAVFile.read(data: WAVFile.encode(buffer, encoding: encoding), name: "rt.wav")
        #expect(read.sampleRate == 16000 && read.channels == channels)
        switch encoding {
        case .pcm16: #expect(read == buffer)
        case .muLaw: #expect(read.samples == G711.muLawDecode(G711.muLawEncode(buffer.samples)))
        case .aLaw: #expect(read.samples == G711.aLawDecode(G711.aLawEncode(buffer.samples)))
        }
    }

    @Test("files written by sox",
          arguments: [(["-e", "signed", "-b", "16"], 1), (["-e", "u-law", "-b", "8"], 2), (["-e", "a-law", "-b", "8"], 1),
                      (["-e", "signed", "-b", "16", "-t", "wavpcm"], 2)])
    func soxFiles(options: [String], channels: Int) throws {
        let url = TestSupport.temporaryURL(".wav")
        defer { try? FileManager.default.removeItem(at: url) }
        try TestSupport.run("sox", ["-n", "-r", "12000", "-c", "\(channels)"] + options + [url.path, "synth", "0.5", "sine", "440"])
        let buffer = try WAVFile.read(contentsOf: url)
        #expect(buffer.sampleRate == 12000 && buffer.channels == channels && buffer.frameCount == 6000)
        let left = buffer.channel(0).samples     // a clean 440 Hz sine, whatever sox's level
        #expect(abs(AudioMath.toneLevel(left, frequency: 440, sampleRate: 12000) / AudioMath.rms(left) - 1) < 0.05)
    }

    @Test("our files read back by sox", arguments: [WAVEncoding.pcm16, .muLaw, .aLaw])
    func readBySox(encoding: WAVEncoding) throws {
        let url = TestSupport.temporaryURL(".wav")
        defer { try? FileManager.default.removeItem(at: url) }
        try WAVFile.write(Self.stereo, to: url, encoding: encoding)
        let info = String(decoding: try TestSupport.run("sox", ["--i", url.path]), as: UTF8.self)
        #expect(info.contains("Channels       : 2") && info.contains("Sample Rate    : 22050"))
        #expect(info.contains("1000 samples"))
    }

    @Test("espeak-ng --stdout output (streamed sizes) reads to end of data")
    func streamedEspeak() throws {
        let data = try TestSupport.run("espeak-ng", ["--stdout", "Hello there."])
        let buffer = try WAVFile.read(data: data, name: "stdout.wav")
        #expect(buffer.sampleRate == 22050 && buffer.samples.count == (data.count - 44) / 2)
    }

    @Test("skips unknown chunks, honours odd padding and streamed data sizes", arguments: [0, 0xFFFF_FFFF, 0x7FFF_F000, 6])
    func chunks(dataSize: UInt32) throws {
        var d = header(format: 1, channels: 1, rate: 8000, bits: 16, extraChunks: [("LIST", Array("odd".utf8)), ("junk", [1, 2])])
        d += chunk("data", [1, 0, 2, 0, 3, 0], declaredSize: dataSize)
        let buffer = try WAVFile.read(data: Data(d), name: "c.wav")
        #expect(buffer.samples == [1, 2, 3] && buffer.sampleRate == 8000)
    }

    @Test("WAVE_FORMAT_EXTENSIBLE with PCM and u-law subformats", arguments: [(1, 16), (7, 8)])
    func extensible(subformat: UInt16, bits: UInt16) throws {
        var fmt = le16(0xFFFE) + le16(1) + le32(8000) + le32(8000 * UInt32(bits / 8)) + le16(bits / 8) + le16(bits)
        fmt += le16(22) + le16(bits) + le32(4) + le16(subformat)
        fmt += [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        let body: [UInt8] = bits == 16 ? [0x10, 0x00, 0xF0, 0xFF] : [0xFF, 0x00]
        let d = Array("RIFF".utf8) + le32(0) + Array("WAVE".utf8) + chunk("fmt ", fmt) + chunk("data", body)
        let buffer = try WAVFile.read(data: Data(d), name: "ext.wav")
        #expect(buffer.samples == (bits == 16 ? [16, -16] : [0, G711.muLawDecode(0x00)]))
    }

    @Test("rejects files it cannot read, naming the file and the problem", arguments: [
        ("a.wav", [UInt8](Array("RIFF".utf8) + [0, 0]), "a.wav: too short for a WAV header (6 bytes)"),
        ("b.wav", Array("RIFX\0\0\0\0WAVE".utf8), "b.wav: RIFX container is not supported; expected RIFF"),
        ("c.wav", Array("OggS\0\0\0\0WAVE".utf8), "c.wav: not a WAV file (starts with \"OggS\", expected \"RIFF\")"),
        ("d.wav", header(format: 0x11, channels: 1, rate: 8000, bits: 4) + chunk("data", [0, 0]),
         "d.wav: unsupported WAV format 0x0011 (IMA ADPCM); expected PCM 16-bit, u-law or A-law"),
        ("e.wav", header(format: 3, channels: 1, rate: 8000, bits: 32) + chunk("data", [0, 0, 0, 0]),
         "e.wav: unsupported WAV format 0x0003 (IEEE float); expected PCM 16-bit, u-law or A-law"),
        ("f.wav", header(format: 1, channels: 1, rate: 8000, bits: 24) + chunk("data", [0, 0, 0]),
         "f.wav: unsupported PCM sample size 24-bit; expected PCM 16-bit, u-law or A-law"),
        ("g.wav", header(format: 1, channels: 6, rate: 8000, bits: 16) + chunk("data", []),
         "g.wav: unsupported channel count 6; expected mono or stereo"),
        ("h.wav", header(format: 1, channels: 1, rate: 8000, bits: 16) + chunk("data", [1, 2, 3, 4], declaredSize: 100),
         "h.wav: data chunk declares 100 bytes but only 4 remain (truncated file)"),
        ("i.wav", header(format: 1, channels: 1, rate: 8000, bits: 16), "i.wav: no data chunk"),
        ("j.wav", Array("RIFF\0\0\0\0WAVE".utf8) + chunk("data", [0, 0]), "j.wav: data chunk comes before the fmt chunk"),
        ("k.wav", Array("RIFF\0\0\0\0WAVE".utf8) + chunk("fmt ", [1, 0, 1, 0]), "k.wav: fmt chunk is 4 bytes, expected at least 16"),
    ])
    func rejects(name: String, bytes: [UInt8], message: String) {
        #expect(throws: AudioError.self) { try WAVFile.read(data: Data(bytes), name: name) }
        do {
            _ = try WAVFile.read(data: Data(bytes), name: name)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test("real unsupported files made by sox are rejected",
          arguments: [(["-e", "signed", "-b", "24"], "PCM sample size 24-bit"),
                      (["-e", "floating-point", "-b", "32"], "IEEE float"),
                      (["-e", "ima-adpcm", "-b", "4"], "0x0011 (IMA ADPCM)")])
    func soxUnsupported(options: [String], problem: String) throws {
        let url = TestSupport.temporaryURL(".wav")
        defer { try? FileManager.default.removeItem(at: url) }
        try TestSupport.run("sox", ["-n", "-r", "8000", "-c", "1"] + options + [url.path, "synth", "0.1", "sine", "440"])
        do {
            _ = try WAVFile.read(contentsOf: url)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix(url.path + ": unsupported") && error.message.contains(problem), "\(error)")
        }
    }

    @Test func missingFile() {
        #expect { try WAVFile.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.wav")) } throws: {
            ($0 as? AudioError)?.code == .io && "\($0)".hasPrefix("/nonexistent/x.wav: cannot read file")
        }
    }
}

// MARK: byte builders

private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
private func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }

private func chunk(_ id: String, _ body: [UInt8], declaredSize: UInt32? = nil) -> [UInt8] {
    Array(id.utf8) + le32(declaredSize ?? UInt32(body.count)) + body + (body.count % 2 == 1 ? [0] : [])
}

private func header(format: UInt16, channels: UInt16, rate: UInt32, bits: UInt16,
                    extraChunks: [(String, [UInt8])] = []) -> [UInt8] {
    let align = channels * max(1, bits / 8)
    let fmt = le16(format) + le16(channels) + le32(rate) + le32(rate * UInt32(align)) + le16(align) + le16(bits)
    return Array("RIFF".utf8) + le32(0) + Array("WAVE".utf8) + chunk("fmt ", fmt)
        + extraChunks.flatMap { chunk($0.0, $0.1) }
}
