#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte encodings Pledge reads. Raw values are the names `pledge` reports.
public enum TextEncoding: String, Sendable {
    case utf8, utf8BOM = "utf8-bom", utf16LE = "utf16le", utf16BE = "utf16be", shiftJIS = "shift_jis", eucJP = "euc-jp"
}

public enum DecodeFailure: Error, Sendable, Equatable {
    /// NUL bytes or a high density of control characters: not text at all.
    case binary
    /// Looks like text, but no supported encoding decodes it.
    case undecodable
}

/// Turns a file's bytes into text, detecting the encoding.
///
/// Memory: every path builds the `String` directly from the input (counting the
/// output length in a first pass where it is not known), so a decode costs about
/// one copy of the input on top of the input itself.
public enum TextDecoder {
    /// Detects the encoding without being told and decodes. The BOM is never part of the text.
    public static func decode(_ bytes: [UInt8]) throws(DecodeFailure) -> (text: String, encoding: TextEncoding) {
        if bytes.isEmpty { return ("", .utf8) }
        let result: Result<(String, TextEncoding), DecodeFailure> = bytes.withUnsafeBufferPointer { all in
            // A BOM is an explicit declaration: trust it, and fail rather than guess if it lies.
            if all.starts(with: [0xEF, 0xBB, 0xBF]) {
                let body = UnsafeBufferPointer(rebasing: all[3...])
                if looksBinary(body) { return .failure(.binary) }
                guard let text = validUTF8(body) else { return .failure(.undecodable) }
                return .success((text, .utf8BOM))
            }
            if all.starts(with: [0xFF, 0xFE]) || all.starts(with: [0xFE, 0xFF]) {
                let bigEndian = all[0] == 0xFE
                return utf16(UnsafeBufferPointer(rebasing: all[2...]), bigEndian: bigEndian)
                    .map { ($0, bigEndian ? .utf16BE : .utf16LE) }
            }
            // Every remaining candidate is ASCII-compatible, so NUL and C0 bytes mean the same in all of them.
            if looksBinary(all) { return .failure(.binary) }
            if let text = validUTF8(all) { return .success((text, .utf8)) }
            return legacyJapanese(all)
        }
        return try result.get()
    }

    // MARK: - Binary detection

