import CEspeakNG
import Dispatch
import Foundation
import Synchronization

/// The one espeak-ng instance of the process.
///
/// espeak-ng keeps global state and is not thread-safe, so every call into it runs on
/// one serial dispatch queue (a dedicated thread, never Swift's cooperative pool). It is
/// initialized once, on first use, in synchronous mode: synthesis hands its audio to a
/// callback chunk by chunk, so a caller can start playing before synthesis ends.
public final class EspeakEngine: Sendable {
    /// The process-wide engine.
    public static let shared = EspeakEngine()

    private let queue = DispatchQueue(label: "attendant.espeak", qos: .userInitiated)
    /// Result of initialization: the native sample rate, or the error.
    private let state = Mutex<Result<Int, SpeechError>?>(nil)

    /// Chunk length espeak-ng hands to the callback, in milliseconds.
    static let chunkMilliseconds: Int32 = 20

    private init() {}

    /// Runs `body` on the espeak queue after initializing espeak-ng; returns its native
    /// sample rate to `body`.
    func run<T: Sendable>(_ body: @escaping @Sendable (Int) throws(SpeechError) -> T) async throws(SpeechError) -> T {
        let result: Result<T, SpeechError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(SpeechError) -> T in
                    let rate = try self.initializeOnQueue()
                    return try body(rate)
                })
            }
        }
        return try result.get()
    }

    /// Runs `body` on the espeak queue without waiting (for streaming synthesis).
    func enqueue(_ body: @escaping @Sendable (Result<Int, SpeechError>) -> Void) {
        queue.async {
            body(Result { () throws(SpeechError) -> Int in try self.initializeOnQueue() })
        }
    }

    /// Native output sample rate of espeak-ng (22050 Hz for its voices).
    public func nativeSampleRate() async throws(SpeechError) -> Int {
        try await run { rate in rate }
    }

    private func initializeOnQueue() throws(SpeechError) -> Int {
        dispatchPrecondition(condition: .onQueue(queue))
        if let existing = state.withLock({ $0 }) { return try existing.get() }
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, Self.chunkMilliseconds, nil, Int32(espeakINITIALIZE_DONT_EXIT))
        let result: Result<Int, SpeechError> = rate > 0
            ? .success(Int(rate))
            : .failure(SpeechError(.synthesis, "espeak-ng could not be initialized (is espeak-ng-data installed?)"))
        if rate > 0 { espeak_SetSynthCallback(espeakSynthCallback) }
        state.withLock { $0 = result }
        return try result.get()
    }

    /// Selects a voice (`en-us`, `en`, `en-us+f3`, …) on the queue.
    func selectVoiceOnQueue(_ voice: String) throws(SpeechError) {
        dispatchPrecondition(condition: .onQueue(queue))
        if espeak_SetVoiceByName(voice) != EE_OK {
            throw SpeechError(.synthesis, "espeak-ng has no voice `\(voice)` (try `espeak-ng --voices=en`)")
        }
    }

    /// Synthesizes on the queue, handing each chunk of native-rate samples to `sink`;
    /// `sink` returns false to stop early.
    func synthesizeOnQueue(text: String, ssml: Bool, voice: String, rate: Int,
                           sink: (UnsafeBufferPointer<Int16>) -> Bool) throws(SpeechError) {
        dispatchPrecondition(condition: .onQueue(queue))
        try selectVoiceOnQueue(voice)
        let clamped = min(max(rate, Int(espeakRATE_MINIMUM)), Int(espeakRATE_MAXIMUM))
        espeak_SetParameter(espeakRATE, Int32(clamped), 0)
        var flags = UInt32(espeakCHARS_UTF8)
        if ssml { flags |= UInt32(espeakSSML) }
        let status: espeak_ERROR = withoutActuallyEscaping(sink) { escapingSink in
            currentSink = escapingSink
            defer { currentSink = nil }
            return text.withCString { ptr in
                espeak_Synth(ptr, strlen(ptr) + 1, 0, POS_CHARACTER, 0, flags, nil, nil)
            }
        }
        if status != EE_OK {
            throw SpeechError(.synthesis, "espeak-ng failed (status \(status.rawValue)) on text `\(text.prefix(80))`")
        }
    }

    /// espeak-ng's phonemes for `text` in its ASCII notation, `_` between phonemes and a
    /// space between words (as `espeak-ng -x --sep=_` prints them).
    public func phonemes(for text: String, voice: String = "en-us") async throws(SpeechError) -> String {
        try await run { _ throws(SpeechError) -> String in
            try self.selectVoiceOnQueue(voice)
            var pieces: [String] = []
            text.withCString { start in
                var pointer: UnsafeRawPointer? = UnsafeRawPointer(start)
                let mode = Int32(1 | (Int32(UInt8(ascii: "_")) << 8))
                while let current = pointer, UnsafePointer<CChar>(current.assumingMemoryBound(to: CChar.self)).pointee != 0 {
                    var cursor: UnsafeRawPointer? = current
                    guard let out = espeak_TextToPhonemes(&cursor, Int32(espeakCHARS_UTF8), mode) else { break }
                    pieces.append(String(cString: out))
                    if cursor == current { break }
                    pointer = cursor
                }
            }
            return pieces.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
    }
}

/// The sink of the synthesis in progress. Touched only on the espeak queue.
nonisolated(unsafe) private var currentSink: ((UnsafeBufferPointer<Int16>) -> Bool)?

private func espeakSynthCallback(_ wav: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let wav, count > 0, let sink = currentSink else { return 0 }
    return sink(UnsafeBufferPointer(start: wav, count: Int(count))) ? 0 : 1
}
