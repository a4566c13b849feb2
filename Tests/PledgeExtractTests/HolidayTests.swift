import PledgeModel
import Testing

@testable import PledgeExtract

/// Each holiday rule against the calendar: fixed days, nth and last weekdays, Easter.
@Suite struct HolidayTests {
    @Test(arguments: [
        ("easter", 2024, "2024-03-31"), ("easter", 2025, "2025-04-20"), ("easter", 2019, "2019-04-21"), ("good friday", 2024, "2024-03-29"),
        ("thanksgiving", 2023, "2023-11-23"), ("thanksgiving", 2025, "2025-11-27"), ("memorial day", 2024, "2024-05-27"),
        ("labor day", 2024, "2024-09-02"), ("mother's day", 2024, "2024-05-12"), ("father's day", 2024, "2024-06-16"),
        ("mlk day", 2025, "2025-01-20"), ("christmas eve", 2024, "2024-12-24"), ("new year's day", 2026, "2026-01-01"),
    ])
    func holidayFallsOnItsDay(_ name: String, _ year: Int, _ day: String) throws {
        let rule = try #require(Holidays.names.first { $0.0 == name }?.1)
        #expect(Holidays.day(rule, in: year)?.iso == day)
    }
}
