import Foundation
import Testing
import XMLSupport
@testable import QMSForms

/// The report charts: what they draw is what the numbers say, and they are well-formed SVG
/// with a title and a description, readable without colour.
struct ChartTests {
    let complaints = Chart(kind: .pareto, title: "投诉分类 Complaints by category", description: "14 complaints",
                           labels: ["a", "b", "c", "d", "e"], values: [6, 2, 2, 3, 1])

    @Test func paretoSortsAndAccumulates() {
        let p = complaints.paretoOrder
        #expect(p.labels == ["a", "d", "b", "c", "e"])
        #expect(p.values == [6, 3, 2, 2, 1])
        #expect(p.cumulative.map { ($0 * 100).rounded() / 100 } == [42.86, 64.29, 78.57, 92.86, 100])
    }

    @Test func theSVGIsWellFormedAndCarriesItsTextAndMarks() throws {
        let svg = complaints.svg(id: "c1").markup
        let tree = try XMLTree.parse(Data(svg.utf8), source: "chart")
        #expect(tree.root.name == "svg")
        #expect(svg.contains("<title id=\"c1-t\">投诉分类 Complaints by category</title>"))
        #expect(svg.contains("aria-labelledby=\"c1-t c1-d\""))
        // One hatched bar per category, and the cumulative line through five points.
        #expect(svg.components(separatedBy: "fill=\"url(#c1-hatch)\"").count - 1 == 5)
        let points = svg.components(separatedBy: "class=\"cumulative\"")[1].components(separatedBy: "points=\"")[1].prefix { $0 != "\"" }
        #expect(points.split(separator: " ").count == 5)
        // No colour but black, white and the print greys.
        let colours = Set(svg.matches(of: /(?:fill|stroke)="(#[0-9a-f]+)"/).map { String($0.1) })
        #expect(colours.isSubset(of: ["#000", "#fff"]))
    }

    @Test func labelsAreEscapedAndTrendsShowTheTarget() throws {
        let trend = Chart(kind: .trend, title: "满意度 <script>", description: "2024–2026",
                          labels: ["2024", "2025", "<b>2026</b>"], values: [79.2, 80.6, 80.7], target: 80)
        let svg = trend.svg(id: "t").markup
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;") && svg.contains("&lt;b&gt;2026"))
        #expect(svg.contains("stroke-dasharray=\"8 4\""))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        _ = try XMLTree.parse(Data(svg.utf8), source: "trend")
    }

    @Test func axesEndOnRoundNumbers() {
        #expect(Chart.niceTop(14) == 20)
        #expect(Chart.niceTop(0.8) == 1)
        #expect(Chart.niceTop(80.7) == 100)
        #expect(Chart.niceTop(6) == 10)
        #expect(Chart.niceTop(0) == 0)
    }
}
