import AttendantAudio
import Foundation
import Testing
@testable import AttendantSpeech

@Suite struct SynthesizerTests {
    @Test(arguments: [8000, 16000, 22050, 48000])
    func speaksAtTheRequestedRateInChunks(rate: Int) async throws {
        var chunks = 0
        var samples = 0
        for try await chunk in EspeakSynthesizer().synthesize(SynthesisRequest(text: "Your order ships tomorrow.", sampleRate: rate)) {
            #expect(chunk.sampleRate == rate && chunk.channels == 1)
            chunks += 1
            samples += chunk.samples.count
        }
        let seconds = Double(samples) / Double(rate)
        #expect(chunks > 5, "audio should stream in many chunks, got \(chunks)")
        #expect(seconds > 0.8 && seconds < 4, "unexpected length \(seconds) s")
    }

    @Test func fasterSpeechIsShorter() async throws {
        let text = "Thank you for calling, how can I help you today?"
        let slow = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: text, rate: 130))
        let fast = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: text, rate: 260))
        #expect(fast.duration < slow.duration * 0.75)
    }

    @Test func ssmlBreakAddsSilence() async throws {
        let plain = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: "<speak>one two</speak>", ssml: true))
        let paused = try await EspeakSynthesizer().synthesizeAll(
            SynthesisRequest(text: "<speak>one <break time=\"800ms\"/> two</speak>", ssml: true))
        #expect(paused.duration > plain.duration + 0.5)
    }

    @Test func unknownVoiceIsAClearError() async throws {
        await #expect(throws: SpeechError(.synthesis, "espeak-ng has no voice `xx-nonexistent` (try `espeak-ng --voices=en`)")) {
            _ = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: "hello", voice: "xx-nonexistent"))
        }
        // The engine keeps working after the error.
        let audio = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: "hello"))
        #expect(audio.duration > 0.2)
    }

    @Test func stoppingEarlyCancelsSynthesis() async throws {
        let long = String(repeating: "This is a long announcement that nobody wants to hear in full. ", count: 20)
        var taken = 0
        for try await _ in EspeakSynthesizer().synthesize(SynthesisRequest(text: long)) {
            taken += 1
            if taken == 3 { break }
        }
        #expect(taken == 3)
        let audio = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: "still here"))
        #expect(audio.duration > 0.2)
    }

    @Test func cacheServesIdenticalAudioWithoutSynthesizing() async throws {
        let cache = PromptCache(EspeakSynthesizer(), capacityBytes: 1 << 20)
        let request = SynthesisRequest(text: "Please hold while I look that up.", sampleRate: 8000)
        let first = try await cache.synthesizeAll(request)
        let second = try await cache.synthesizeAll(request)
        #expect(first == second)
        let stats = cache.statistics
        #expect(stats.hits == 1 && stats.misses == 1 && stats.entries == 1)
        #expect(stats.bytes == first.samples.count * 2)
        // A different rate, voice or speed is a different prompt.
        _ = try await cache.synthesizeAll(SynthesisRequest(text: request.text, sampleRate: 16000))
        #expect(cache.statistics.entries == 2)
    }

    @Test func cacheEvictsLeastRecentlyUsedWithinItsBound() async throws {
        let cache = PromptCache(EspeakSynthesizer(), capacityBytes: 60_000)  // ~3.7 s at 8 kHz
        let a = SynthesisRequest(text: "Our opening hours are nine to five.", sampleRate: 8000)
        let b = SynthesisRequest(text: "Your refund is on its way.", sampleRate: 8000)
        let c = SynthesisRequest(text: "Goodbye and thank you.", sampleRate: 8000)
        for r in [a, b, c] { _ = try await cache.synthesizeAll(r) }
        #expect(cache.statistics.bytes <= 60_000)
        #expect(cache.cached(a) == nil, "the oldest prompt is evicted first")
        #expect(cache.cached(c) != nil)
    }
}
