/// A slot value found in what a caller said (or typed).
public struct Entity: Sendable, Hashable, Codable {
    /// The slot type's name: a built-in (`number`, `date`, `time`, `money`, `phone`,
    /// `email`, `yes_no`) or a designer's slot from `prompts/slots.yaml` (`order_id`, `device`).
    public var slot: String
    /// Canonical value: `4567`, `2026-05-05`, `14:30`, `12.50 USD`, `+15551234567`,
    /// `ann.lee@example.com`, `yes`, `iphone`.
    public var value: String
    /// The words it was found in, as said.
    public var text: String
    /// How to say the value back to the caller ("four five six seven", "May fifth"),
    /// when that differs from ``value``.
    public var spoken: String?

    public init(slot: String, value: String, text: String, spoken: String? = nil) {
        self.slot = slot
        self.value = value
        self.text = text
        self.spoken = spoken
    }
}
