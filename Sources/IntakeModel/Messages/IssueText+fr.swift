extension IssueText {
    /// French.
    static let french: [IssueCode: IssueText] = [
        .unreadableFile: IssueText(
            message: "Le fichier est introuvable ou illisible, ou le motif ne correspond à aucun fichier.",
            hint: "Vérifiez le chemin et les droits d'accès du fichier."),
        .emptyFile: IssueText(
            message: "Le fichier n'a pas de ligne d'en-tête : il est vide ou ne contient que des lignes vides.",
            hint: "Exportez à nouveau le fichier ; un en-tête sans lignes de données est accepté."),
        .unrecognizedFormat: IssueText(
            message: "L'en-tête ne correspond à aucun type de fichier connu, ou l'entrée de l'archive n'est pas un fichier CSV.",
            hint: "Indiquez le type avec --as KIND, ou exportez à nouveau le fichier depuis la boutique."),
        .missingColumn: IssueText(
            message: "Une colonne nécessaire au fichier est absente.",
            hint: "Ajoutez la colonne (les noms sont comparés sans tenir compte des majuscules et minuscules), ou exportez à nouveau le fichier."),
        .duplicateColumn: IssueText(
            message: "Deux colonnes portent le même nom.",
            hint: "Supprimez ou renommez l'une d'elles."),
        .encodingError: IssueText(
            message: "Le texte n'est pas dans un encodage lisible (UTF-16 sans marque d'ordre des octets, UTF-32 ou UTF-8 non valide).",
            hint: "Enregistrez le fichier en UTF-8 (CSV UTF-8 dans un tableur)."),
        .corruptArchive: IssueText(
            message: "L'archive est endommagée ou tronquée.",
            hint: "Téléchargez ou copiez à nouveau l'archive."),
        .unsafeArchiveEntry: IssueText(
            message: "L'entrée de l'archive comporte un chemin absolu, '..', un lien ou un fichier de périphérique : elle n'est jamais lue.",
            hint: "Recréez l'archive avec des fichiers ordinaires dans des dossiers ordinaires."),
        .archiveLimitExceeded: IssueText(
            message: "L'archive contient trop d'entrées, ou, une fois décompressée, dépasse le nombre d'octets autorisé par les limites.",
            hint: "Si l'archive est légitime, décompressez-la vous-même et indiquez les fichiers."),
        .malformedRow: IssueText(
            message: "Les guillemets de la ligne sont incorrects (un guillemet non fermé ou en trop), ou la ligne est trop longue.",
            hint: "Mettez entre guillemets les valeurs contenant des virgules ou des sauts de ligne, et écrivez un \" à l'intérieur d'une valeur sous la forme \"\"."),
        .wrongFieldCount: IssueText(
            message: "La ligne contient plus ou moins de champs que l'en-tête.",
            hint: "Une valeur contient probablement un séparateur ou un saut de ligne sans guillemets : mettez la valeur entre guillemets ou supprimez ce caractère."),
        .missingValue: IssueText(
            message: "Une cellule obligatoire est vide.",
            hint: "Remplissez la cellule (State est obligatoire pour les adresses des pays US, CA et AU)."),
        .invalidValue: IssueText(
            message: "La valeur ne fait pas partie de celles autorisées ici.",
            hint: "Saisissez l'une des valeurs autorisées (pour un statut de catalogue : active ou discontinued)."),
        .invalidQuantity: IssueText(
            message: "La quantité n'est pas un nombre entier compris entre 1 et 1 000 000.",
            hint: "Saisissez la quantité sous forme de nombre entier, sans décimales ni unités."),
        .invalidCountry: IssueText(
            message: "Le pays n'est pas un code ISO 3166-1 à deux lettres.",
            hint: "Saisissez le code à deux lettres du pays, par exemple DE, DK, FR, IT, PT ou BR."),
        .invalidEmail: IssueText(
            message: "La valeur n'est pas une adresse e-mail.",
            hint: "Saisissez l'adresse e-mail complète du client, par exemple name@example.com."),
        .invalidPostcode: IssueText(
            message: "Le code postal ne correspond pas au format du pays.",
            hint: "Vérifiez le code postal et le pays ; mettez la colonne au format Texte pour que les zéros initiaux soient conservés."),
        .excelMangledValue: IssueText(
            message: "Un tableur a modifié la valeur : un SKU est devenu un nombre comme 1.23E+11, ou un code postal a perdu ses zéros initiaux.",
            hint: "Rétablissez la valeur et mettez la colonne au format Texte avant d'enregistrer."),
        .unknownProduct: IssueText(
            message: "Aucune association de produit ne correspond à la ligne de commande (par SKU, ou par nom de produit et de variante si le SKU est vide).",
            hint: "Associez la variante : ajoutez son Product UID et l'URL de son fichier graphique au fichier d'associations, puis importez-le."),
        .unknownProductUID: IssueText(
            message: "Le Product UID ne figure pas dans le catalogue.",
            hint: "Copiez le Product UID exactement tel qu'il figure dans le catalogue."),
        .discontinuedProductUID: IssueText(
            message: "Le Product UID n'est plus fabriqué.",
            hint: "Associez la variante à un Product UID qui est toujours fabriqué."),
        .invalidDesignURL: IssueText(
            message: "L'URL du fichier graphique n'est pas une adresse http ou https complète.",
            hint: "Saisissez l'URL complète, commençant par https://."),
        .unsupportedDesignFormat: IssueText(
            message: "Le fichier graphique n'est pas un fichier PDF, PNG, JPEG, TIFF ou SVG (ou l'URL n'indique aucun type de fichier).",
            hint: "Exportez le visuel en PDF, PNG, JPEG, TIFF ou SVG, et utilisez une URL qui se termine par son extension."),
        .specMismatch: IssueText(
            message: "Une option de la variante contredit l'attribut du catalogue portant le même nom (comme la taille ou la couleur).",
            hint: "Associez la variante au Product UID qui correspond à ses options, ou corrigez l'option."),
        .productNotActive: IssueText(
            message: "Le produit est un brouillon, archivé ou non publié dans la boutique.",
            hint: "Aucune commande ne peut arriver pour ce produit tant qu'il n'est pas actif et publié ; ignorez ce message si c'est voulu."),
        .valueTooLong: IssueText(
            message: "La valeur dépasse la longueur acceptée par la production (noms 25, société 60, lignes d'adresse 35, ville 30, code postal 15, téléphone 25 caractères).",
            hint: "Raccourcissez la valeur pour respecter la limite, afin que l'étiquette l'affiche en entier."),
        .unknownCustomer: IssueText(
            message: "Le client de la commande n'existe pas ou n'est pas propriétaire de la boutique.",
            hint: "Ajoutez le client (intake customers add), ou indiquez l'identifiant de référence client de la boutique."),
        .duplicateOrder: IssueText(
            message: "La commande a été produite lors d'une exécution précédente, ou figurait déjà dans ce fichier : elle est ignorée.",
            hint: "Rien à faire : une commande n'est produite qu'une seule fois."),
        .orderHeld: IssueText(
            message: "La ligne est correcte, mais une autre ligne de sa commande a été rejetée : toute la commande est mise en attente.",
            hint: "Corrigez les autres lignes de la commande et importez-la à nouveau."),
    ]
}
