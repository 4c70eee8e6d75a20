import AttendantAudio
import AttendantDialogue
import AttendantEngine
import AttendantSpeech
import AttendantTesting
import Foundation
import Testing

/// `attendant pipe`, `chat`, `test` and `prompts check` as testers and designers run them.
@Suite("Dialogue commands", .serialized)
struct DialogueCommandTests {
    /// A caller turn spoken by espeak-ng through the telephone line (8 kHz µ-law).
    static func speak(_ text: String, to url: URL, voice: String = "en-us+m3") throws {
        let run = try EngineTestSupport.attendant(["say", text, "--out", url.path, "--voice", voice, "--rate", "8000", "--encoding", "ulaw"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func pipeRunsASpokenConversationThroughTheWholeEngine() async throws {
        let backend = try await FakeBackend()
        defer { backend.stop() }
        let dir = try EngineTestSupport.temporaryDirectory("pipe")
        let question = dir.appendingPathComponent("1-question.wav")
        let number = dir.appendingPathComponent("2-number.wav")
        let silent = dir.appendingPathComponent("3-silence.wav")
        let corrupt = dir.appendingPathComponent("4-corrupt.wav")
        try Self.speak("I want to check the status of my order", to: question)
        try Self.speak("the order number is 4 8 2 1 3", to: number)
        try WAVFile.write(PCMBuffer(samples: [Int16](repeating: 0, count: 16000), sampleRate: 8000), to: silent)
        try Data("RIFF garbage".utf8).write(to: corrupt)
        let out = dir.appendingPathComponent("replies")
        let data = dir.appendingPathComponent("data")
        let run = try EngineTestSupport.attendant(["pipe", "--json", "--prompts", "prompts", "--data", data.path, "--out", out.path,
                                                   "--backend", backend.url, question.path, number.path, silent.path, corrupt.path])
        #expect(run.status == 1, "the corrupt file makes the exit code non-zero")
        #expect(run.stderr.contains("4-corrupt.wav"), "\(run.stderr)")
        let lines = run.output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 3, "\(run.output)")
        guard lines.count == 3 else { return }
        for line in lines {
            for key in ["transcript", "asr_confidence", "intent", "intent_confidence", "slots", "sentiment", "reply", "action", "ticket"] {
                #expect(line.keys.contains(key), "missing \(key) in \(line)")
            }
        }
        #expect(lines[0]["intent"] as? String == "order_status")
        #expect((lines[0]["reply"] as? String)?.contains("order number") == true)
        #expect((lines[1]["slots"] as? [String: String])?["order_id"] == "48213", "\(lines[1])")
        #expect((lines[1]["reply"] as? String)?.contains("shipped on Monday") == true, "\(lines[1])")
        #expect(lines[2]["transcript"] == nil || lines[2]["transcript"] is NSNull, "silence is a no-input turn")
        #expect((lines[2]["reply"] as? String)?.contains("didn't hear anything") == true)
        // Reply audio for the greeting and each turn.
        for number in 0...3 {
            let reply = try WAVFile.read(contentsOf: out.appendingPathComponent(String(format: "reply-%02d.wav", number)))
            #expect(reply.duration > 0.5)
        }
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("attendant.sqlite").path))
    }

