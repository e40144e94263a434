extension TemplateCheck {
    /// Every `<check>` compares two things that compare: numbers with numbers, dates and
    /// date-times with each other; `plus-days` only with dates; its conditions name fields whose
    /// types suit their tests.
    func checkRules() throws(TemplateError) {
        for section in template.sections {
            for rule in section.checks { try checkRule(rule, table: nil) }
            for field in section.fields {
                if case let .table(table) = field.kind { for rule in table.checks { try checkRule(rule, table: table) } }
            }
        }
    }

    private func checkRule(_ rule: Check, table: Table?) throws(TemplateError) {
        func fail(_ message: String) -> TemplateError {
            TemplateError(path: path, line: rule.line, reason: .semantic("check \(rule.formula): \(message)"))
        }
        guard let left = target(rule.leftReference, table: table) else { throw fail("'\(rule.left)' is not a field") }
        let dates = isDateLike(left)
        guard dates || isNumeric(left) else { throw fail("'\(rule.left)' is \(left.typeName): only numbers and dates compare") }
        switch rule.right {
        case .number:
            guard !dates else { throw fail("a date compares with another date, not with a number") }
        case let .field(name):
            guard let reference = rule.rightReference, let right = target(reference, table: table) else { throw fail("'\(name)' is not a field") }
            guard dates ? isDateLike(right) : isNumeric(right) else {
                throw fail("'\(rule.left)' is \(left.typeName) but '\(name)' is \(right.typeName): they do not compare")
            }
        }
        if rule.plusDays != 0 && !dates { throw fail("plus-days adds days to a date; these are numbers") }
        for condition in rule.when { try checkCondition(condition, of: left, table: table, what: "check \(rule.formula): when") }
    }
}
