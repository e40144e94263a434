import Foundation
import Testing
@testable import QMSForms

/// Printed figures: rounded half to even (GB/T 8170-2008 §3.3) to their declared places, every place shown.
@Suite struct PrintedFigureTests {
    @Test(arguments: [("79.96", 1, "80.0"), ("79.85", 1, "79.8"), ("79.75", 1, "79.8"), ("79.851", 1, "79.9"), ("2.4", 2, "2.40"),
                      ("268.096515", 0, "268"), ("0.5", 0, "0"), ("1.5", 0, "2"), ("-0.066667", 1, "-0.1"), ("80", 1, "80.0")])
    func halfToEvenWithEveryPlaceShown(_ value: String, _ places: Int, _ printed: String) {
        #expect(Value.printed(Decimal(string: value)!, places: places) == printed)
    }

    /// The record holds six places; the calculation does not round to the printed places first.
    @Test func aComputedFigureIsHeldToSixPlaces() {
        #expect(Calculator.held(Decimal(1000) / Decimal(1429) * 100) == Decimal(string: "69.979006")!)
    }
}
