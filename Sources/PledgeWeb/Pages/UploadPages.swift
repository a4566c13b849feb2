import Foundation
import PledgeModel
import PledgeRegister

/// The add-document form and the preview of what was read from an upload.
extension Pages {
    struct UploadForm {
        var csrf: String?
        var message: String?
        var limit: String
        var key: String
        var date: String
        var translationOf: String
    }

    /// The form that sends a file or a pasted text to be read, with the options `pledge ingest` takes.
    func addDocumentForm(visitor: Visitor, csrf: String?, message: String? = nil, options: UploadOptions = UploadOptions()) -> Rendered {
        let model = UploadForm(
            csrf: csrf, message: message, limit: "\(self.options.uploadLimit >> 20) MB", key: options.key ?? "",
            date: options.date?.iso ?? "", translationOf: options.translationOf ?? "")
        return framed("add-document", model, title: words(visitor)["title.addDocument"], visitor: visitor, csrf: csrf)
    }

    struct PreviewView {
        struct Row {
            var title: String?
            var text: String
            var modality: String
            var modalityKey: String
            var parties: String
            var due: String?
            var amounts: String
        }
        struct Group {
            var heading: String
            var rows: [Row]
        }
        struct Change {
            var label: String
            var kind: String
            var id: String
            var link: String
            var before: String?
            var after: String?
        }
        var csrf: String?
        var action: String
        var source: String
        var result: UploadResult
        var changeLabel: String
        var title: String
        var date: String?
        var language: String
        var parties: String
        var warnings: [String]
        var hasWarnings: Bool
        var groups: [Group]
        var shown: Int
        var hasMore: Bool
        var isRevision: Bool
        var changes: [Change]
        var hasChanges: Bool
    }

    /// The most items a preview lists: enough to judge a reading, bounded for a long document.
    static let previewItems = 500

    /// What was read from an upload, and what storing it would do, with the buttons that
    /// store it or set it aside.
    func uploadPreview(_ record: DocumentRecord, outcome: IngestOutcome, pending id: String, visitor: Visitor, csrf: String?) -> Rendered {
        let t = words(visitor)
        let result = UploadResult(record, outcome, dryRun: true)
        var groups: [PreviewView.Group] = []
        for item in record.items.prefix(Self.previewItems) {
            let row = PreviewView.Row(
                title: item.title, text: item.text.replacingOccurrences(of: "**", with: ""),
                modality: t.modality(item.modality), modalityKey: item.modality.rawValue,
                parties: item.parties.map(\.rawValue).joined(separator: ", "), due: item.due,
                amounts: item.amounts.map(\.text).joined(separator: "; "))
            let heading = item.section ?? ""
            if groups.last?.heading == heading { groups[groups.count - 1].rows.append(row) } else { groups.append(.init(heading: heading, rows: [row])) }
        }
        let changes = outcome.changes.map { change in
            let id = "\(outcome.document)#\(change.number)"
            return PreviewView.Change(
                label: t["change.\(change.kind.rawValue)"], kind: change.kind.rawValue, id: id, link: HTML.itemPath(id),
                before: change.before, after: change.after)
        }
        let model = PreviewView(
            csrf: csrf, action: "/documents/new/" + HTML.pathSegment(id), source: record.source, result: result,
            changeLabel: t["outcome.\(outcome.change.rawValue)"], title: record.info.title ?? record.source,
            date: record.info.date, language: record.info.language.rawValue,
            parties: record.info.parties.map(\.rawValue).joined(separator: ", "), warnings: UploadResult.warningKeys(record).map { t[$0] },
            hasWarnings: !result.warnings.isEmpty,
            groups: groups, shown: min(record.items.count, Self.previewItems), hasMore: record.items.count > Self.previewItems,
            isRevision: outcome.change == .revised,
            changes: changes, hasChanges: !changes.isEmpty)
        return framed("upload-preview", model, title: t("title.preview", ["title": record.info.title ?? record.source]), visitor: visitor, csrf: csrf)
    }
}