    /// NUL anywhere, or more than 5% C0 control bytes other than \t \n \r \f.
    /// (Ctrl-Z, the DOS end-of-file mark old Shift_JIS files end with, is one
    /// byte and never reaches the threshold.)
    static func looksBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        if memchr(base, 0, bytes.count) != nil { return true }
        var controls = 0
        for b in bytes {
            // Branch-free so the loop vectorises: bit b of the mask marks control byte b.
            controls &+= b < 0x20 ? Int((controlMask >> UInt32(b)) & 1) : 0
        }
        return controls &* 20 > bytes.count
    }

    /// Bits set for the C0 bytes that do not occur in text.
    private static let controlMask: UInt32 = ~(1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D)

    // MARK: - Unicode encodings

    /// One validating pass and one copy: the stdlib's UTF-8 validator is SIMD-accelerated.
    private static func validUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return String(validating: bytes, as: UTF8.self)
        }
        let invalid = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF8.self, stoppingOnError: true) { _ in }
        return invalid ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Reads code units from raw bytes in either byte order, without copying them into a `[UInt16]`.
    private struct UTF16Units: IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        let bigEndian: Bool
        var index = 0

        mutating func next() -> UInt16? {
            guard index + 1 < bytes.count else { return nil }
            defer { index += 2 }
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
    }

    /// Validates (lone surrogates fail) while measuring the UTF-8 length and counting
    /// control characters, then transcodes straight into a string of that exact size.
    private static func utf16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> Result<String, DecodeFailure> {
        guard bytes.count % 2 == 0 else { return .failure(.undecodable) }
        let units = UTF16Units(bytes: bytes, bigEndian: bigEndian)
        var length = 0, controls = 0
        let invalid = transcode(units, from: UTF16.self, to: UTF8.self, stoppingOnError: true) { byte in
            length += 1
            // In UTF-8 output a byte below 0x20 is exactly a C0 scalar (NUL included).
            if byte < 0x20 { controls += Int((controlMask >> UInt32(byte)) & 1) }
        }
        if invalid { return .failure(.undecodable) }
        if controls * 20 > length { return .failure(.binary) }
        let text = String(unsafeUninitializedCapacity: length) { out in
            var written = 0
            _ = transcode(units, from: UTF16.self, to: UTF8.self, stoppingOnError: true) { byte in
                out[written] = byte
                written += 1
            }
            return written
        }
        return .success(text)
    }

    // MARK: - Shift_JIS and EUC-JP

    /// Both legacy encodings go through iconv (Foundation cannot decode EUC-JP).
    /// A first pass per candidate validates it, scores how Japanese the result looks
    /// and measures its UTF-8 length, all in a fixed-size buffer; only the winner is
    /// then converted into the final string.
    private static func legacyJapanese(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(String, TextEncoding), DecodeFailure> {
        // CP932 (Windows' Shift_JIS) first: it is what Japanese government files use, and wins ties.
        let candidates: [(iconvName: String, encoding: TextEncoding)] = [("CP932", .shiftJIS), ("EUC-JP", .eucJP)]
        var best: (iconvName: String, encoding: TextEncoding, score: Int, length: Int)?
        for candidate in candidates {
            var score = 0, length = 0
            let ok = convert(bytes, from: candidate.iconvName) { chunk in
                length += chunk.count
                score += plausibility(ofUTF8: chunk)
            }
            if ok, score > best?.score ?? .min {
                best = (candidate.iconvName, candidate.encoding, score, length)
            }
        }
        guard let best else { return .failure(.undecodable) }
        var complete = true
        let text = String(unsafeUninitializedCapacity: best.length) { out in
            var written = 0
            complete = convert(bytes, from: best.iconvName) { chunk in
                // The input has not changed, so the output cannot be longer than measured; guard anyway.
                let n = min(chunk.count, out.count - written)
                _ = UnsafeMutableBufferPointer(rebasing: out[written..<written + n]).initialize(fromContentsOf: chunk[..<n])
                written += n
            }
            return written
        }
        return complete ? .success((text, best.encoding)) : .failure(.undecodable)
    }

    /// Converts `bytes` to UTF-8 with iconv, handing each converted chunk (whole
    /// characters only) to `sink`. False when the input is invalid or truncated in
    /// that encoding, or iconv does not know it.
    private static func convert(
        _ bytes: UnsafeBufferPointer<UInt8>, from encoding: String,
        _ sink: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Bool {
        let cd = iconv_open("UTF-8", encoding)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return false }
        defer { iconv_close(cd) }
        guard let base = bytes.baseAddress else { return true }

        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
        defer { chunk.deallocate() }
        // iconv's signature wants mutable CChar pointers; it never writes through the input one.
        var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
        var inputLeft = bytes.count

        /// One iconv call into an empty chunk; a nil input flushes the converter.
        func step(flush: Bool) -> Int {
            var output: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(chunk.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outputLeft = chunk.count
            let result = flush
                ? iconv(cd, nil, nil, &output, &outputLeft)
                : iconv(cd, &input, &inputLeft, &output, &outputLeft)
            let produced = chunk.count - outputLeft
            if produced > 0 { sink(UnsafeBufferPointer(rebasing: chunk[..<produced])) }
            return result
        }
        while inputLeft > 0 {
            // E2BIG only means the chunk is full; EILSEQ and EINVAL (truncated sequence) mean "not this encoding".
            if step(flush: false) == -1 && errno != E2BIG { return false }
        }
        return step(flush: true) != -1
    }

    /// How Japanese a decoded chunk looks. Real text is dominated by hiragana; reading
    /// EUC-JP as CP932 yields half-width katakana, and reading CP932 as EUC-JP yields
    /// C1 controls (CP932 lead bytes 0x81–0x9F), so both are penalised.
    private static func plausibility(ofUTF8 chunk: UnsafeBufferPointer<UInt8>) -> Int {
        var score = 0, i = 0
        while i < chunk.count {
            let b0 = UInt32(chunk[i])
            // iconv emits valid UTF-8 and whole characters per chunk; the bounds check below is belt and braces.
            let length = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
            guard i + length <= chunk.count else { break }
            var scalar = length == 1 ? b0 : b0 & (0xFF >> UInt32(length + 1))
            for k in 1..<max(length, 1) { scalar = scalar << 6 | UInt32(chunk[i + k] & 0x3F) }
            i += length
            switch scalar {
            case 0x3041...0x309F: score += 3                          // hiragana
            case 0x3000...0x303F, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: score += 1
            case 0xFF61...0xFF9F: score -= 2                          // half-width katakana
            case 0x80...0x9F, 0xE000...0xF8FF: score -= 4             // C1 controls, private use
            default: break
            }
        }
        return score
    }
}
