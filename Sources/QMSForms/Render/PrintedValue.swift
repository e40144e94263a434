extension Record {
    /// The value of the top-level field `id` as the printed page shows it (a computed figure
    /// with its declared places, an option by its label), `nil` when the record has none. The
    /// web application shows computed fields with this, so screen and paper agree.
    public func printed(_ id: String, language: Language = .both) -> HTML? {
        guard let field = template.field(id), let value = value(id) else { return nil }
        return FieldCells(language: language, record: self).content(field, value)
    }
}
