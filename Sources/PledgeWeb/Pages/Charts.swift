import PledgeModel
import Foundation
import PledgeExtract

/// Charts drawn by the server as inline SVG: they need no script, print, and scale with the
/// page. Colours are presentation attributes, which the page's content policy allows.
enum Charts {
    struct Bar {
        var label: String
        var value: Double
        var valueLabel: String
        var link: String?
    }

    /// Horizontal bars, longest first as given, labels on the left.
    static func bars(_ bars: [Bar], title: String) -> String {
        guard let largest = bars.map(\.value).max(), largest > 0 else {
            return "<p class=\"empty\">Nothing to chart.</p>"
        }
        let row = 26.0, labelWidth = 260.0, width = 720.0, barSpace = width - labelWidth - 110
        let height = row * Double(bars.count) + 8
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HTML.escape(title))" \
            xmlns="http://www.w3.org/2000/svg"><title>\(HTML.escape(title))</title>
            """
        for (i, bar) in bars.enumerated() {
            let y = 4 + row * Double(i)
            let length = max(2, barSpace * bar.value / largest)
            var label = bar.label
            if label.count > 28 { label = String(label.prefix(27)) + "…" }
            var shapes = """
                <text x="\(Int(labelWidth - 8))" y="\(fmt(y + 17))" text-anchor="end" font-size="13">\(HTML.escape(label))</text>\
                <rect x="\(Int(labelWidth))" y="\(fmt(y + 3))" width="\(fmt(length))" height="\(fmt(row - 8))" fill="#3b6ea5">\
                <title>\(HTML.escape(bar.label)): \(HTML.escape(bar.valueLabel))</title></rect>\
                <text x="\(fmt(labelWidth + length + 6))" y="\(fmt(y + 17))" font-size="12">\(HTML.escape(bar.valueLabel))</text>
                """
            if let link = bar.link { shapes = "<a href=\"\(HTML.escape(link))\">\(shapes)</a>" }
            svg += shapes
        }
        return svg + "</svg>"
    }

    struct Point {
        var id: String
        var due: String
        var label: String
        var overdue: Bool
        var settled: Bool
    }

    /// Due dates on a line of years: one dot per item, stacked where several fall in one
    /// month, red when overdue, grey when kept or broken; a line marks today.
    static func timeline(_ points: [Point], today: String) -> String {
        let days = points.compactMap { Day(iso: $0.due)?.daysSince1970 } + [Day(iso: today)?.daysSince1970].compactMap { $0 }
        guard let first = days.min(), let last = days.max(), !points.isEmpty else {
            return "<p class=\"empty\">No item has a due date.</p>"
        }
        let startYear = Day(year: 1970, month: 1, day: 1).adding(days: first).year, endYear = Day(year: 1970, month: 1, day: 1).adding(days: last).year + 1
        let from = Day(year: startYear, month: 1, day: 1).daysSince1970
        let to = Day(year: endYear, month: 1, day: 1).daysSince1970
        let width = 720.0, left = 20.0, right = 20.0, axis = 110.0
        func x(_ day: Int) -> Double { left + (width - left - right) * Double(day - from) / Double(max(1, to - from)) }
        var stacks: [String: Int] = [:]
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(axis + 30))" role="img" aria-label="Due dates" \
            xmlns="http://www.w3.org/2000/svg"><title>Due dates</title>\
            <line x1="\(fmt(left))" y1="\(fmt(axis))" x2="\(fmt(width - right))" y2="\(fmt(axis))" stroke="#555"/>
            """
        // Years labelled no closer than 45 units apart: every one over a short span, every
        // fifth or tenth over decades.
        let perYear = (width - left - right) / Double(endYear - startYear)
        let step = [1, 2, 5, 10, 20, 50].first { Double($0) * perYear >= 45 } ?? 100
        for year in startYear...endYear {
            let tx = x(Day(year: year, month: 1, day: 1).daysSince1970)
            svg += "<line x1=\"\(fmt(tx))\" y1=\"\(fmt(axis))\" x2=\"\(fmt(tx))\" y2=\"\(fmt(axis + 6))\" stroke=\"#555\"/>"
            if year < endYear && (year % step == 0 || year == startYear && step <= 2) {
                let mid = step == 1 ? x(Day(year: year, month: 7, day: 1).daysSince1970) : tx
                svg += "<text x=\"\(fmt(mid))\" y=\"\(fmt(axis + 22))\" text-anchor=\"middle\" font-size=\"13\">\(year)</text>"
            }
        }
        for point in points.sorted(by: { ($0.due, $0.id) < ($1.due, $1.id) }) {
            guard let day = Day(iso: point.due) else { continue }
            let month = String(point.due.prefix(7))
            let level = stacks[month, default: 0]
            stacks[month] = level + 1
            let cy = axis - 8 - Double(min(level, 17)) * 8
            let colour = point.settled ? "#999" : point.overdue ? "#c0392b" : "#2e7d32"
            svg += """
                <a href="\(HTML.escape(HTML.itemPath(point.id)))"><circle cx="\(fmt(x(day.daysSince1970)))" cy="\(fmt(cy))" r="4" \
                fill="\(colour)"><title>\(HTML.escape(point.due)) \(HTML.escape(point.label))</title></circle></a>
                """
        }
        if let now = Day(iso: today) {
            let tx = x(now.daysSince1970)
            svg += """
                <line x1="\(fmt(tx))" y1="4" x2="\(fmt(tx))" y2="\(fmt(axis))" stroke="#c0392b" stroke-dasharray="4 3"/>\
                <text x="\(fmt(tx + 4))" y="14" font-size="12" fill="#c0392b">today</text>
                """
        }
        return svg + "</svg>"
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
