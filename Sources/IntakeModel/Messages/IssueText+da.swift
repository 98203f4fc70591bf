extension IssueText {
    /// Danish.
    static let danish: [IssueCode: IssueText] = [
        .unreadableFile: IssueText(
            message: "Filen mangler eller kan ikke læses, eller mønsteret matcher ingen fil.",
            hint: "Kontrollér stien og filens rettigheder."),
        .emptyFile: IssueText(
            message: "Filen har ingen overskriftslinje: den er tom eller indeholder kun tomme linjer.",
            hint: "Eksportér filen igen; en overskriftslinje uden rækker er i orden."),
        .unrecognizedFormat: IssueText(
            message: "Overskriftslinjen passer ikke til nogen kendt filtype, eller posten i arkivet er ikke en CSV-fil.",
            hint: "Angiv filtypen med --as KIND, eller eksportér filen igen fra butikken."),
        .missingColumn: IssueText(
            message: "En kolonne, som filen skal have, mangler.",
            hint: "Tilføj kolonnen (der skelnes ikke mellem store og små bogstaver i kolonnenavne), eller eksportér filen igen."),
        .duplicateColumn: IssueText(
            message: "To kolonner har samme navn.",
            hint: "Slet eller omdøb en af dem."),
        .encodingError: IssueText(
            message: "Teksten er ikke i en tegnkodning, der kan læses (UTF-16 uden byte order mark, UTF-32 eller ugyldig UTF-8).",
            hint: "Gem filen som UTF-8 (CSV UTF-8 i et regneark)."),
        .corruptArchive: IssueText(
            message: "Arkivet er beskadiget eller afkortet.",
            hint: "Download eller kopiér arkivet igen."),
        .unsafeArchiveEntry: IssueText(
            message: "Posten i arkivet har en absolut sti, '..', et link eller en enhedsfil: den bliver aldrig læst.",
            hint: "Pak filerne igen som almindelige filer i almindelige mapper."),
        .archiveLimitExceeded: IssueText(
            message: "Arkivet har for mange poster eller fylder udpakket flere bytes, end grænserne tillader.",
            hint: "Hvis arkivet er legitimt, så pak det selv ud, og angiv filerne."),
        .malformedRow: IssueText(
            message: "Rækkens anførselstegn er forkerte (et anførselstegn, der ikke er lukket, eller et overskydende), eller rækken er for lang.",
            hint: "Sæt værdier med kommaer eller linjeskift i anførselstegn, og skriv et \" inde i en værdi som \"\"."),
        .wrongFieldCount: IssueText(
            message: "Rækken har flere eller færre felter end overskriftslinjen.",
            hint: "En værdi indeholder sandsynligvis et skilletegn eller linjeskift uden anførselstegn: sæt værdien i anførselstegn, eller fjern tegnet."),
        .missingValue: IssueText(
            message: "En obligatorisk celle er tom.",
            hint: "Udfyld cellen (State er obligatorisk for adresser i US, CA og AU)."),
        .invalidValue: IssueText(
            message: "Værdien er ikke en af dem, der er tilladt her.",
            hint: "Skriv en af de tilladte værdier (for en katalogstatus: active eller discontinued)."),
        .invalidQuantity: IssueText(
            message: "Antallet er ikke et helt tal fra 1 til 1.000.000.",
            hint: "Skriv antallet som et helt tal uden decimaler eller enheder."),
        .invalidCountry: IssueText(
            message: "Landet er ikke en ISO 3166-1-kode på to bogstaver.",
            hint: "Skriv landets kode på to bogstaver, f.eks. DE, DK, FR, IT, PT eller BR."),
        .invalidEmail: IssueText(
            message: "Værdien er ikke en e-mailadresse.",
            hint: "Skriv kundens fulde e-mailadresse, f.eks. name@example.com."),
        .invalidPostcode: IssueText(
            message: "Postnummeret passer ikke til landets format.",
            hint: "Kontrollér postnummeret og landet; formatér kolonnen som tekst, så foranstillede nuller bevares."),
        .excelMangledValue: IssueText(
            message: "Et regneark har ændret værdien: en SKU er blevet til et tal som 1.23E+11, eller et postnummer har mistet sine foranstillede nuller.",
            hint: "Gendan værdien, og formatér kolonnen som tekst, før filen gemmes."),
        .unknownProduct: IssueText(
            message: "Ingen produktkobling matcher ordrelinjen (efter SKU eller efter produkt- og variantnavn, når SKU er tom).",
            hint: "Knyt varianten til et produkt: tilføj dens Product UID og URL'en til designfilen i koblingsfilen, og importér den."),
        .unknownProductUID: IssueText(
            message: "Product UID findes ikke i kataloget.",
            hint: "Kopiér Product UID nøjagtigt fra kataloget."),
        .discontinuedProductUID: IssueText(
            message: "Product UID er udgået.",
            hint: "Knyt varianten til et Product UID, der stadig produceres."),
        .invalidDesignURL: IssueText(
            message: "Designfilens URL er ikke en fuld http- eller https-adresse.",
            hint: "Skriv hele URL'en, begyndende med https://."),
        .unsupportedDesignFormat: IssueText(
            message: "Designfilen er ikke en PDF-, PNG-, JPEG-, TIFF- eller SVG-fil (eller URL'en angiver ingen filtype).",
            hint: "Eksportér designet som PDF, PNG, JPEG, TIFF eller SVG, og brug en URL, der ender på filtypen."),
        .specMismatch: IssueText(
            message: "En af variantens valgmuligheder strider mod katalogets attribut med samme navn (f.eks. størrelse eller farve).",
            hint: "Knyt varianten til det Product UID, der passer til dens valgmuligheder, eller ret valgmuligheden."),
        .productNotActive: IssueText(
            message: "Produktet er en kladde, arkiveret eller ikke offentliggjort i butikken.",
            hint: "Der kan ikke komme ordrer på det, før det er aktivt og offentliggjort; ignorer dette, hvis det er meningen."),
        .valueTooLong: IssueText(
            message: "Værdien er længere, end produktionen accepterer (navne 25, firma 60, adresselinjer 35, by 30, postnummer 15, telefon 25 tegn).",
            hint: "Forkort værdien, så den holder sig inden for grænsen, og hele værdien kommer med på etiketten."),
        .unknownCustomer: IssueText(
            message: "Ordrens kunde findes ikke eller ejer ikke butikken.",
            hint: "Tilføj kunden (intake customers add), eller angiv butikkens kundereference-id."),
        .duplicateOrder: IssueText(
            message: "Ordren blev produceret ved en tidligere kørsel eller forekom allerede i denne fil: den springes over.",
            hint: "Intet at gøre: en ordre produceres kun én gang."),
        .orderHeld: IssueText(
            message: "Linjen er i orden, men en anden linje i samme ordre blev afvist: hele ordren tilbageholdes.",
            hint: "Ret de andre linjer i ordren, og importér den igen."),
    ]
}
