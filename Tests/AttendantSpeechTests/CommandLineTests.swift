import AttendantAudio
import AttendantTesting
import Foundation
import Testing

/// The `attendant` executable as its users run it.
@Suite struct CommandLineTests {
    static func attendant(_ arguments: [String]) throws -> ToolRun {
        try ToolRun.run(SpeechTestSupport.executable, arguments, in: SpeechTestSupport.repository)
    }

    @Test func sayThenTranscribeWithABadFileInTheBatch() throws {
        #expect(FileManager.default.isExecutableFile(atPath: SpeechTestSupport.executable), "make test builds attendant")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let good = dir.appendingPathComponent("question.wav").path
        let say = try Self.attendant(["say", "How do I reset my password", "--out", good, "--rate", "8000", "--encoding", "ulaw"])
        #expect(say.status == 0, "\(say.stderr)")
        #expect(try WAVFile.read(contentsOf: URL(fileURLWithPath: good)).sampleRate == 8000)

        let corrupt = dir.appendingPathComponent("corrupt.wav").path
        try Data("RIFF\u{10}\0\0\0WAVEfmt garbage".utf8).write(to: URL(fileURLWithPath: corrupt))
        let missing = dir.appendingPathComponent("missing.wav").path
        let run = try Self.attendant(["transcribe", "--json", "--prompts", "prompts", good, corrupt, missing, good])
        #expect(run.status == 1, "a bad file makes the exit code non-zero")
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 2, "the good files are still transcribed: \(run.output)")
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["file", "text", "confidence", "words", "audio_seconds", "decode_seconds"])
            #expect(object["text"] as? String == "how do i reset my password")
            #expect((object["words"] as? [[String: Any]])?.first?.keys.sorted() == ["end", "start", "word"])
        }
        let errors = run.stderr.split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors.contains { $0.contains("corrupt.wav") }, "\(run.stderr)")
        #expect(errors.contains { $0.contains("missing.wav") }, "\(run.stderr)")
    }

    @Test func plainOutputIsOneLinePerFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("hours.wav").path
        #expect(try Self.attendant(["say", "What are your opening hours", "--out", file, "--voice", "en-us+f3"]).status == 0)
        let run = try Self.attendant(["transcribe", "--phrases", "prompts/phrases.txt", file])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("\(file)\twhat are your opening hours\t(confidence "))
    }

    @Test func badArgumentsAreClearErrors() throws {
        let rate = try Self.attendant(["say", "hello", "--out", "/tmp/x.wav", "--rate", "12345"])
        #expect(rate.status != 0)
        #expect(rate.stderr.contains("--rate 12345"))
        let acoustic = try Self.attendant(["transcribe", "--acoustic", "/nonexistent", "x.wav"])
        #expect(acoustic.status != 0)
        #expect(acoustic.stderr.contains("/nonexistent"))
    }
}
