extension IssueText {
    /// Italian.
    static let italian: [IssueCode: IssueText] = [
        .unreadableFile: IssueText(
            message: "Il file non esiste o non è leggibile, oppure il pattern non corrisponde ad alcun file.",
            hint: "Controllare il percorso e i permessi del file."),
        .emptyFile: IssueText(
            message: "Il file non ha una riga di intestazione: è vuoto o contiene solo righe vuote.",
            hint: "Esportare di nuovo il file; un'intestazione senza righe di dati va bene."),
        .unrecognizedFormat: IssueText(
            message: "L'intestazione non corrisponde a nessun tipo di file noto, oppure la voce dell'archivio non è un file CSV.",
            hint: "Indicare il tipo con --as KIND, oppure esportare di nuovo il file dal negozio online."),
        .missingColumn: IssueText(
            message: "Manca una colonna richiesta dal file.",
            hint: "Aggiungere la colonna (i nomi vengono confrontati senza distinzione tra maiuscole e minuscole), oppure esportare di nuovo il file."),
        .duplicateColumn: IssueText(
            message: "Due colonne hanno lo stesso nome.",
            hint: "Eliminare o rinominare una delle due."),
        .encodingError: IssueText(
            message: "Il testo non è in una codifica leggibile (UTF-16 senza byte order mark, UTF-32 o UTF-8 non valido).",
            hint: "Salvare il file come UTF-8 (CSV UTF-8 in un foglio di calcolo)."),
        .corruptArchive: IssueText(
            message: "L'archivio è danneggiato o troncato.",
            hint: "Scaricare o copiare di nuovo l'archivio."),
        .unsafeArchiveEntry: IssueText(
            message: "La voce dell'archivio ha un percorso assoluto, '..', un collegamento o un file di dispositivo: non viene mai letta.",
            hint: "Ricreare l'archivio con file normali in cartelle normali."),
        .archiveLimitExceeded: IssueText(
            message: "L'archivio ha troppe voci, oppure una volta estratto supera il numero di byte consentito dai limiti.",
            hint: "Se l'archivio è legittimo, estrarlo manualmente e indicare i file."),
        .malformedRow: IssueText(
            message: "Le virgolette della riga sono errate (virgolette non chiuse o in più), oppure la riga è troppo lunga.",
            hint: "Racchiudere tra virgolette i valori che contengono virgole o a capo, e scrivere un \" all'interno di un valore come \"\"."),
        .wrongFieldCount: IssueText(
            message: "La riga ha più o meno campi dell'intestazione.",
            hint: "Probabilmente un valore contiene un separatore o un a capo senza virgolette: racchiudere il valore tra virgolette o eliminare il carattere."),
        .missingValue: IssueText(
            message: "Una cella obbligatoria è vuota.",
            hint: "Compilare la cella (State è obbligatorio per gli indirizzi in US, CA e AU)."),
        .invalidValue: IssueText(
            message: "Il valore non è tra quelli consentiti qui.",
            hint: "Scrivere uno dei valori consentiti (per lo stato di catalogo: active o discontinued)."),
        .invalidQuantity: IssueText(
            message: "La quantità non è un numero intero da 1 a 1.000.000.",
            hint: "Scrivere la quantità come numero intero, senza decimali né unità di misura."),
        .invalidCountry: IssueText(
            message: "Il paese non è un codice ISO 3166-1 di due lettere.",
            hint: "Scrivere il codice di due lettere del paese, ad esempio DE, DK, FR, IT, PT o BR."),
        .invalidEmail: IssueText(
            message: "Il valore non è un indirizzo e-mail.",
            hint: "Scrivere l'indirizzo e-mail completo del cliente, ad esempio name@example.com."),
        .invalidPostcode: IssueText(
            message: "Il codice postale non corrisponde al formato del paese.",
            hint: "Controllare il codice postale e il paese; formattare la colonna come testo per mantenere gli zeri iniziali."),
        .excelMangledValue: IssueText(
            message: "Un foglio di calcolo ha modificato il valore: uno SKU è diventato un numero come 1.23E+11, oppure un codice postale ha perso gli zeri iniziali.",
            hint: "Ripristinare il valore e formattare la colonna come testo prima di salvare."),
        .unknownProduct: IssueText(
            message: "Nessun collegamento prodotto corrisponde alla riga d'ordine (per SKU, oppure per nome di prodotto e variante se lo SKU è vuoto).",
            hint: "Collegare la variante: aggiungere il suo Product UID e l'URL del file grafico al file dei collegamenti e importarlo."),
        .unknownProductUID: IssueText(
            message: "Il Product UID non è presente nel catalogo.",
            hint: "Copiare il Product UID esattamente come appare nel catalogo."),
        .discontinuedProductUID: IssueText(
            message: "Il Product UID è fuori produzione.",
            hint: "Collegare la variante a un Product UID ancora in produzione."),
        .invalidDesignURL: IssueText(
            message: "L'URL del file grafico non è un indirizzo http o https completo.",
            hint: "Scrivere l'URL completo, che inizia con https://."),
        .unsupportedDesignFormat: IssueText(
            message: "Il file grafico non è un file PDF, PNG, JPEG, TIFF o SVG (oppure l'URL non indica alcun tipo di file).",
            hint: "Esportare la grafica in PDF, PNG, JPEG, TIFF o SVG e usare un URL che termini con l'estensione del file."),
        .specMismatch: IssueText(
            message: "Un'opzione della variante contraddice l'attributo del catalogo con lo stesso nome (ad esempio la misura o il colore).",
            hint: "Collegare la variante al Product UID corrispondente alle sue opzioni, oppure correggere l'opzione."),
        .productNotActive: IssueText(
            message: "Il prodotto è una bozza, è archiviato o non è pubblicato nel negozio online.",
            hint: "Non possono arrivare ordini per questo prodotto finché non è attivo e pubblicato; ignorare l'avviso se è voluto."),
        .valueTooLong: IssueText(
            message: "Il valore è più lungo di quanto accettato dalla produzione (nomi 25, azienda 60, righe dell'indirizzo 35, città 30, codice postale 15, telefono 25 caratteri).",
            hint: "Accorciare il valore entro il limite, in modo che l'etichetta lo riporti per intero."),
        .unknownCustomer: IssueText(
            message: "Il cliente dell'ordine non esiste oppure non è il titolare del negozio online.",
            hint: "Aggiungere il cliente (intake customers add), oppure indicare l'ID di riferimento cliente del negozio online."),
        .duplicateOrder: IssueText(
            message: "L'ordine è stato prodotto in un'esecuzione precedente, oppure era già presente in questo file: viene saltato.",
            hint: "Nessuna azione necessaria: un ordine viene prodotto una sola volta."),
        .orderHeld: IssueText(
            message: "La riga è corretta, ma un'altra riga dello stesso ordine è stata rifiutata: l'intero ordine viene messo in attesa.",
            hint: "Correggere le altre righe dell'ordine e importarlo di nuovo."),
    ]
}
