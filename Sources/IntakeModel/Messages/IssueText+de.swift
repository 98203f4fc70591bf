extension IssueText {
    /// German.
    static let german: [IssueCode: IssueText] = [
        .unreadableFile: IssueText(
            message: "Die Datei fehlt oder kann nicht gelesen werden, oder das Muster passt auf keine Datei.",
            hint: "Prüfen Sie den Pfad und die Zugriffsrechte der Datei."),
        .emptyFile: IssueText(
            message: "Die Datei hat keine Kopfzeile, weil sie leer ist oder nur Leerzeilen enthält.",
            hint: "Exportieren Sie die Datei erneut; eine Kopfzeile ohne Datenzeilen ist in Ordnung."),
        .unrecognizedFormat: IssueText(
            message: "Die Kopfzeile passt zu keinem bekannten Dateityp, oder der Archiveintrag ist keine CSV-Datei.",
            hint: "Geben Sie den Typ mit --as KIND an, oder exportieren Sie die Datei erneut aus dem Shop."),
        .missingColumn: IssueText(
            message: "Eine Spalte, die die Datei benötigt, fehlt.",
            hint: "Fügen Sie die Spalte hinzu (bei den Spaltennamen wird Groß-/Kleinschreibung nicht beachtet), oder exportieren Sie die Datei erneut."),
        .duplicateColumn: IssueText(
            message: "Zwei Spalten haben denselben Namen.",
            hint: "Löschen Sie eine der beiden Spalten, oder benennen Sie sie um."),
        .encodingError: IssueText(
            message: "Der Text hat keine lesbare Zeichenkodierung (UTF-16 ohne Byte Order Mark, UTF-32 oder ungültiges UTF-8).",
            hint: "Speichern Sie die Datei als UTF-8 (in einer Tabellenkalkulation: CSV UTF-8)."),
        .corruptArchive: IssueText(
            message: "Das Archiv ist beschädigt oder unvollständig.",
            hint: "Laden Sie das Archiv erneut herunter, oder kopieren Sie es erneut."),
        .unsafeArchiveEntry: IssueText(
            message: "Der Archiveintrag enthält einen absoluten Pfad, '..', einen Link oder eine Gerätedatei und wird daher nie gelesen.",
            hint: "Packen Sie die Dateien erneut, als normale Dateien in normalen Ordnern."),
        .archiveLimitExceeded: IssueText(
            message: "Das Archiv hat zu viele Einträge oder ergibt entpackt mehr Bytes, als die Grenzwerte erlauben.",
            hint: "Wenn das Archiv in Ordnung ist, entpacken Sie es selbst und geben Sie die Dateien an."),
        .malformedRow: IssueText(
            message: "Die Anführungszeichen der Zeile sind fehlerhaft (eines ist nicht geschlossen oder überzählig), oder die Zeile ist zu lang.",
            hint: "Setzen Sie Werte mit Kommas oder Zeilenumbrüchen in Anführungszeichen, und schreiben Sie ein \" innerhalb eines Werts als \"\"."),
        .wrongFieldCount: IssueText(
            message: "Die Zeile hat mehr oder weniger Felder als die Kopfzeile.",
            hint: "Wahrscheinlich enthält ein Wert ein Trennzeichen oder einen Zeilenumbruch ohne Anführungszeichen: Setzen Sie den Wert in Anführungszeichen, oder entfernen Sie das Zeichen."),
        .missingValue: IssueText(
            message: "Eine Pflichtzelle ist leer.",
            hint: "Füllen Sie die Zelle aus (State ist bei Adressen in US, CA und AU Pflicht)."),
        .invalidValue: IssueText(
            message: "Der Wert gehört nicht zu den hier zulässigen Werten.",
            hint: "Schreiben Sie einen der zulässigen Werte (für einen Katalogstatus: active oder discontinued)."),
        .invalidQuantity: IssueText(
            message: "Die Menge ist keine ganze Zahl von 1 bis 1.000.000.",
            hint: "Schreiben Sie die Menge als ganze Zahl, ohne Nachkommastellen oder Einheiten."),
        .invalidCountry: IssueText(
            message: "Das Land ist kein zweistelliger Ländercode nach ISO 3166-1.",
            hint: "Schreiben Sie den zweistelligen Code des Landes, z. B. DE, DK, FR, IT, PT oder BR."),
        .invalidEmail: IssueText(
            message: "Der Wert ist keine E-Mail-Adresse.",
            hint: "Schreiben Sie die vollständige E-Mail-Adresse des Kunden, z. B. name@example.com."),
        .invalidPostcode: IssueText(
            message: "Die Postleitzahl passt nicht zum Format des Landes.",
            hint: "Prüfen Sie Postleitzahl und Land; formatieren Sie die Spalte als Text, damit führende Nullen erhalten bleiben."),
        .excelMangledValue: IssueText(
            message: "Eine Tabellenkalkulation hat den Wert verändert: Eine SKU wurde zu einer Zahl wie 1.23E+11, oder eine Postleitzahl hat ihre führenden Nullen verloren.",
            hint: "Stellen Sie den Wert wieder her, und formatieren Sie die Spalte vor dem Speichern als Text."),
        .unknownProduct: IssueText(
            message: "Keine Produktverknüpfung passt zur Bestellposition (über die SKU oder, wenn die SKU leer ist, über Produkt- und Variantenname).",
            hint: "Verknüpfen Sie die Variante: Tragen Sie ihre Product UID und die URL der Designdatei in die Verknüpfungsdatei ein, und importieren Sie diese."),
        .unknownProductUID: IssueText(
            message: "Die Product UID steht nicht im Katalog.",
            hint: "Kopieren Sie die Product UID exakt aus dem Katalog."),
        .discontinuedProductUID: IssueText(
            message: "Die Product UID ist ausgelaufen.",
            hint: "Verknüpfen Sie die Variante mit einer Product UID, die noch produziert wird."),
        .invalidDesignURL: IssueText(
            message: "Die URL der Designdatei ist keine vollständige http- oder https-Adresse.",
            hint: "Schreiben Sie die vollständige URL, beginnend mit https://."),
        .unsupportedDesignFormat: IssueText(
            message: "Die Designdatei ist keine PDF-, PNG-, JPEG-, TIFF- oder SVG-Datei (oder die URL nennt keine Dateiendung).",
            hint: "Exportieren Sie das Design als PDF, PNG, JPEG, TIFF oder SVG, und verwenden Sie eine URL, die auf die passende Dateiendung endet."),
        .specMismatch: IssueText(
            message: "Eine Variantenoption widerspricht dem gleichnamigen Katalogattribut (z. B. Größe oder Farbe).",
            hint: "Verknüpfen Sie die Variante mit der Product UID, die zu ihren Optionen passt, oder korrigieren Sie die Option."),
        .productNotActive: IssueText(
            message: "Das Produkt ist im Shop ein Entwurf, archiviert oder nicht veröffentlicht.",
            hint: "Solange es nicht aktiv und veröffentlicht ist, können keine Bestellungen dafür eingehen; ignorieren Sie diesen Hinweis, wenn das so gewollt ist."),
        .valueTooLong: IssueText(
            message: "Der Wert ist länger, als die Produktion akzeptiert (Namen 25, Firma 60, Adresszeilen 35, Ort 30, Postleitzahl 15, Telefon 25 Zeichen).",
            hint: "Kürzen Sie den Wert auf die zulässige Länge, damit das Etikett ihn vollständig zeigt."),
        .unknownCustomer: IssueText(
            message: "Der Kunde der Bestellung existiert nicht oder ist nicht Inhaber des Shops.",
            hint: "Legen Sie den Kunden an (intake customers add), oder geben Sie die Kundenreferenz-ID des Shops an."),
        .duplicateOrder: IssueText(
            message: "Die Bestellung wurde bereits in einem früheren Lauf produziert oder kam in dieser Datei schon vor und wird daher übersprungen.",
            hint: "Nichts zu tun: Eine Bestellung wird nur einmal produziert."),
        .orderHeld: IssueText(
            message: "Die Zeile ist in Ordnung, aber eine andere Zeile ihrer Bestellung wurde abgelehnt: Die ganze Bestellung wird zurückgehalten.",
            hint: "Korrigieren Sie die anderen Zeilen der Bestellung, und importieren Sie sie erneut."),
    ]
}
