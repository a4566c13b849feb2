import Crypto
import Foundation
import PledgeModel

/// A document as Pledge reads it: the text every offset refers to, and where it came from.
public struct SourceDocument: Sendable {
    public enum Format: String, Sendable { case text, html, pdf }

    /// Display name of the source (a path, or `-` for standard input).
    public var name: String
    /// The text that spans index: the file itself for plain text, the rendered text for HTML or PDF.
    public var text: String
    public var format: Format
    public var encoding: TextEncoding
    /// Hex SHA-256 of the raw bytes.
    public var sha256: String
    /// A date the file states outside its text (an HTML page's `<meta>` or `<time>`, a PDF's
    /// creation date): the document's date when its text states none.
    public var statedDate: Day?

    public init(
        name: String, text: String, format: Format = .text, encoding: TextEncoding = .utf8, sha256: String? = nil,
        statedDate: Day? = nil
    ) {
        self.name = name
        self.text = text
        self.format = format
        self.encoding = encoding
        self.sha256 = sha256 ?? DocumentReader.sha256(Array(text.utf8))
        self.statedDate = statedDate
    }
}

/// Why a file could not be read, worded for the person who named it.
public struct ReadError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var problem: Explanation

    public var description: String { "\(file): \(problem)" }
}

/// Turns bytes into a `SourceDocument`: detects the encoding, renders HTML and PDF as text.
public enum DocumentReader {
    /// Reads a file, or standard input when `path` is `-`.
    public static func read(path: String) throws(ReadError) -> SourceDocument {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try read(bytes: [UInt8](data), name: "-")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(file: path, problem: "no such file")
        }
        if isDirectory.boolValue { throw ReadError(file: path, problem: "is a directory, not a document") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(file: path, problem: "cannot be read (permission denied?)")
        }
        return try read(bytes: [UInt8](data), name: path)
    }

    public static func read(bytes: [UInt8], name: String) throws(ReadError) -> SourceDocument {
        let digest = sha256(bytes)
        if bytes.starts(with: Array("%PDF-".utf8)) {
            let (text, created) = try PDFText.text(fromPDF: bytes, name: name)
            return SourceDocument(name: name, text: text, format: .pdf, encoding: .utf8, sha256: digest, statedDate: created)
        }
        let decoded: (text: String, encoding: TextEncoding)
        do {
            decoded = try TextDecoder.decode(bytes)
        } catch .binary {
            throw ReadError(file: name, problem: Explanation("read.binary", "binary data, not a text document"))
        } catch {
            throw ReadError(file: name, problem: Explanation("read.encoding", "not text in a supported encoding (UTF-8, UTF-16, Shift_JIS, EUC-JP)"))
        }
        if HTMLText.looksLikeHTML(decoded.text) {
            return SourceDocument(
                name: name, text: HTMLText.markdown(from: decoded.text), format: .html, encoding: decoded.encoding,
                sha256: digest, statedDate: HTMLText.publicationDate(in: decoded.text))
        }
        return SourceDocument(name: name, text: decoded.text, format: .text, encoding: decoded.encoding, sha256: digest)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

/// PDF goes through poppler's `pdftotext -layout` where it is installed; the
/// layout repair in segmentation then mends the page breaks. Its `pdfinfo` gives the
/// creation date the file records.
enum PDFText {
    static func text(fromPDF bytes: [UInt8], name: String) throws(ReadError) -> (String, Day?) {
        let candidates = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ReadError(file: name, problem: Explanation("read.pdfTool", "is a PDF; install poppler-utils (pdftotext) to read PDF files"))
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pledge-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let input = dir.appendingPathComponent("in.pdf")
            let output = dir.appendingPathComponent("out.txt")
            try Data(bytes).write(to: input)
            let errors = dir.appendingPathComponent("errors.txt")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-layout", "-enc", "UTF-8", input.path, output.path]
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let text = try? String(contentsOf: output, encoding: .utf8) else {
                let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                if said.localizedCaseInsensitiveContains("password") || said.localizedCaseInsensitiveContains("encrypt") {
                    throw ReadError(file: name, problem: Explanation("read.pdfEncrypted", "is an encrypted PDF; save a copy without a password and read that"))
                }
                throw ReadError(file: name, problem: Explanation("read.pdfUnreadable", "is a PDF that pdftotext could not read"))
            }
            // Only form feeds and spaces: the pages are pictures (a scan) with no text to read.
            guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0 != "\u{0C}" }) else {
                throw ReadError(file: name, problem: Explanation("read.pdfNoText", "is a PDF without a text layer (a scanned image?); run it through OCR first"))
            }
            return (text, creationDate(of: input, next: tool))
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(file: name, problem: "is a PDF that could not be converted: \(error)")
        }
    }
}

extension PDFText {
    /// `CreationDate:` from `pdfinfo -isodates`, beside `pdftotext`; nil where either is missing.
    static func creationDate(of pdf: URL, next pdftotext: String) -> Day? {
        let tool = URL(fileURLWithPath: pdftotext).deletingLastPathComponent().appendingPathComponent("pdfinfo")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else { return nil }
        let process = Process()
        let pipe = Pipe()
        process.executableURL = tool
        process.arguments = ["-isodates", pdf.path]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("CreationDate:") {
            let value = line.dropFirst("CreationDate:".count).drop(while: { $0 == " " })
            return Day(iso: String(value.prefix(10)))
        }
        return nil
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
