import Foundation

/// A chart drawn by the tool as inline SVG for paper: black and white (hatched bars, solid and
/// dashed lines, no colour needed), a title and a description for screen readers, values
/// printed on the marks, and a size that scales to the page's width.
///
/// ```swift
/// let chart = Chart(kind: .pareto, title: "投诉分类 Complaints by category",
///                   description: "14 complaints: a 6, d 3, b 2, c 2, e 1",
///                   labels: ["a", "b", "c", "d", "e"], values: [6, 2, 2, 3, 1])
/// html += chart.svg(id: "c1")
/// ```
public struct Chart: Sendable, Equatable {
    /// How the figures are drawn.
    public enum Kind: Sendable, Equatable {
        /// Bars in the order given.
        case bar
        /// Bars from largest to smallest with the cumulative share as a line (right axis, %).
        case pareto
        /// A line through the values in order.
        case trend
    }

    /// How the figures are drawn.
    public var kind: Kind
    /// The chart's title.
    public var title: String
    public var description: String
    /// One label per value.
    public var labels: [String]
    /// The values.
    public var values: [Double]
    /// Printed after values on the axis (`%`, `分`), if any.
    public var unit: String
    /// A dashed line at this value, labelled (bar and trend charts): the 80-point target.
    public var target: Double?

    /// A chart of `values` labelled `labels`.
    public init(kind: Kind, title: String, description: String, labels: [String], values: [Double], unit: String = "",
                target: Double? = nil) {
        self.kind = kind
        self.target = target
        self.title = title
        self.description = description
        self.labels = labels
        self.values = values
        self.unit = unit
    }

    /// For a Pareto chart: labels and values from largest to smallest (ties keep their order),
    /// and the cumulative percentage after each.
    public var paretoOrder: (labels: [String], values: [Double], cumulative: [Double]) {
        let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let total = values.reduce(0, +)
        var running = 0.0
        let cumulative = order.map { i -> Double in
            running += values[i]
            return total > 0 ? running / total * 100 : 0
        }
        return (order.map { labels[$0] }, order.map { values[$0] }, cumulative)
    }

    // Drawing area in SVG units; the SVG scales to the column's width when printed.
    static let width = 640.0, height = 300.0
    static let left = 48.0, right = 48.0, top = 40.0, bottom = 58.0

