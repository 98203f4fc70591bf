extension WooCommerceProductAdapter {
    /// The names WooCommerce's product exporter gives the columns used, per site language, normalised (lowercase,
    /// single spaces).
    ///
    /// The exporter translates its header into the site language (`__( 'Parent', 'woocommerce' )`), so one
    /// column has a name per language: English, Danish, German, French, Italian, Portuguese (pt-PT and pt-BR),
    /// Spanish and Dutch. The names come from WooCommerce's translations as exported by real stores (pt-BR:
    /// `../shared/realworld/woocommerce_products_export_pt_br.csv`; de, fr, es and it from exports seen in public
    /// repositories); older translations and the common variants are kept, because a store exports with whatever
    /// translation it had installed at the time. French and Italian names are listed with both the typewriter
    /// `'` and the typographic `’` apostrophe.
    enum Aliases {
        static let id = ["id"]
        static let type = ["type", "typ", "tipo", "tipo de produto", "tipo de producto", "type de produit"]
        static let sku = [
            "sku", "ref", "ref.", "referência", "referencia", "artikelnummer", "art.-nr.", "ugs", "varenummer", "varenr.",
            "codice articolo", "cod. articolo",
        ]
        static let name = ["name", "navn", "nom", "nome", "nombre", "naam"]
        static let published = [
            "published", "udgivet", "offentliggjort", "veröffentlicht", "publié", "publie", "pubblicato", "publicado",
            "gepubliceerd",
        ]
        static let parent = withTypographicApostrophes([
            "parent", "forælder", "overordnet", "overordnet produkt", "übergeordnetes produkt", "übergeordnet", "eltern",
            "elternprodukt", "produit parent", "genitore", "prodotto genitore", "superiore", "produto ascendente",
            "ascendente", "produto principal", "produto pai", "superior", "padre", "producto padre", "hoofdproduct",
            "bovenliggend product", "bovenliggend", "ouder",
        ])
        static let regularPrice = [
            "regular price", "normalpris", "normal pris", "regulærpris", "regulärer preis", "normalpreis", "tarif régulier",
            "tarif regulier", "prix régulier", "prix normal", "prezzo di listino", "prezzo regolare", "preço", "preço normal",
            "preço regular", "precio normal", "precio regular", "reguliere prijs", "normale prijs",
        ]

        /// `Attribute N name` in every language.
        static func attributeName(_ n: Int) -> [String] {
            withTypographicApostrophes([
                "attribute \(n) name",
                "egenskab \(n) navn", "attribut \(n) navn", "navn på egenskab \(n)",
                "name des merkmals \(n)", "merkmal \(n) name", "attribut \(n) name", "eigenschaft \(n) name",
                "nom de l'attribut \(n)", "attribut \(n) nom",
                "nome dell'attributo \(n)", "attributo \(n) nome",
                "nome do atributo \(n)", "atributo \(n) nome",
                "nombre del atributo \(n)", "atributo \(n) nombre",
                "attribuut \(n) naam", "naam van attribuut \(n)", "naam attribuut \(n)",
            ])
        }

        /// `Attribute N value(s)` in every language.
        static func attributeValue(_ n: Int) -> [String] {
            withTypographicApostrophes([
                "attribute \(n) value(s)", "attribute \(n) values", "attribute \(n) value",
                "egenskab \(n) værdi(er)", "attribut \(n) værdi(er)", "værdi(er) for egenskab \(n)",
                "wert(e) des merkmals \(n)", "merkmal \(n) wert(e)", "attribut \(n) wert(e)", "eigenschaft \(n) wert(e)",
                "valeur(s) de l'attribut \(n)", "attribut \(n) valeur(s)",
                "valore dell'attributo \(n)", "valore(i) dell'attributo \(n)", "valori dell'attributo \(n)",
                "attributo \(n) valore(i)",
                "valores do atributo \(n)", "valor(es) do atributo \(n)", "atributo \(n) valor(es)",
                "valor(es) del atributo \(n)", "valores del atributo \(n)", "atributo \(n) valor(es)",
                "attribuut \(n) waarde(n)", "waarde(n) van attribuut \(n)", "waarde(n) attribuut \(n)",
            ])
        }

        /// `names` plus, for each name with a `'`, the same name with `’` (what WordPress's texturize writes).
        static func withTypographicApostrophes(_ names: [String]) -> [String] {
            names + names.filter { $0.contains("'") }.map { $0.replacingApostrophes() }
        }
    }
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        String(map { $0 == "'" ? "’" : $0 })
    }
}
