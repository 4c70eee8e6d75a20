import AttendantAudio

/// Cuts a recording into the caller's utterances with the streaming endpointer, the
/// way a live line hears them: each utterance from its onset (with the endpointer's
/// pre-roll) to the end of its last voiced frame plus a short tail. A recording with
/// no speech gives no utterances (a no-input turn, not an error).
public struct UtteranceSplitter: Sendable {
    public var config: EndpointerConfig
    /// Audio kept after the last voiced frame, ms (the recognizer hears the word's end).
    public var tailMilliseconds: Int

    public init(config: EndpointerConfig = .init(), tailMilliseconds: Int = 200) {
        self.config = config
        self.tailMilliseconds = tailMilliseconds
    }

    /// The utterances in `buffer` (mono; stereo is mixed down), in order.
    public func utterances(in buffer: PCMBuffer) -> [PCMBuffer] {
        let mono = buffer.channels == 1 ? buffer : buffer.mixedToMono()
        let endpointer = Endpointer(sampleRate: mono.sampleRate, config: config)
        let rate = mono.sampleRate
        let chunk = max(1, rate / 50)
        var spans: [(start: Int, end: Int)] = []
        var open: Int?
        func consume(_ event: EndpointEvent?) {
            switch event {
            case .speechStarted(let atMs, _)?: open = max(0, atMs - config.preRollMs)
            case .speechEnded(let atMs)?:
                if let start = open { spans.append((start, atMs + tailMilliseconds)) }
                open = nil
            case nil: break
            }
        }
        var index = 0
        while index < mono.samples.count {
            let end = min(index + chunk, mono.samples.count)
            consume(endpointer.process(Array(mono.samples[index..<end])))
            var pending = endpointer.process([])
            while let event = pending {
                consume(event)
                pending = endpointer.process([])
            }
            index = end
        }
        for event in endpointer.finish() { consume(event) }
        if let start = open { spans.append((start, mono.samples.count * 1000 / max(rate, 1))) }
        return spans.map { span in
            let from = min(mono.samples.count, span.start * rate / 1000)
            let to = min(mono.samples.count, max(from, span.end * rate / 1000))
            return PCMBuffer(samples: Array(mono.samples[from..<to]), sampleRate: rate)
        }.filter { !$0.samples.isEmpty }
    }
}
