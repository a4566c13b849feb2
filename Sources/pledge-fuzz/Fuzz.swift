import PledgeExtract
import PledgeModel

/// libFuzzer's entry point: any bytes are read as a document (text, HTML or the pages of
/// a PDF's text, by what they look like) and extracted in both languages. A crash, a hang
/// or a span outside the text read is a finding. Built only with `PLEDGE_FUZZ=1`; the
/// README gives the command.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? DocumentReader.read(bytes: bytes, name: "fuzz") else { return 0 }
    let length = document.text.unicodeScalars.count
    for language in [Language.ja, .en] {
        guard let x = try? Extractor(options: ExtractionOptions(language: language)).extract(document) else { continue }
        var spans = x.sections.map(\.span) + x.items.map(\.span) + x.sentences.map(\.span)
        spans += x.amounts.map(\.span) + x.times.map(\.span) + x.terms.map(\.span)
        for s in spans where !(s.start >= 0 && s.start <= s.end && s.end <= length) {
            fatalError("span \(s.start)..<\(s.end) outside the \(length) code points read")
        }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The entry point SwiftPM's debug builds give an executable (`<target>_main`): it hands over
/// to libFuzzer's driver, whose own `main` is then not linked.
@_cdecl("pledge_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