    /// The chart as an `<svg>` element; `id` must be unique in the page (it names the title,
    /// the description and the hatch pattern).
    public func svg(id: String) -> HTML {
        let (labels, values, cumulative): ([String], [Double], [Double])
        if kind == .pareto { (labels, values, cumulative) = paretoOrder } else { (labels, values, cumulative) = (self.labels, self.values, []) }
        let plotWidth = Chart.width - Chart.left - Chart.right, plotHeight = Chart.height - Chart.top - Chart.bottom
        var top = Chart.niceTop(max(values.max() ?? 0, kind == .pareto ? 0 : target ?? 0))
        if top <= 0 { top = 1 }
        func y(_ v: Double) -> Double { Chart.top + plotHeight - v / top * plotHeight }
        let step = plotWidth / Double(max(values.count, 1))
        func x(_ i: Int) -> Double { Chart.left + step * (Double(i) + 0.5) }

        var s: HTML = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 \(f(Chart.width)) \(f(Chart.height))\""
            + " xmlns=\"http://www.w3.org/2000/svg\">\n"
        s += "<title id=\"\(id)-t\">\(title)</title>\n<desc id=\"\(id)-d\">\(description)</desc>\n"
        s += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"1.6\"/></pattern></defs>\n"
        s += "<text x=\"\(f(Chart.width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(title)</text>\n"
        // Axes and four grid lines with their values.
        for k in 0...4 {
            let v = top * Double(k) / 4
            s += "<line x1=\"\(f(Chart.left))\" y1=\"\(f(y(v)))\" x2=\"\(f(Chart.width - Chart.right))\" y2=\"\(f(y(v)))\" stroke=\"#000\""
                + (k == 0 ? " stroke-width=\"1.2\"" : " stroke-width=\"0.4\" stroke-dasharray=\"2 3\"") + "/>\n"
            s += "<text x=\"\(f(Chart.left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"11\">\(Chart.number(v) + unit)</text>\n"
        }
        s += "<line x1=\"\(f(Chart.left))\" y1=\"\(f(Chart.top))\" x2=\"\(f(Chart.left))\" y2=\"\(f(y(0)))\" stroke=\"#000\" stroke-width=\"1.2\"/>\n"
        switch kind {
        case .bar, .pareto:
            let barWidth = min(step * 0.6, 60)
            for (i, v) in values.enumerated() {
                s += "<rect x=\"\(f(x(i) - barWidth / 2))\" y=\"\(f(y(v)))\" width=\"\(f(barWidth))\" height=\"\(f(y(0) - y(v)))\""
                    + " fill=\"url(#\(id)-hatch)\" stroke=\"#000\"/>\n"
                s += "<text x=\"\(f(x(i)))\" y=\"\(f(y(v) - 4))\" text-anchor=\"middle\" font-size=\"12\">\(Chart.number(v))</text>\n"
            }
        case .trend:
            s += "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\" points=\""
                + HTML(escaping: values.indices.map { f(x($0)) + "," + f(y(values[$0])) }.joined(separator: " ")) + "\"/>\n"
            for (i, v) in values.enumerated() {
                s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"4\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>\n"
                s += "<text x=\"\(f(x(i)))\" y=\"\(f(y(v) - 9))\" text-anchor=\"middle\" font-size=\"12\">\(Chart.number(v))</text>\n"
            }
        }
        if let target, kind != .pareto {
            s += "<line x1=\"\(f(Chart.left))\" y1=\"\(f(y(target)))\" x2=\"\(f(Chart.width - Chart.right))\" y2=\"\(f(y(target)))\""
                + " stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"8 4\"/>\n"
            s += "<text x=\"\(f(Chart.width - Chart.right + 4))\" y=\"\(f(y(target) + 4))\" font-size=\"11\">\(Chart.number(target))</text>\n"
        }
        if kind == .pareto {
            // Cumulative share: right axis 0–100 %, a line with square markers, the 80 % line dashed.
            func yc(_ p: Double) -> Double { Chart.top + plotHeight - p / 100 * plotHeight }
            s += "<line x1=\"\(f(Chart.width - Chart.right))\" y1=\"\(f(Chart.top))\" x2=\"\(f(Chart.width - Chart.right))\" y2=\"\(f(yc(0)))\" stroke=\"#000\"/>\n"
            for p in [0.0, 50, 80, 100] {
                s += "<text x=\"\(f(Chart.width - Chart.right + 4))\" y=\"\(f(yc(p) + 4))\" font-size=\"11\">\(Chart.number(p))%</text>\n"
            }
            s += "<line x1=\"\(f(Chart.left))\" y1=\"\(f(yc(80)))\" x2=\"\(f(Chart.width - Chart.right))\" y2=\"\(f(yc(80)))\" stroke=\"#000\""
                + " stroke-width=\"0.8\" stroke-dasharray=\"8 4\"/>\n"
            s += "<polyline class=\"cumulative\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.6\" points=\""
                + HTML(escaping: cumulative.indices.map { f(x($0)) + "," + f(yc(cumulative[$0])) }.joined(separator: " ")) + "\"/>\n"
            for (i, p) in cumulative.enumerated() {
                s += "<rect x=\"\(f(x(i) - 3))\" y=\"\(f(yc(p) - 3))\" width=\"6\" height=\"6\" fill=\"#000\"/>\n"
            }
        }
        for (i, label) in labels.enumerated() {
            s += "<text x=\"\(f(x(i)))\" y=\"\(f(y(0) + 16))\" text-anchor=\"middle\" font-size=\"11\">\(Chart.short(label))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// 1, 2 or 5 times a power of ten at or above `v`, so the axis reads in round numbers.
    static func niceTop(_ v: Double) -> Double {
        guard v > 0 else { return 0 }
        let power = pow(10, floor(log10(v)))
        for m in [1.0, 2, 2.5, 5, 10] where m * power >= v { return m * power }
        return 10 * power
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    /// Axis labels stay short enough to fit under their bar.
    static func short(_ label: String) -> String { label.count > 8 ? String(label.prefix(7)) + "…" : label }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