    @Test func oneRecordingWithPausesIsSplitIntoTurns() throws {
        let dir = try EngineTestSupport.temporaryDirectory("pipe-split")
        let first = dir.appendingPathComponent("a.wav"), second = dir.appendingPathComponent("b.wav")
        try Self.speak("I want to speak to a person", to: first, voice: "en-us+f3")
        try Self.speak("hello", to: second, voice: "en-us+f3")
        let a = try WAVFile.read(contentsOf: first), b = try WAVFile.read(contentsOf: second)
        let pause = [Int16](repeating: 0, count: 8000 * 2)
        let joined = dir.appendingPathComponent("call.wav")
        try WAVFile.write(PCMBuffer(samples: a.samples + pause + b.samples + pause, sampleRate: 8000), to: joined)
        let run = try EngineTestSupport.attendant(["pipe", "--json", "--prompts", "prompts", "--no-store", joined.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.output.split(separator: "\n")
        // The first utterance hands off; the conversation is over, so the second is not taken.
        #expect(lines.count == 1, "\(run.output)")
        #expect(lines.first?.contains("\"action\":\"handoff\"") == true, "\(run.output)")
        #expect(lines.first?.contains("\"ticket\":null") == true, "no store, no ticket")
    }

    @Test func chatReadsTypedTurns() throws {
        let data = try EngineTestSupport.temporaryDirectory("chat")
        let input = "how much does shipping cost\n/keys 0\n"
        let run = try ToolRun.run(EngineTestSupport.executable, ["chat", "--prompts", "prompts", "--data", data.path],
                                  in: EngineTestSupport.repository, input: Data(input.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("bot> Thanks for calling Harbor Goods") == true, "\(run.output)")
        #expect(lines.contains { $0.lowercased().contains("fifty dollars") }, "\(run.output)")
        #expect(lines.contains { $0.contains("[handed off to general") && $0.contains("ticket T-") }, "\(run.output)")
    }

    @Test func testRunsTheSampleScenariosAndWritesJUnit() throws {
        let dir = try EngineTestSupport.temporaryDirectory("scenarios")
        let junit = dir.appendingPathComponent("junit.xml")
        let run = try EngineTestSupport.attendant(["test", "prompts/scenarios", "--fake-backend", "--data", dir.path, "--junit", junit.path])
        #expect(run.status == 0, "\(run.output)\n\(run.stderr)")
        #expect(run.output.contains("0 failed"), "\(run.output)")
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"attendant scenarios\""))
        #expect(xml.contains("failures=\"0\""))
    }

    @Test func aFailingScenarioIsReportedWithItsLine() throws {
        let dir = try EngineTestSupport.temporaryDirectory("scenario-fail")
        let file = dir.appendingPathComponent("wrong.yaml")
        try """
        name: Expects the wrong intent
        turns:
          - say: where is my order
            expect: {intent: cancel_order}
        """.write(to: file, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("junit.xml")
        let run = try EngineTestSupport.attendant(["test", file.path, "--no-store", "--junit", junit.path])
        #expect(run.status == 1)
        #expect(run.output.contains("FAIL  Expects the wrong intent"))
        #expect(run.output.contains("wrong.yaml:3): intent: expected cancel_order, got order_status"), "\(run.output)")
        #expect(try String(contentsOf: junit, encoding: .utf8).contains("<failure message="))
    }

    @Test func promptsCheckPassesTheSampleAndPointsAtMistakes() throws {
        let good = try EngineTestSupport.attendant(["prompts", "check", "prompts"])
        #expect(good.status == 0, "\(good.output)\n\(good.stderr)")
        #expect(good.stderr.contains("0 errors"))

        let folder = try EngineTestSupport.temporaryDirectory("check").appendingPathComponent("prompts")
        try FileManager.default.copyItem(at: EngineTestSupport.prompts, to: folder)
        let flow = folder.appendingPathComponent("flows/cancel.yaml")
        let text = try String(contentsOf: flow, encoding: .utf8)
        try text.replacingOccurrences(of: "      no: kept", with: "      no: keep").write(to: flow, atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("no: kept") }! + 1
        let bad = try EngineTestSupport.attendant(["prompts", "check", folder.path])
        #expect(bad.status == 1)
        #expect(bad.output.contains("\(flow.path):\(line):11: error: state confirm_cancel: unknown state `cancel.keep`"), "\(bad.output)")
        #expect(bad.output.contains("warning: state `cancel.kept` is unreachable"))
    }
}

/// Recorded prompts and WAV turns in scenarios.
@Suite("Recorded prompts and spoken scenarios", .serialized)
struct RecordedAudioTests {
    @Test func aFlowPromptCanBeARecordedWAV() async throws {
        let folder = try EngineTestSupport.temporaryDirectory("audio-prompt").appendingPathComponent("prompts")
        try FileManager.default.copyItem(at: EngineTestSupport.prompts, to: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("audio"), withIntermediateDirectories: true)
        let tone = SignalGenerator.sine(frequency: 440, sampleRate: 8000, seconds: 0.5, amplitude: 0.3)
        try WAVFile.write(tone, to: folder.appendingPathComponent("audio/welcome.wav"), encoding: .muLaw)
        let flow = folder.appendingPathComponent("flows/main.yaml")
        let text = try String(contentsOf: flow, encoding: .utf8)
        try text.replacingOccurrences(of: "    say: Thanks for calling Harbor Goods. How can I help you today?",
                                      with: "    say:\n      - {audio: audio/welcome.wav, text: (chime)}\n      - Thanks for calling Harbor Goods. How can I help you today?")
            .write(to: flow, atomically: true, encoding: .utf8)
        let model = try DialogueModel(directory: folder)
        var session = DialogueSession(model: model)
        let greeting = await session.start()
        #expect(greeting.reply.first?.audio == folder.appendingPathComponent("audio/welcome.wav").path)
        let voice = ReplyVoice(synthesizer: EspeakSynthesizer(), sampleRate: 16000)
        let audio = try await voice.audio(for: greeting.reply)
        #expect(audio.sampleRate == 16000)
        #expect(audio.duration > 1.5, "the chime, resampled, then the synthesized greeting")
    }

    @Test func aScenarioTurnCanBeAWAVFile() throws {
        let dir = try EngineTestSupport.temporaryDirectory("wav-scenario")
        try DialogueCommandTests.speak("how do I reset my password", to: dir.appendingPathComponent("password.wav"), voice: "en-us+f3")
        try """
        name: A spoken question
        turns:
          - wav: password.wav
            expect: {intent: reset_password, article: reset-password}
        """.write(to: dir.appendingPathComponent("spoken.yaml"), atomically: true, encoding: .utf8)
        let run = try EngineTestSupport.attendant(["test", dir.appendingPathComponent("spoken.yaml").path, "--no-store",
                                                   "--junit", dir.appendingPathComponent("junit.xml").path])
        #expect(run.status == 0, "\(run.output)\n\(run.stderr)")
        #expect(run.output.contains("PASS  A spoken question"))
    }
}
