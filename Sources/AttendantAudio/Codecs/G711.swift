/// ITU-T G.711 companding (u-law and A-law), bit-exact with sox.
///
/// Encoders take 16-bit linear samples and round them to the 14-bit (u-law) or
/// 13-bit (A-law) uniform range G.711 is defined on, exactly as sox does, then
/// apply the standard segment quantiser. Decoders use 256-entry tables.
/// No per-sample allocation; the array forms allocate only their result.
public enum G711 {
    // MARK: u-law

    /// Encodes one linear sample as a u-law byte.
    @inline(__always)
    public static func muLawEncode(_ s: Int16) -> UInt8 {
        var v = (Int32(s) + 2) >> 2                 // 16 → 14 bits, rounded
        var mask: Int32 = 0xFF
        if v < 0 { v = -v; mask = 0x7F }
        v = min(v, 8159) + 33                        // clip, add bias: 33…8192
        let segment = (32 - v.leadingZeroBitCount) - 6
        if segment >= 8 { return UInt8(truncatingIfNeeded: 0x7F ^ mask) }
        return UInt8(truncatingIfNeeded: ((Int32(segment) << 4) | ((v >> (segment + 1)) & 0xF)) ^ mask)
    }

    /// Decodes one u-law byte to a linear sample.
    @inline(__always)
    public static func muLawDecode(_ b: UInt8) -> Int16 { muLawTable[Int(b)] }

    /// Encodes linear samples as u-law bytes.
    public static func muLawEncode(_ samples: [Int16]) -> [UInt8] { samples.map { muLawEncode($0) } }

    /// Decodes u-law bytes to linear samples.
    public static func muLawDecode(_ bytes: [UInt8]) -> [Int16] { decode(bytes, muLawTable) }

    // MARK: A-law

    /// Encodes one linear sample as an A-law byte.
    @inline(__always)
    public static func aLawEncode(_ s: Int16) -> UInt8 {
        var v = min((Int32(s) + 4) >> 3, 4095)       // 16 → 13 bits, rounded
        var mask: Int32 = 0xD5
        if v < 0 { v = -v - 1; mask = 0x55 }         // 0…4095
        let segment = max(0, (32 - v.leadingZeroBitCount) - 5)
        let mantissa = segment < 2 ? (v >> 1) & 0xF : (v >> segment) & 0xF
        return UInt8(truncatingIfNeeded: ((Int32(segment) << 4) | mantissa) ^ mask)
    }

    /// Decodes one A-law byte to a linear sample.
    @inline(__always)
    public static func aLawDecode(_ b: UInt8) -> Int16 { aLawTable[Int(b)] }

    /// Encodes linear samples as A-law bytes.
    public static func aLawEncode(_ samples: [Int16]) -> [UInt8] { samples.map { aLawEncode($0) } }

    /// Decodes A-law bytes to linear samples.
    public static func aLawDecode(_ bytes: [UInt8]) -> [Int16] { decode(bytes, aLawTable) }

    // MARK: tables

    /// u-law byte → 16-bit linear (the G.711 reconstruction values, scaled by 4).
    public static let muLawTable: [Int16] = (0..<256).map { code in
        let u = ~UInt8(code)
        var t = (Int(u & 0x0F) << 3) + 0x84
        t <<= Int(u & 0x70) >> 4
        return Int16(u & 0x80 != 0 ? 0x84 - t : t - 0x84)
    }

    /// A-law byte → 16-bit linear (the G.711 reconstruction values, scaled by 8).
    public static let aLawTable: [Int16] = (0..<256).map { code in
        let a = UInt8(code) ^ 0x55
        var t = Int(a & 0x0F) << 4
        let segment = Int(a & 0x70) >> 4
        switch segment {
        case 0: t += 8
        case 1: t += 0x108
        default: t = (t + 0x108) << (segment - 1)
        }
        return Int16(a & 0x80 != 0 ? t : -t)
    }

    private static func decode(_ bytes: [UInt8], _ table: [Int16]) -> [Int16] {
        table.withUnsafeBufferPointer { t in bytes.map { t[Int($0)] } }
    }
}
