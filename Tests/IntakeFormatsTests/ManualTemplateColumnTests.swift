import IntakeCSV
import IntakeFormats
import IntakeModel
import Testing

/// The manual order template's `Template` column, in each of its languages.
@Suite struct ManualTemplateColumnTests {
    @Test(arguments: ["Template", "Skabelon", "Vorlage", "Modèle", "Modello", "Modelo", "Plantilla", "Sjabloon"])
    func theTemplateColumnIsFoundInEachLanguage(name: String) throws {
        let header = HeaderIndex(["Order Reference", "Quantity", name, "Country"])
        #expect(ManualOrderAdapter.matches(header), "a file with a Template column and no SKU is a manual order file")
        let adapter = try #require(ManualOrderAdapter(header: header))
        #expect(adapter.columns[.template] == name)
    }
}
