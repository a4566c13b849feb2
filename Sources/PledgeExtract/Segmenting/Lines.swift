/// One line of the document, located both in UTF-8 bytes (to decode it) and in
/// code points (the offsets every span reports). The line break is not included.
struct Line {
    var byteStart: Int
    var byteEnd: Int
    var start: Int
    var end: Int
}

/// Splits UTF-8 text into lines in one pass without copying it: only positions are
/// kept, so an 80 MB document costs a few bytes per line.
enum LineScanner {
    static func lines(in bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var byteStart = 0
        var scalarStart = 0
        var scalars = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                // A CR before LF belongs to the break, not the line.
                var byteEnd = i
                var end = scalars
                if byteEnd > byteStart, bytes[byteEnd - 1] == 0x0D {
                    byteEnd -= 1
                    end -= 1
                }
                lines.append(Line(byteStart: byteStart, byteEnd: byteEnd, start: scalarStart, end: end))
                scalars += 1
                byteStart = i + 1
                scalarStart = scalars
            } else if b & 0xC0 != 0x80 {
                scalars += 1
            }
            i += 1
        }
        if byteStart < n {
            var byteEnd = n
            var end = scalars
            if bytes[n - 1] == 0x0D {
                byteEnd -= 1
                end -= 1
            }
            lines.append(Line(byteStart: byteStart, byteEnd: byteEnd, start: scalarStart, end: end))
        }
        return lines
    }

    /// Decodes valid UTF-8 bytes `[from, to)` into code points.
    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: inout [Unicode.Scalar]) {
        if out.isEmpty {
            // A new array is decoded straight into its storage: no byte gives more than one code point.
            out = [Unicode.Scalar](unsafeUninitializedCapacity: max(0, to - from)) { buffer, count in
                count = decode(bytes, from: from, to: to, into: buffer.baseAddress!)
            }
            return
        }
        var i = from
        while i < to {
            let (v, length) = UTF8Scalar.decode(bytes, at: i)
            i += length
            out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
    }

    /// `scalars(_:from:to:into:)` into memory with room for `to - from` code points; returns how many.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: UnsafeMutablePointer<Unicode.Scalar>) -> Int {
        var i = from
        var n = 0
        while i < to {
            let b0 = UInt32(bytes[i])
            if b0 < 0x80 {
                out[n] = Unicode.Scalar(UInt8(truncatingIfNeeded: b0))
                n += 1
                i += 1
                continue
            }
            let (v, length) = UTF8Scalar.decode(bytes, at: i)
            i += length
            out[n] = Unicode.Scalar(v) ?? "\u{FFFD}"
            n += 1
        }
        return n
    }
}

/// One code point of valid UTF-8, decoded by hand: the scanners over raw bytes need it
/// without the standard decoder's checks.
public enum UTF8Scalar {
    /// The code point whose first byte is at `i`, and how many bytes it takes.
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F), 4)
    }
}
