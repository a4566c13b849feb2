import Foundation

/// The documents bundled with Pledge, so that a fresh install has something real to show.
public enum Seed {
    /// A bundled document: its stable key and where its text lies.
    public struct Document: Sendable {
        public var key: String
        public var fileName: String

        /// The document's location inside the installed resource bundle.
        public var url: URL {
            Bundle.module.url(forResource: "Documents/" + fileName, withExtension: nil)
                ?? Bundle.module.bundleURL.appendingPathComponent("Documents/" + fileName)
        }
    }

    /// Japan–US fact sheet of 10 April 2024 (Japanese text, converted from PDF).
    public static let japanUSFactSheetJA = Document(
        key: "2024-04-10-japan-us", fileName: "2024-04-10-japan-us-fact-sheet.ja.txt")

    /// The same fact sheet as the White House released it in English.
    public static let japanUSFactSheetEN = Document(
        key: "2024-04-10-japan-us-en", fileName: "2024-04-10-japan-us-fact-sheet.en.txt")

    public static let all = [japanUSFactSheetJA, japanUSFactSheetEN]
}
