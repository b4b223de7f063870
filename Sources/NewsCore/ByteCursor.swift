/// Writes bytes at a pointer into room reserved beforehand, for output built
/// piece by piece in a hot loop: no capacity or uniqueness check per piece.
///
/// ```swift
/// out.append(addingCapacity: bound) { span in
///     span.withUnsafeMutableBufferPointer { buffer, count in
///         var c = ByteCursor(buffer.baseAddress! + count)
///         c.literal(#"{"n":"#); c.decimal(n); c.byte(UInt8(ascii: "}"))
///         count += c.written(from: buffer.baseAddress! + count)
///     }
/// }
/// ```
/// The caller bounds what it writes: a decimal is at most 20 bytes.
public struct ByteCursor {
    public var position: UnsafeMutablePointer<UInt8>

    @inlinable public init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    /// The number of bytes written since `start`.
    @inlinable public func written(from start: UnsafeMutablePointer<UInt8>) -> Int { start.distance(to: position) }

    @inlinable public mutating func byte(_ b: UInt8) {
        position.pointee = b
        position += 1
    }

    @inlinable public mutating func bytes(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let from = piece.baseAddress else { return }
        position.update(from: from, count: piece.count)
        position += piece.count
    }

    @inlinable public mutating func bytes(_ piece: [UInt8]) {
        piece.withUnsafeBufferPointer { bytes($0) }
    }

    /// A literal of our own.
    @inlinable public mutating func literal(_ s: StaticString) {
        bytes(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// The decimal digits of `value` (at most 20 bytes).
    @inlinable public mutating func decimal(_ value: Int) {
        if value >= 0 && value < 10 {
            byte(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        if value < 0 { byte(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits = 1
        var probe = v / 10
        while probe > 0 { digits += 1; probe /= 10 }
        var i = digits
        while v > 0 {
            i -= 1
            position[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        }
        position += digits
    }

    /// `utf8` as a quoted JSON string (see `JSONWriter.appendEscaped`); at
    /// most 6 × `utf8.count` + 2 bytes.
    @inlinable public mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        position += JSONWriter.escapeBody(utf8, to: position)
        byte(UInt8(ascii: "\""))
    }
}
