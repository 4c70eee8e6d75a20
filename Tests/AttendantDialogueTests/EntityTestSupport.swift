import Foundation
@testable import AttendantDialogue

/// Shared fixtures for the entity tests: a fixed clock and a few designer slot types.
enum EntityFixture {
    /// Wednesday 2026-11-25, 12:00 UTC.
    static let reference = Date(timeIntervalSince1970: 1_795_608_000)
    static let utc = TimeZone(identifier: "UTC")!

    static let orderID = SlotType(name: "order_id", kind: .pattern("[0-9]{5}"))
    static let ticket = SlotType(name: "ticket", kind: .pattern("[A-Z]{3}[0-9]{3}"))
    static let device = SlotType(name: "device", kind: .list([
        .init(value: "iphone", synonyms: ["iphone", "i phone", "apple phone"]),
        .init(value: "android", synonyms: ["android", "samsung", "samsung galaxy", "google pixel"]),
        .init(value: "landline", synonyms: ["home phone", "landline", "land line"]),
    ]))

    static let extractor = EntityExtractor(types: SlotType.builtIn + [orderID, ticket, device])

    static func entities(_ text: String, _ slots: Set<String>? = nil) -> [Entity] {
        extractor.extract(from: text, types: slots, reference: reference, timeZone: utc)
    }

    /// Values of one slot found in `text`.
    static func values(_ text: String, _ slot: String) -> [String] {
        entities(text, [slot]).map(\.value)
    }
}
