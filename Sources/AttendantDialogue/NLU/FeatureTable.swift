/// An open-addressing map from a feature hash to its column in the model: a flat,
/// read-only (after building) table whose lookups allocate nothing and take no lock.
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    /// The number of features stored.
    private(set) var count = 0

    /// An empty table with room for about `capacity` features before it grows.
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    /// The column of `hash`, or -1 when it is not a known feature.
    @inline(__always)
    func column(of hash: UInt64) -> Int32 {
        let k = Self.key(hash)
        return keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
            while true {
                let stored = keys[slot]
                if stored == k { return values[slot] }
                if stored == 0 { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The column of `hash`, giving it `next` when it is new. Returns the column and
    /// whether it was new.
    mutating func insert(_ hash: UInt64, column next: Int32) -> (column: Int32, inserted: Bool) {
        if (count + 1) * 2 > keys.count { grow() }
        let k = Self.key(hash)
        var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let stored = keys[slot]
            if stored == k { return (values[slot], false) }
            if stored == 0 {
                keys[slot] = k
                values[slot] = next
                count += 1
                return (next, true)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Sets the column of a hash already in the table.
    mutating func update(_ hash: UInt64, column: Int32) {
        let k = Self.key(hash)
        var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while keys[slot] != k {
            if keys[slot] == 0 { return }
            slot = (slot + 1) & mask
        }
        values[slot] = column
    }

    /// Every (hash, column) pair, in table order.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for slot in keys.indices where keys[slot] != 0 { body(keys[slot], values[slot]) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for slot in oldKeys.indices where oldKeys[slot] != 0 {
            var s = Int(truncatingIfNeeded: oldKeys[slot] ^ (oldKeys[slot] >> 29)) & mask
            while keys[s] != 0 { s = (s + 1) & mask }
            keys[s] = oldKeys[slot]
            values[s] = oldValues[slot]
        }
    }
}
