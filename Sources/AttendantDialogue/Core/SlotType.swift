/// What a slot holds and how it is recognized. Built-in kinds need no configuration;
/// designers add patterned ids and lists with synonyms in `prompts/slots.yaml`.
public struct SlotType: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A cardinal number, spoken ("twenty three", "four five six seven") or typed ("23").
        case number
        /// A date ("next Tuesday", "the fifth of May", "5/5"), canonical `yyyy-MM-dd`.
        case date
        /// A time of day ("half past two", "2:30 pm"), canonical `HH:mm`.
        case time
        /// An amount of money ("twelve dollars fifty"), canonical `12.50 USD`.
        case money
        /// A phone number, canonical digits (with a leading `+` when given).
        case phone
        /// An e-mail address, typed or spelled out ("ann dot lee at example dot com").
        case email
        /// yes / no, canonical `yes` or `no`.
        case yesNo
        /// An identifier matched by a regular expression over the digits and letters said
        /// (spoken digits are joined first), e.g. `[0-9]{6}` for an order number.
        case pattern(String)
        /// One of a designer's values, each with synonyms.
        case list([ListValue])
    }

    /// One value of a list slot: its canonical name and the words that mean it.
    public struct ListValue: Sendable, Hashable {
        public var value: String
        public var synonyms: [String]
        public init(value: String, synonyms: [String]) {
            self.value = value
            self.synonyms = synonyms
        }
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The built-in slot types, by their names in `prompts/`.
    public static let builtIn: [SlotType] = [
        SlotType(name: "number", kind: .number), SlotType(name: "date", kind: .date),
        SlotType(name: "time", kind: .time), SlotType(name: "money", kind: .money),
        SlotType(name: "phone", kind: .phone), SlotType(name: "email", kind: .email),
        SlotType(name: "yes_no", kind: .yesNo),
    ]
}
