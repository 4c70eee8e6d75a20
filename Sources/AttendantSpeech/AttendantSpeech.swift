/// AttendantSpeech: hearing and speaking.
///
/// - ``SpeechRecognizer`` / ``RecognitionSession``: streaming recognition with partial
///   hypotheses, per-word times, a posterior-based confidence and an N-best list.
///   ``PocketSphinxRecognizer`` implements it with pocketsphinx; decoders are blocking C
///   code, so each runs on its own serial dispatch queue (never on Swift's cooperative
///   pool) and they are pooled and reused across sessions.
/// - ``DomainLanguageModel`` biases recognition toward what callers are expected to say:
///   a trigram model built at startup from phrases, interpolated with the generic en-us
///   model, with pronunciations for words missing from the CMU dictionary taken from
///   `acoustic/extra.dict` or derived from espeak-ng's phonemes (``EspeakPhonemeMapper``).
/// - ``SpeechSynthesizer``: text (or SSML) to PCM chunks at the line's rate.
///   ``EspeakSynthesizer`` serializes the process-global espeak-ng on one queue;
///   ``PromptCache`` makes a repeated prompt free.
/// - ``AcousticSettings``: what `acoustic/` says about the model, the front end and the
///   narrowband (8 kHz telephone) adaptation.
public enum AttendantSpeech {}
